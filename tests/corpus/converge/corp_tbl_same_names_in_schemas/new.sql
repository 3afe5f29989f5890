create schema s1; create schema s2;
create type public.kind as enum ('a'); create type s1.kind as enum ('a', 'b'); create type s2.kind as enum ('a');
create sequence public.seq; create sequence s1.seq increment 10; create sequence s2.seq;
create table public.t (id int constraint t_pk primary key, v bigint, k public.kind, constraint t_chk check (v > 0));
create table s1.t (id int constraint t_pk primary key, v int, k s1.kind, constraint t_chk check (v > 1));
create table s2.t (id int constraint t_pk primary key, v int not null, k s2.kind, constraint t_chk check (v > 0));
create index t_v on public.t (v); create index t_v on s1.t (v desc); create index t_v on s2.t (v);
create table s2.r (id int primary key, t_id int constraint r_fk references s2.t);
comment on table s2.t is 'only s2';
