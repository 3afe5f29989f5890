-- Issue 13 audit, partitions and inheritance in odd spellings: upper-case keywords, quoted and schema-qualified names, a LIST partition with sub-partitions BY HASH, a DEFAULT partition, a parent key and unique index (not repeated on the partitions), an expression key, a partition in another schema, an inheritance child in another schema with a NO INHERIT check.
CREATE SCHEMA "Part Data";
CREATE TABLE "Part Data"."Readings" (
  "Sensor" INT4 NOT NULL, taken_at TIMESTAMP WITH TIME ZONE NOT NULL, val DOUBLE PRECISION,
  CONSTRAINT "Readings_pk" PRIMARY KEY ("Sensor", taken_at)
) PARTITION BY RANGE (taken_at);
CREATE UNIQUE INDEX "Readings by sensor" ON "Part Data"."Readings" ("Sensor", taken_at DESC);
CREATE TABLE public."Readings 2026" PARTITION OF "Part Data"."Readings" FOR VALUES FROM ('2026-01-01 00:00+00') TO ('2027-01-01 00:00+00');
CREATE TABLE "Part Data"."Readings rest" PARTITION OF "Part Data"."Readings" DEFAULT;
CREATE TABLE "Part Data".kinds (kind CHARACTER VARYING(10) NOT NULL, n int4) PARTITION BY LIST (kind);
CREATE TABLE "Part Data"."kinds AB" PARTITION OF "Part Data".kinds FOR VALUES IN ('a', 'B') PARTITION BY HASH (n);
CREATE TABLE "Part Data"."kinds AB 0" PARTITION OF "Part Data"."kinds AB" FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE "Part Data"."kinds AB 1" PARTITION OF "Part Data"."kinds AB" FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE "Part Data"."kinds other" PARTITION OF "Part Data".kinds DEFAULT;
CREATE TABLE "Part Data".by_lower (name TEXT) PARTITION BY LIST (lower(name));
CREATE TABLE "Part Data".by_lower_x PARTITION OF "Part Data".by_lower FOR VALUES IN ('x');
CREATE TABLE public."Base" (id int4 NOT NULL, note VARCHAR(40), CONSTRAINT "Base note" CHECK ((note IN ('a', 'b'))) NO INHERIT);
CREATE TABLE "Part Data"."Derived" (extra BOOLEAN DEFAULT FALSE) INHERITS (public."Base");
