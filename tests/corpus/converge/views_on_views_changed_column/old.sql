create table t (id int, v int, w text);
create view v1 as select id, v from t;
create view v2 as select id, v * 2 as v2 from v1;
create view v3 as select count(*) as n from v2;
create view unrelated as select 1 as one;
