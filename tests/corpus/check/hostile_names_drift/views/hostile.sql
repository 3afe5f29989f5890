CREATE VIEW "My Schema"."View ""V""" AS SELECT "Id", "bıgınt" FROM "My Schema"."Dot.Table";
