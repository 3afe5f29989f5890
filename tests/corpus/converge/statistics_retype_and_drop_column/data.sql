INSERT INTO places VALUES (3, 30, 'c', 'z');
