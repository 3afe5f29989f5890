INSERT INTO live_items VALUES (1, 'kept'), (2, 'gone');
DELETE FROM live_items WHERE id = 2;
