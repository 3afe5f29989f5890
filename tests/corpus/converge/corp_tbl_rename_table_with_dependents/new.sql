create schema app;
create table app.members (id int primary key, member_name text not null, age bigint);
create sequence app.users_id_seq as integer owned by app.members.id;
alter table app.members alter id set default nextval('app.users_id_seq');
create index users_name_idx on app.members (member_name);
create table app.posts (id int primary key, author int constraint posts_author_fk references app.members on delete cascade);
create view app.user_names as select id, member_name as name from app.members;
