create table e (id int primary key, at timestamp not null);
create view recent as select id, at from e where at > '2020-01-01';
create view recent2 as select id from recent;
