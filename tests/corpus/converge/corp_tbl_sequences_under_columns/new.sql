create table a (id int primary key);
create sequence shared_seq;
create table b (id bigint default nextval('shared_seq') primary key);
create table c (id bigint default nextval('shared_seq') primary key);
alter sequence shared_seq owned by c.id;
create table d (id serial primary key);
create sequence bounded minvalue 200 maxvalue 300;
