create schema old_s;
create schema new_s;
create type new_s.level as enum ('lo', 'hi');
create domain new_s.pos as int check (value > 0);
create sequence new_s.counter;
create table new_s.items (id int primary key, lvl new_s.level, n new_s.pos, c int default nextval('new_s.counter'));
create table old_s.kept (id int primary key, v text);
create table new_s.kept (id int primary key);
