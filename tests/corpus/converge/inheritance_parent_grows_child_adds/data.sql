INSERT INTO grand (id, own, g) VALUES (1, 'o', 2); INSERT INTO "Tagged" VALUES (3, 'n', 't', 4);
