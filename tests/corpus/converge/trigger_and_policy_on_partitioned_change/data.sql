INSERT INTO "PTrg"."Log" VALUES ('2024-02-02', 1, 'x');
