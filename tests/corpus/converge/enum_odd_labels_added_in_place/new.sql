CREATE SCHEMA "En Chg";
CREATE TYPE "En Chg"."State" AS ENUM ('draft ✎', 'new', 'O''Neil', 'in "review"', 'done', '', '🚀 shipped');
CREATE TABLE "En Chg".task (id int, st "En Chg"."State" NOT NULL DEFAULT 'new') PARTITION BY LIST (st);
CREATE TABLE "En Chg".task_new PARTITION OF "En Chg".task FOR VALUES IN ('new');
CREATE TABLE "En Chg".task_rest PARTITION OF "En Chg".task DEFAULT;
