CREATE TABLE "Ledger Entry" (id bigint, CONSTRAINT "Ledger Entry_pkey" PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE plain_now_deferrable (id int, CONSTRAINT plain_now_deferrable_pkey PRIMARY KEY (id) DEFERRABLE);
CREATE TABLE deferred_now_plain (id int PRIMARY KEY);
CREATE TABLE "clé" (id int, code text, CONSTRAINT "clé_pkey" PRIMARY KEY (id) DEFERRABLE INITIALLY IMMEDIATE,
  CONSTRAINT "code ""uq""" UNIQUE (code) DEFERRABLE INITIALLY DEFERRED);
