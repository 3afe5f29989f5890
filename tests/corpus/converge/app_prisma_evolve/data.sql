INSERT INTO "User" ("email", "updatedAt") VALUES ('a@b.c', now());
INSERT INTO "Post" ("title", "authorId") VALUES ('hi', 1);
INSERT INTO "Tag" ("label") VALUES ('x');
INSERT INTO "_PostToTag" VALUES (1, 1);
