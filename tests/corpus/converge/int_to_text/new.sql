create table t (a text default '1');
