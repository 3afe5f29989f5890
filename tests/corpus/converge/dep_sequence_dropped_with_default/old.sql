create sequence "Ticket Seq" start 100;
create table t (id bigint primary key default nextval('"Ticket Seq"'), x int);
create view v as select id, nextval('"Ticket Seq"') as nxt from t;
insert into t (x) values (1);
