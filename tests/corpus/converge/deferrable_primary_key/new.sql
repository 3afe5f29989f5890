create table "Ledger Entry" (id bigint, constraint "Ledger Entry_pkey" primary key (id) deferrable initially deferred);
create table made_plain (id int primary key);
create table "clé" (id int, code text, constraint "clé_pkey" primary key (id) deferrable,
  constraint "clé_code_key" unique (code) deferrable initially deferred);
create table fresh (id int, constraint fresh_pkey primary key (id) deferrable initially deferred);
