INSERT INTO grand (id, a, b, own, g) VALUES (1, 'y', 2, 3, 4);
