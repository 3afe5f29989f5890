-- A column whose type is another table's row type (every table defines one), and an array of it.
CREATE TABLE address (street text, city text);
CREATE TABLE person (name text, home address, previous address[]);
