create table t (id int primary key, name text);
create function rows_of() returns table (id int, name text) language sql stable as $$ select id, name from t $$;
create view v as select * from rows_of();
