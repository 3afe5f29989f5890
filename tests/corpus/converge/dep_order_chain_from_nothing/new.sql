create schema "Reports";
create table people (id int primary key, first text not null, last text not null, "Team" text);
create function full_name(p people) returns text immutable language sql
  begin atomic select p.first || ' ' || p.last; end;
create index people_full_name on people (full_name(people));
create unique index people_team_name on people ("Team", full_name(people)) where "Team" is not null;
create view "Reports"."Named" as select id, full_name(p) as name from people p;
create function "Reports".named_count() returns bigint stable language sql
  begin atomic select count(*) from "Reports"."Named"; end;
create view "Reports".summary as select "Reports".named_count() as n;
create materialized view "Reports".m as select * from "Reports".summary;
comment on index people_full_name is 'computed field index';
