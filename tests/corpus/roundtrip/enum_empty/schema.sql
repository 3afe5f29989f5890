-- An enum without labels (allowed since PostgreSQL 9.5; values are added later), used by a column.
CREATE TYPE "Empty Enum" AS ENUM ();
CREATE TABLE waits (e "Empty Enum");
