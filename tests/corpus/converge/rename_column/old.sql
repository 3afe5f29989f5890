create table t (id int primary key, old_name text);
