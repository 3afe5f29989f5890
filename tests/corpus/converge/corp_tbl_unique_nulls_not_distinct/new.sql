create table u (
  id int primary key,
  a int, b int, c int, d text,
  constraint u_a_key unique nulls not distinct (a),
  constraint u_bc_key unique (b, c),
  constraint u_c_idx unique (c)
);
create unique index u_d_idx on u (d);
create unique index u_lower_d on u (lower(d)) nulls not distinct where d <> '';
