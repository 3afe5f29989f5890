create schema audit;
create table audit.events (id int);
