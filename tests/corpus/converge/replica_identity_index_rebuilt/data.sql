INSERT INTO accounts VALUES (1, 'a@x', 'eu'), (2, 'b@x', 'us');
INSERT INTO keyed VALUES (1, 10);
