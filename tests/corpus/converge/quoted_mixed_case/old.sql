create table "Users" ("Id" int primary key, "Full Name" text);
create view "ActiveUsers" as select "Id" from "Users";
