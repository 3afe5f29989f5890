-- Primary keys and uniques: added to a table without one, dropped, column list changed, INCLUDE added, renamed by declaration, deferrable flipped.
create table a (id int, code text);
create table b (id int primary key, v int);
create table c (x int, y int, z int, constraint c_pkey primary key (x, y));
create table d (id int constraint d_pk primary key, e text, f text, constraint d_e_key unique (e));
create table e (id int primary key, u int constraint e_u_key unique deferrable initially deferred);
insert into c values (1, 1, 1), (1, 2, 1);
