INSERT INTO vk.t VALUES (1, 5, 'x');
