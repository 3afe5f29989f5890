SELECT setval('"Seq Chg"."Live ""One"""', 42);
INSERT INTO "Seq Chg".t (n) SELECT g FROM generate_series(1, 3) g;
