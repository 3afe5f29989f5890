INSERT INTO "Ren ""S"""."Old T.1" VALUES (1, 'kept', 2);
INSERT INTO "Ren ""S"""."Ref" VALUES (1);
