CREATE TABLE "Zip Area" (code text, city text);
CREATE TABLE person (name text, home "Zip Area");
CREATE TABLE archive (old_home "Zip Area"[]);
