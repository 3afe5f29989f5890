create type "Mood" as enum ('Happy', 'Sad');
create table "Users" ("Id" bigint primary key, "Full Name" varchar(200) not null, "Mood" "Mood", "select" int);
create index "Users_Name_Idx" on "Users" ("Full Name");
create view "ActiveUsers" as select "Id" from "Users";
create table "Orders" ("Id" int primary key, "UserId" bigint references "Users"("Id"));
