create table "users" ("id" bigserial not null primary key, "name" varchar(255) not null, "email" varchar(255) not null, "created_at" timestamp(0) without time zone null, "updated_at" timestamp(0) without time zone null);
alter table "users" add constraint "users_email_unique" unique ("email");
create table "posts" ("id" bigserial not null primary key, "user_id" bigint not null, "title" varchar(255) not null, "body" varchar(255) not null, "status" varchar(255) check ("status" in ('draft', 'published')) not null default 'draft', "meta" json null, "created_at" timestamp(0) without time zone null, "updated_at" timestamp(0) without time zone null);
alter table "posts" add constraint "posts_user_id_foreign" foreign key ("user_id") references "users" ("id");
create index "posts_status_index" on "posts" ("status");
