CREATE TABLE "Parent" (id int PRIMARY KEY);
CREATE TABLE "kid é" (id int, "Parent id" int, score int);
-- declared NOT VALID, NOT VALID here: no drift
ALTER TABLE "kid é" ADD CONSTRAINT "score ""low""" CHECK (score < 100) NOT VALID;
ALTER TABLE "kid é" ADD CONSTRAINT "kid_parent_fk" FOREIGN KEY ("Parent id") REFERENCES "Parent" (id) NOT VALID;
-- declared valid, NOT VALID here: drift (validation)
ALTER TABLE "kid é" ADD CONSTRAINT score_positive CHECK (score >= 0) NOT VALID;
CREATE TABLE other (pid int);
ALTER TABLE other ADD CONSTRAINT other_pid_fk FOREIGN KEY (pid) REFERENCES "Parent" (id) NOT VALID;
-- declared NOT VALID, validated here: drift (validation)
ALTER TABLE other ADD CONSTRAINT other_pid_check CHECK (pid <> 0);
