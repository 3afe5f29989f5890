-- Columns with reserved, mixed-case, dotted, quoted, spaced and non-ASCII names, each retyped, defaulted, made NOT NULL, indexed, constrained and commented.
create table "user" (
  "order" int primary key,
  "select" text,
  "Group.By" int,
  "a ""quoted"" col" varchar(10),
  "naïve café" text,
  "CamelCase" int,
  "from" date,
  "table" int
);
create index "user_select_idx" on "user" ("select");
insert into "user" values (1, 's', 2, 'q', 'n', 3, '2020-01-01', 4);
