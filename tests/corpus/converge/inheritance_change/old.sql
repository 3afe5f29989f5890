CREATE TABLE cities (name text, population int);
CREATE TABLE tagged (tag text);
CREATE TABLE capitals (name text, population int, tag text, state char(2));
CREATE TABLE towns (name text, population int, tiny boolean) ;
ALTER TABLE towns INHERIT cities;
