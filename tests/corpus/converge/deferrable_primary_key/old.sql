create table "Ledger Entry" (id bigint primary key);
create table made_plain (id int, constraint made_plain_pkey primary key (id) deferrable initially deferred);
create table "clé" (id int primary key, code text unique);
