create table t (email text, deleted boolean);
create unique index t_email on t (lower(email)) where not deleted;
