-- A check constraint that children do not inherit (NO INHERIT), next to an inherited one, on a
-- table with an inheritance child.
CREATE TABLE measures (v int CONSTRAINT v_positive CHECK (v > 0), w int);
ALTER TABLE measures ADD CONSTRAINT only_here CHECK (w IS NOT NULL) NO INHERIT;
CREATE TABLE measures_2026 () INHERITS (measures);
