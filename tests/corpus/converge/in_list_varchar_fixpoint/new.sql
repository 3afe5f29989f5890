create table "Orders" (
  id int,
  status varchar(20) default 'new' check (status in ('new', 'paid', 'shipped')),
  kind character varying check (kind = any (array['a', 'b'])),
  n int
);

create table fresh (s varchar(5) constraint fresh_s_check check (s in ('x', 'y')));
