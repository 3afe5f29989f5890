-- Sequences under columns: a sequence owned by a column that is dropped, one shared by two tables' defaults whose owner changes, one whose type narrows under a serial, one restarted within new bounds.
create table a (id int primary key, legacy_no int);
create sequence a_legacy_seq owned by a.legacy_no;
alter table a alter legacy_no set default nextval('a_legacy_seq');
create sequence shared_seq;
create table b (id bigint default nextval('shared_seq') primary key);
create table c (id bigint default nextval('shared_seq') primary key);
alter sequence shared_seq owned by b.id;
create table d (id bigserial primary key);
create sequence bounded minvalue 1 maxvalue 100;
