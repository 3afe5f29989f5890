INSERT INTO "Rt Dep".items VALUES (1, 3, 5, 'A'), (2, 4, 0, 'B');
