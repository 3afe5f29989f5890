-- Column types of extensions that are not in pgdrift's list of common extension types: isn's isbn13 and upc, lo's lo.
CREATE EXTENSION isn;
CREATE EXTENSION lo;
CREATE TABLE books (isbn isbn13 PRIMARY KEY, code upc, blob lo);
