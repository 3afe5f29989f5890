create table t (id int, code text, n int);
create view v as select id, code from t;
comment on column v.code is 'old';
comment on column v.id is 'to be removed';
create view w as select id, n from t;
comment on column w.n is 'kept through a redefinition';
create materialized view mv as select id from t;
