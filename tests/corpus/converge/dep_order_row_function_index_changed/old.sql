create table people (id int primary key, first text not null, last text not null);
create function full_name(p people) returns text immutable language sql
  begin atomic select p.first || ' ' || p.last; end;
create index people_full_name on people (full_name(people));
create view people_named as select id, full_name(p) as name from people p;
