-- Table inheritance: a three-level hierarchy, multiple inheritance, a NO INHERIT check on the parent, a merged column, checks inherited and local.
CREATE TABLE cities (name text NOT NULL, population int, CONSTRAINT pop_positive CHECK (population > 0));
CREATE TABLE capitals (state char(2), CONSTRAINT state_upper CHECK (state = upper(state))) INHERITS (cities);
CREATE TABLE "Old Capitals" (abandoned int) INHERITS (capitals);
CREATE TABLE tagged (tag text);
CREATE TABLE tagged_cities (name text NOT NULL DEFAULT 'x', extra int) INHERITS (cities, tagged);
