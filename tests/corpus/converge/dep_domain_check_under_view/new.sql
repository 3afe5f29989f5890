create domain pos as bigint check (value > 0);
create table t (id int primary key, n pos);
create view v as select id, n from t;
create function f(x pos) returns pos language sql as $$ select x $$;
