create schema audit;
create table audit.events (id bigint primary key, at timestamptz);
create table audit.log (id int references audit.events(id));
