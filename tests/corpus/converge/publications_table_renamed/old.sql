-- A published table renamed (the publication follows it) and a retyped published column.
CREATE TABLE "Old Msgs" (id int PRIMARY KEY, body text);
CREATE TABLE kept (id int);
CREATE PUBLICATION feed FOR TABLE "Old Msgs", kept;
