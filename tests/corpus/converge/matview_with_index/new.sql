create table t (id int, v numeric);
create materialized view mv as select id, sum(v) as s from t group by id;
create unique index mv_id on mv (id);
create index mv_s on mv (s);
comment on materialized view mv is 'sums';
