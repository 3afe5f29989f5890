create table t (a integer);
