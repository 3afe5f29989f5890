-- A column whose type is another table's row type (every table defines one), and an array of it.
CREATE TABLE address (street text, city text);
CREATE TABLE person (name text, home address, previous address[]);
-- The row type of a table that sorts after its user, with an odd name, in another schema too.
CREATE SCHEMA zz;
CREATE TABLE zz."Z Place" (x int, label text);
CREATE TABLE a_user (p zz."Z Place", ps zz."Z Place"[]);
