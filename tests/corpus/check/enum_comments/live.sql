CREATE SCHEMA audit;
CREATE TYPE mood AS ENUM ('sad', 'ok'); COMMENT ON TYPE mood IS 'same';
CREATE TYPE "Odd Mood" AS ENUM ('a'); COMMENT ON TYPE "Odd Mood" IS 'live text';
CREATE TYPE audit.level AS ENUM ('low', 'high'); COMMENT ON TYPE audit.level IS 'undeclared';
CREATE TYPE plain AS ENUM ('x');
CREATE TABLE t (m mood, o "Odd Mood", l audit.level, p plain);
