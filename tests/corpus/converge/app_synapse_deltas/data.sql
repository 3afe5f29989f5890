INSERT INTO users (name, creation_ts) VALUES ('@alice:example.org', 1700000000);
INSERT INTO receipts_linearized VALUES (1, '!r', 'm.read', '@alice:example.org', '$e', '{}');
