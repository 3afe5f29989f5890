-- The indexes a table's replica identity and CLUSTER ON use are dropped and created again
-- (a changed key), next to column type changes that PostgreSQL rebuilds under them itself: the
-- plan marks each new index again.
CREATE TABLE accounts (id int NOT NULL, email text NOT NULL, region text NOT NULL);
CREATE UNIQUE INDEX "Accounts Email" ON accounts (email, id);
CREATE INDEX accounts_region ON accounts (region, id);
ALTER TABLE accounts REPLICA IDENTITY USING INDEX "Accounts Email";
ALTER TABLE accounts CLUSTER ON accounts_region;
CREATE TABLE keyed (id bigint NOT NULL, v int, CONSTRAINT keyed_pkey PRIMARY KEY (id));
ALTER TABLE keyed CLUSTER ON keyed_pkey;
