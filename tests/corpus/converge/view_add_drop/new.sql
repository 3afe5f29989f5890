create table t (a int);
create view fresh as select a + 1 as b from t;
comment on view fresh is 'fresh view';
