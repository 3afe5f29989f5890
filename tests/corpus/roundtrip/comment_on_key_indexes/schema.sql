-- Comments on the indexes behind a primary key and a unique constraint (not on the constraints themselves).
CREATE TABLE t (id int PRIMARY KEY, code text UNIQUE);
COMMENT ON INDEX t_pkey IS 'index behind the primary key';
COMMENT ON INDEX t_code_key IS 'index behind the unique constraint';
CREATE TABLE "Odd Table" ("Id" int, "from" text, during tstzrange,
  CONSTRAINT "Odd PK" PRIMARY KEY ("Id"),
  CONSTRAINT "uq ""from""" UNIQUE ("from") DEFERRABLE INITIALLY DEFERRED);
COMMENT ON INDEX "Odd PK" IS 'the key''s index: ünïcode';
COMMENT ON CONSTRAINT "Odd PK" ON "Odd Table" IS 'the constraint itself';
COMMENT ON INDEX "uq ""from""" IS 'unique index';
