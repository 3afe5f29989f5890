-- Deferrable primary keys: initially deferred, initially immediate, an odd name, next to a deferrable unique constraint.
CREATE TABLE "Ledger Entry" (id bigint, CONSTRAINT "Ledger Entry_pkey" PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE imm (id int, code text, CONSTRAINT "imm ""key""" PRIMARY KEY (id) DEFERRABLE INITIALLY IMMEDIATE,
    CONSTRAINT imm_code_key UNIQUE (code) DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE composite (a int, b int, PRIMARY KEY (b, a) DEFERRABLE);
