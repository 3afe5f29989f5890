create table t (id int primary key, a text, b int, c timestamp, d int default 3);
