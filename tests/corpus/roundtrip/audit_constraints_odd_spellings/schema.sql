-- Issue 13 audit, constraints and defaults in odd spellings: DEFERRABLE INITIALLY DEFERRED primary key and unique constraint, NOT VALID check and foreign key, a foreign key to a unique index (not a constraint) on quoted columns, an identity with its sequence named by PostgreSQL, CURRENT_TIMESTAMP / LOCALTIMESTAMP / CURRENT_DATE defaults, IN-list checks on character varying.
CREATE SCHEMA "Con";
CREATE TABLE "Con"."Accounts" (
  "Acc No" INT4 GENERATED ALWAYS AS IDENTITY,
  "Code" CHARACTER VARYING(8) NOT NULL,
  created TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
  local_at TIMESTAMP DEFAULT LOCALTIMESTAMP(0),
  day DATE DEFAULT CURRENT_DATE,
  kind VARCHAR(4) DEFAULT 'a'::CHARACTER VARYING CHECK ((kind IN ('a', 'b', 'c'))),
  CONSTRAINT "Accounts PK" PRIMARY KEY ("Acc No") DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT accounts_code_uq UNIQUE ("Code"),
  CONSTRAINT "Kind and code" UNIQUE (kind, "Code") DEFERRABLE INITIALLY IMMEDIATE
);
CREATE UNIQUE INDEX "Accounts by code and kind" ON "Con"."Accounts" ("Code", kind);
CREATE TABLE public.transfers (
  id BIGSERIAL PRIMARY KEY,
  code VARCHAR(8), kind varchar(4),
  amount NUMERIC(10, 2),
  CONSTRAINT "To account" FOREIGN KEY (code, kind) REFERENCES "Con"."Accounts" ("Code", kind) ON DELETE CASCADE
);
ALTER TABLE public.transfers ADD CONSTRAINT positive CHECK ((amount > (0)::NUMERIC)) NOT VALID;
ALTER TABLE public.transfers ADD CONSTRAINT by_code FOREIGN KEY (code) REFERENCES "Con"."Accounts" ("Code") NOT VALID;
