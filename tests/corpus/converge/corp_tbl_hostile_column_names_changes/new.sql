create table "user" (
  "order" bigint primary key,
  "select" text not null default 'it''s',
  "Group.By" bigint constraint "Group.By > 0" check ("Group.By" > 0),
  "a ""quoted"" col" varchar(30) default 'x"y',
  "naïve café" text collate "C",
  "CamelCase" int unique,
  "from" timestamptz,
  "table" int references "user" ("order")
);
create index "user_select_idx" on "user" ("select", "naïve café");
create index "ünïque ""idx""" on "user" ("a ""quoted"" col") where "from" is not null;
comment on column "user"."naïve café" is 'naïve';
comment on column "user"."a ""quoted"" col" is 'it''s "quoted"';
