create schema "Ser";
create table "Ser".a (id bigserial primary key, v text);
create table "Ser".b (id bigint generated always as identity primary key, v text);
create table "Ser".c (id smallserial primary key, v varchar(3));
create table "Ser".d (id bigserial primary key, v text);
