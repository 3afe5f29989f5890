create table people (id int primary key, name text);
create view adults as select id, name from people where id > 17;
create function by_name(n text) returns setof people language sql stable as $$select * from people where name = n$$;
create function all_people() returns people[] language sql stable as $$select array_agg(p) from people p$$;
create function first_adult() returns adults language sql stable begin atomic select * from adults order by id limit 1; end;
