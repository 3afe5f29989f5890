-- An extension installed into its own schema (citext in ext), used by qualified name from another schema.
CREATE SCHEMA ext;
CREATE EXTENSION citext SCHEMA ext;
CREATE TABLE users (email ext.citext UNIQUE, note text);
