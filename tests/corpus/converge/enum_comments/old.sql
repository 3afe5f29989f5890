-- Enum comments: changed, removed, added, kept through a rebuild (a label removed), and on a new enum.
CREATE TYPE mood AS ENUM ('sad', 'ok');
COMMENT ON TYPE mood IS 'old';
CREATE TYPE "Gone Comment" AS ENUM ('a');
COMMENT ON TYPE "Gone Comment" IS 'to be removed';
CREATE TYPE plain AS ENUM ('x');
CREATE TYPE rebuilt AS ENUM ('one', 'two', 'three');
COMMENT ON TYPE rebuilt IS 'kept through the rebuild';
CREATE TABLE t (m mood, g "Gone Comment", p plain, r rebuilt DEFAULT 'one');
