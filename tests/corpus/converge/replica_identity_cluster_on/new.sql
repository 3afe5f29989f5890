-- REPLICA IDENTITY and CLUSTER ON changed every way (FULL, NOTHING, USING INDEX, DEFAULT; another
-- clustered index, none), on odd names, a partitioned table, and a new table created with both.
CREATE TABLE "Ledger ""Entries""" (id bigint NOT NULL, at date NOT NULL, CONSTRAINT "Ledger_pk" PRIMARY KEY (id));
CREATE UNIQUE INDEX "at ünique" ON "Ledger ""Entries""" (at);
ALTER TABLE "Ledger ""Entries""" REPLICA IDENTITY USING INDEX "at ünique";
CREATE TABLE full_now_default (a int);
CREATE TABLE nothing_now_index (a int NOT NULL, CONSTRAINT "a Key" UNIQUE (a));
ALTER TABLE nothing_now_index REPLICA IDENTITY USING INDEX "a Key";
CREATE TABLE clustered_other (a int NOT NULL, b int NOT NULL);
CREATE INDEX clustered_a ON clustered_other (a);
CREATE INDEX clustered_b ON clustered_other (b);
ALTER TABLE clustered_other CLUSTER ON clustered_a;
CREATE TABLE parted (k int NOT NULL) PARTITION BY LIST (k);
ALTER TABLE parted REPLICA IDENTITY NOTHING;
CREATE TABLE "Nouvelle table" (id int NOT NULL, CONSTRAINT "Nouvelle pk" PRIMARY KEY (id));
ALTER TABLE "Nouvelle table" REPLICA IDENTITY FULL;
ALTER TABLE "Nouvelle table" CLUSTER ON "Nouvelle pk";
