create table t (id int primary key, name text);
create function rows_of() returns table (id bigint, name text) language sql stable as $$ select id::bigint, name from t $$;
create view v as select * from rows_of();
