-- REPLICA IDENTITY (FULL, NOTHING, USING INDEX) and CLUSTER ON, on odd names and a partitioned table.
CREATE TABLE "Événements ""Log""" (id int NOT NULL, at date NOT NULL, CONSTRAINT "Log pk" PRIMARY KEY (id));
CREATE UNIQUE INDEX "at Ünique" ON "Événements ""Log""" (at);
ALTER TABLE "Événements ""Log""" REPLICA IDENTITY USING INDEX "at Ünique";
ALTER TABLE "Événements ""Log""" CLUSTER ON "Log pk";
CREATE TABLE full_one (a int);
ALTER TABLE full_one REPLICA IDENTITY FULL;
CREATE TABLE "nothing One" (a int);
ALTER TABLE "nothing One" REPLICA IDENTITY NOTHING;
CREATE TABLE parted (k int NOT NULL) PARTITION BY LIST (k);
ALTER TABLE parted REPLICA IDENTITY FULL;
CREATE TABLE parted_1 PARTITION OF parted FOR VALUES IN (1);
ALTER TABLE parted_1 REPLICA IDENTITY NOTHING;
