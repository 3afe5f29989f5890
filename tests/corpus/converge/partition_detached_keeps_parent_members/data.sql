INSERT INTO "Part Det"."Events" VALUES (1, '2010-01-01');
