CREATE TABLE measures (v int, w int);
ALTER TABLE measures ADD CONSTRAINT v_positive CHECK (v > 0);
ALTER TABLE measures ADD CONSTRAINT w_set CHECK (w IS NOT NULL) NO INHERIT;
CREATE TABLE "Other Measures" (x int CONSTRAINT "X Small" CHECK (x < 10) NO INHERIT);
