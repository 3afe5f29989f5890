-- NOT VALID checks and foreign keys (odd names, a composite key, next to validated ones), and a deferrable foreign key added NOT VALID.
CREATE TABLE "Parent" (id int PRIMARY KEY, a int, b int, UNIQUE (a, b));
CREATE TABLE "kid é" (id int, "Parent id" int, a int, b int, score int CHECK (score > -1));
ALTER TABLE "kid é" ADD CONSTRAINT "score ""low""" CHECK (score < 100) NOT VALID;
ALTER TABLE "kid é" ADD CONSTRAINT kid_parent_fk FOREIGN KEY ("Parent id") REFERENCES "Parent" (id) NOT VALID;
ALTER TABLE "kid é" ADD CONSTRAINT kid_ab_fk FOREIGN KEY (a, b) REFERENCES "Parent" (a, b) MATCH FULL ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED NOT VALID;
