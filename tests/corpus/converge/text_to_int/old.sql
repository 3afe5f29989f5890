create table t (a text);
