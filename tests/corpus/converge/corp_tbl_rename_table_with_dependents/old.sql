-- A table renamed by declaration while FKs point at it, its serial's sequence, its indexes and a view depend on it, with a column renamed and another retyped in the same plan.
create schema app;
create table app.users (id serial primary key, name text not null, age int);
create index users_name_idx on app.users (name);
create table app.posts (id int primary key, author int constraint posts_author_fk references app.users on delete cascade);
create view app.user_names as select id, name from app.users;
insert into app.users (name, age) values ('ann', 30);
insert into app.posts values (1, 1);
