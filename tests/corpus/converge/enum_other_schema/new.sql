create schema app;
create type app.color as enum ('green', 'red', 'blue');
create table app.t (c app.color);
