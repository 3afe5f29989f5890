create table t (id int primary key, gone text, also_gone int);
