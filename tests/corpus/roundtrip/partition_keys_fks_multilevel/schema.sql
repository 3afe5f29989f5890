-- Keys and foreign keys around partitioned tables: a primary key on a two-level partitioned table, a foreign key from a partitioned table to it and from a plain table to it, hash sub-partitions and a default partition at each level.
CREATE TABLE acct (id int NOT NULL, region text NOT NULL, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
CREATE TABLE acct_eu PARTITION OF acct FOR VALUES IN ('eu') PARTITION BY HASH (id);
CREATE TABLE acct_eu0 PARTITION OF acct_eu FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE acct_eu1 PARTITION OF acct_eu FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE acct_other PARTITION OF acct DEFAULT;
CREATE TABLE txn (id int NOT NULL, acct int, region text, at date NOT NULL,
  PRIMARY KEY (id, at), FOREIGN KEY (acct, region) REFERENCES acct ON DELETE CASCADE) PARTITION BY RANGE (at);
CREATE TABLE txn_2025 PARTITION OF txn FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE txn_rest PARTITION OF txn DEFAULT;
CREATE TABLE note (id int PRIMARY KEY, acct int, region text, FOREIGN KEY (acct, region) REFERENCES acct);
