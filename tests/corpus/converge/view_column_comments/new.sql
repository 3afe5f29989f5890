create table t (id int, code text, n int);
create view v as select id, code from t;
comment on column v.code is 'new';
create view w as select id, n, n * 2 as "Double N" from t where n > 0;
comment on column w.n is 'kept through a redefinition';
comment on column w."Double N" is 'twice n';
create materialized view mv as select id from t;
comment on column mv.id is 'added';
