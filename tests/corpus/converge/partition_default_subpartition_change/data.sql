INSERT INTO "Part Chg"."Events" VALUES (1, '2024-05-01', 'click');
