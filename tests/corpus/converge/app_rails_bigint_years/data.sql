INSERT INTO users (email, created_at, updated_at) VALUES ('a@example.com', now(), now());
INSERT INTO orders (user_id, state, total_cents, created_at, updated_at) VALUES (1, 'paid', 1200, now(), now());
SELECT setval('users_id_seq', 2147483000);
