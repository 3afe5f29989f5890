-- A published table renamed (the publication follows it) and a retyped published column.
CREATE TABLE "New Msgs" (id bigint PRIMARY KEY, body text);
CREATE TABLE kept (id int);
CREATE PUBLICATION feed FOR TABLE "New Msgs", kept;
