CREATE TABLE cities (name text, population int);
CREATE TABLE tagged (tag text);
-- Columns in the order a rebuild (CREATE TABLE ... INHERITS (cities, tagged)) gives: a child's
-- column order follows its parents' and is not modelled (see docs/schema-format.md).
CREATE TABLE capitals (name text, population int, tag text, state char(2));
ALTER TABLE capitals INHERIT cities;
ALTER TABLE capitals INHERIT tagged;
CREATE TABLE towns (name text, population int, tiny boolean);
CREATE TABLE villages (small boolean) INHERITS (towns);
