INSERT INTO customer VALUES (nextval('hibernate_sequence'), '2024-01-01 12:00', 'a@b.c', 'A', 0);
INSERT INTO purchase_order VALUES (nextval('hibernate_sequence'), 1, 12.50, '2024-01-02', 2);
