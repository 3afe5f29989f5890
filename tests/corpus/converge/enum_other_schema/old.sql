create schema app;
create type app.color as enum ('red', 'green');
create table app.t (c app.color);
