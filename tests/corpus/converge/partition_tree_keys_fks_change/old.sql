-- A two-level partitioned tree gains keys and foreign keys: a primary key on the root (cloned to every level), a foreign key from a plain table to it and from it to a plain table, a default partition on the sub-partitioned level, an index on that level only, a hash partition's comment; quoted names.
CREATE TABLE "Region" (code text PRIMARY KEY);
CREATE TABLE "Sales" (id int NOT NULL, region text NOT NULL, at date NOT NULL) PARTITION BY LIST (region);
CREATE TABLE "Sales EU" PARTITION OF "Sales" FOR VALUES IN ('de', 'fr') PARTITION BY HASH (id);
CREATE TABLE "Sales EU 0" PARTITION OF "Sales EU" FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE "Sales EU 1" PARTITION OF "Sales EU" FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE "Sales US" PARTITION OF "Sales" FOR VALUES IN ('us') PARTITION BY RANGE (id);
CREATE TABLE "Sales US 2025" PARTITION OF "Sales US" FOR VALUES FROM (0) TO (1000);
CREATE TABLE refund (id int PRIMARY KEY, sale int, region text);
