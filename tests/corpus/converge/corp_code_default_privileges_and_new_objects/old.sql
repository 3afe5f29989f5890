-- Default privileges added in the same plan as new tables, sequences, functions and types: one table created after them (it carries the default grant), one created before them (it does not: the plan must not leave the default on it), a function created before a global REVOKE EXECUTE FROM PUBLIC default keeps PUBLIC, one created after loses it.
DO $$ BEGIN CREATE ROLE pgdrift_code_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_code_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "pgdrift Code Odd"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA dn;
CREATE TABLE dn.old_t (id int);
