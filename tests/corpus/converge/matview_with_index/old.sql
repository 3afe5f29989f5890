create table t (id int, v int);
create materialized view mv as select id, sum(v) as s from t group by id;
create unique index mv_id on mv (id);
comment on materialized view mv is 'sums';
