CREATE SCHEMA ref;
CREATE SCHEMA app;
CREATE TYPE ref.level AS ENUM ('low', 'high');
CREATE DOMAIN ref.pct AS numeric CHECK (VALUE >= 0 AND VALUE <= 100);
CREATE TABLE ref.codes (a text, b text, PRIMARY KEY (a, b));
CREATE TABLE app.items (
  id bigint PRIMARY KEY,
  lvl ref.level,
  share ref.pct,
  a text, b text,
  CONSTRAINT items_code_fk FOREIGN KEY (a, b) REFERENCES ref.codes (a, b) MATCH FULL ON DELETE CASCADE
);
