create table t (email text, deleted boolean);
