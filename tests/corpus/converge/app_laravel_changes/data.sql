INSERT INTO users (name, email) VALUES ('a', 'a@b.c');
INSERT INTO posts (user_id, title, body, meta) VALUES (1, 't', 'b', '{"k": 1}');
