-- Partition keys with expressions, a COLLATE and an opclass: RANGE ((lower(name)) COLLATE "C"), LIST on an expression, HASH on two columns, with partitions and a default.
CREATE SCHEMA "PK Expr";
CREATE TABLE "PK Expr"."Names" (name text NOT NULL, n int) PARTITION BY RANGE (lower(name) COLLATE "C");
CREATE TABLE "PK Expr".names_a_m PARTITION OF "PK Expr"."Names" FOR VALUES FROM ('a') TO ('n');
CREATE TABLE "PK Expr".names_rest PARTITION OF "PK Expr"."Names" DEFAULT;
CREATE TABLE "PK Expr".by_year (at timestamptz NOT NULL, v int) PARTITION BY LIST ((extract(year FROM at AT TIME ZONE 'UTC')));
CREATE TABLE "PK Expr".y2024 PARTITION OF "PK Expr".by_year FOR VALUES IN (2024);
CREATE TABLE "PK Expr"."Two Keys" (a int, "B" text) PARTITION BY HASH (a, "B" text_pattern_ops);
CREATE TABLE "PK Expr".two_0 PARTITION OF "PK Expr"."Two Keys" FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE "PK Expr".two_1 PARTITION OF "PK Expr"."Two Keys" FOR VALUES WITH (MODULUS 2, REMAINDER 1);
