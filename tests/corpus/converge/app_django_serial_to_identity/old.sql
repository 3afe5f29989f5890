CREATE TABLE "auth_user" ("id" serial NOT NULL PRIMARY KEY, "username" varchar(30) NOT NULL UNIQUE, "email" varchar(75) NOT NULL, "date_joined" timestamp with time zone NOT NULL);
CREATE TABLE "blog_entry" ("id" serial NOT NULL PRIMARY KEY, "slug" varchar(50) NOT NULL, "author_id" integer NOT NULL, "rating" integer NOT NULL, "pub_date" timestamp with time zone NOT NULL);
ALTER TABLE "blog_entry" ADD CONSTRAINT "blog_entry_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "auth_user" ("id");
ALTER TABLE "blog_entry" ADD CONSTRAINT "blog_entry_slug_pub_date_uniq" UNIQUE ("slug", "pub_date");
CREATE INDEX "blog_entry_author_id" ON "blog_entry" ("author_id");
CREATE TABLE "blog_tag" ("id" serial NOT NULL PRIMARY KEY, "name" varchar(50) NOT NULL UNIQUE);
