create table keyed (id bigint primary key);
create table unkeyed (id bigint not null unique, note text);
create table heap (note text);
create view v as select * from heap;
create schema audit;
create table audit.log (at timestamptz);
