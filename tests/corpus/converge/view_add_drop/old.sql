create table t (a int);
create view gone as select a from t;
