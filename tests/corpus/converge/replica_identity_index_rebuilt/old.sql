CREATE TABLE accounts (id int NOT NULL, email varchar(50) NOT NULL, region text NOT NULL);
CREATE UNIQUE INDEX "Accounts Email" ON accounts (email);
CREATE INDEX accounts_region ON accounts (region);
ALTER TABLE accounts REPLICA IDENTITY USING INDEX "Accounts Email";
ALTER TABLE accounts CLUSTER ON accounts_region;
CREATE TABLE keyed (id int NOT NULL, v int, CONSTRAINT keyed_pkey PRIMARY KEY (id));
ALTER TABLE keyed CLUSTER ON keyed_pkey;
