-- Inheritance: a child of two parents with a merged column, inherited CHECK and NOT NULL, a NO INHERIT check on a parent, a grandchild, the child's own defaults overriding the parent's, and odd names.
CREATE SCHEMA "Inh";
CREATE TABLE "Inh"."Named" (name text NOT NULL, "Created" timestamptz DEFAULT now(), CONSTRAINT name_nonempty CHECK (name <> ''));
CREATE TABLE "Inh".audited (changed_by text DEFAULT current_user, "Created" timestamptz, CONSTRAINT only_parent CHECK (false) NO INHERIT);
CREATE TABLE "Inh"."Thing" (id int PRIMARY KEY, "Created" timestamptz DEFAULT '2020-01-01') INHERITS ("Inh"."Named", "Inh".audited);
CREATE TABLE "Inh".special_thing (extra jsonb, CONSTRAINT extra_obj CHECK (jsonb_typeof(extra) = 'object')) INHERITS ("Inh"."Thing");
COMMENT ON TABLE "Inh".special_thing IS 'grandchild';
