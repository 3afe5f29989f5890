INSERT INTO "Att".log_2024 (id, at, "Body") VALUES (1, '2024-05-01', 'kept');
INSERT INTO "Att".log_rest (id, at) VALUES (2, '2001-01-01');
