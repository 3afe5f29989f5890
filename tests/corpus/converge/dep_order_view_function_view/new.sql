create table "Orders" (id int primary key, total numeric not null);
create view big_orders as select id, total from "Orders" where total > 100;
create function big_total() returns numeric stable language sql
  begin atomic select sum(total) from big_orders; end;
create view "Summary" as select big_total() as big, (select count(*) from "Orders") as n;
create function rows_of(v big_orders) returns numeric language sql as 'select v.total';
create materialized view totals as select rows_of(b) as t from big_orders b;
create index totals_t on totals (t);
