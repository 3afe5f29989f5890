INSERT INTO vc.base VALUES (1, 10, 'a'), (2, 20, 'b');
