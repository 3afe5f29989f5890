INSERT INTO fi.t (id, name, n) VALUES (1, 'A', 1), (2, 'B', 2);
