-- UNIQUE NULLS NOT DISTINCT (15+) toggled on constraints and indexes, next to a partial unique index and a unique index that becomes a constraint.
create table u (
  id int primary key,
  a int, b int, c int, d text,
  constraint u_a_key unique (a),
  constraint u_bc_key unique nulls not distinct (b, c)
);
create unique index u_d_idx on u (d) nulls not distinct;
create unique index u_c_idx on u (c);
create unique index u_lower_d on u (lower(d)) where d is not null;
