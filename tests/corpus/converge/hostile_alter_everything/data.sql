INSERT INTO "Alt ""S"".x"."Parent T" VALUES (1, 'a');
INSERT INTO "Alt ""S"".x"."Child.T" VALUES (1, 1, 5, 'Happy', 3, 'x');
