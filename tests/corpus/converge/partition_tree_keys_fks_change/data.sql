INSERT INTO "Region" VALUES ('de'), ('us'); INSERT INTO "Sales" VALUES (1, 'de', '2025-02-01'), (2, 'us', '2025-03-01'); INSERT INTO refund VALUES (1, 1, 'de');
