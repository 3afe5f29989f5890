-- Enum labels added in place with odd spellings: BEFORE the first label, AFTER a quoted one, at the end with emoji and an empty string, in an enum used by a column default and a partition key.
CREATE SCHEMA "En Chg";
CREATE TYPE "En Chg"."State" AS ENUM ('new', 'O''Neil', 'done');
CREATE TABLE "En Chg".task (id int, st "En Chg"."State" NOT NULL DEFAULT 'new') PARTITION BY LIST (st);
CREATE TABLE "En Chg".task_new PARTITION OF "En Chg".task FOR VALUES IN ('new');
CREATE TABLE "En Chg".task_rest PARTITION OF "En Chg".task DEFAULT;
