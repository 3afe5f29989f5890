CREATE TABLE genes (id bigint PRIMARY KEY, name text, symbol text);
