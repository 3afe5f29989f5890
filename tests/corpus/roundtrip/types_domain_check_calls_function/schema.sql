-- A domain whose check calls a declared function, and a function taking the domain: the check is added once the function exists.
CREATE SCHEMA v;
CREATE FUNCTION v.is_email(v text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT v ~ '@' $$;
CREATE DOMAIN email AS text CONSTRAINT email_valid CHECK (v.is_email(VALUE)) CONSTRAINT email_short CHECK (length(VALUE) < 300);
CREATE FUNCTION normalize_email(e email) RETURNS email LANGUAGE sql AS $$ SELECT lower(e)::email $$;
CREATE TABLE t (id int PRIMARY KEY, mail email);
