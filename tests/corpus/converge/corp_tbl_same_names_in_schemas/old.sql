-- The same table, index, constraint, sequence and type names in three schemas, each changed differently, so a change must never land on the wrong schema.
create schema s1; create schema s2;
create type public.kind as enum ('a'); create type s1.kind as enum ('a'); create type s2.kind as enum ('a');
create sequence public.seq; create sequence s1.seq; create sequence s2.seq;
create table public.t (id int constraint t_pk primary key, v int, k public.kind, constraint t_chk check (v > 0));
create table s1.t (id int constraint t_pk primary key, v int, k s1.kind, constraint t_chk check (v > 0));
create table s2.t (id int constraint t_pk primary key, v int, k s2.kind, constraint t_chk check (v > 0));
create index t_v on public.t (v); create index t_v on s1.t (v); create index t_v on s2.t (v);
create table s2.r (id int primary key, t_id int constraint r_fk references s1.t);
