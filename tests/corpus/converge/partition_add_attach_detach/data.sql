INSERT INTO events VALUES (1, '2025-05-01', 'a'), (2, '2026-05-01', 'b'), (3, '2021-05-01', 'c');
INSERT INTO loose VALUES (4, '2019-05-01', 'd');
