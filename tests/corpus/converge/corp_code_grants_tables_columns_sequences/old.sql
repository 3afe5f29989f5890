-- Grants on tables, columns, sequences, views and materialized views: grant option removed from some privileges and given on another, column grants narrowed, added and given grant option on an odd-named column, TRUNCATE revoked, ALL on a sequence narrowed, PUBLIC revoked from a view, a grant moved between roles (an owner revoking from itself is an unsupported finding: roundtrip/corp_code_owner_self_revokes).
DO $$ BEGIN CREATE ROLE pgdrift_code_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_code_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "pgdrift Code Odd"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA gr;
CREATE TABLE gr.t (id int PRIMARY KEY, a text, b text, "Odd Col" int);
CREATE SEQUENCE gr.s;
CREATE VIEW gr.v AS SELECT id, a FROM gr.t;
CREATE MATERIALIZED VIEW gr.m AS SELECT id FROM gr.t;
GRANT SELECT, INSERT ON gr.t TO pgdrift_code_app WITH GRANT OPTION;
GRANT SELECT (a, b) ON gr.t TO pgdrift_code_ro;
GRANT UPDATE ("Odd Col") ON gr.t TO "pgdrift Code Odd";
GRANT TRUNCATE, REFERENCES, TRIGGER ON gr.t TO pgdrift_code_ro;
GRANT ALL ON SEQUENCE gr.s TO pgdrift_code_app;
GRANT SELECT ON gr.v TO PUBLIC;
GRANT SELECT ON gr.m TO pgdrift_code_ro;
