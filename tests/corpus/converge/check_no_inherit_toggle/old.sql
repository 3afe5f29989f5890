-- NO INHERIT on a check constraint, switched both ways, and on a new table.
CREATE TABLE measures (v int, w int);
ALTER TABLE measures ADD CONSTRAINT v_positive CHECK (v > 0) NO INHERIT;
ALTER TABLE measures ADD CONSTRAINT w_set CHECK (w IS NOT NULL);
