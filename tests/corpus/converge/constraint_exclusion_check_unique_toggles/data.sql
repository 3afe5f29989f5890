INSERT INTO "Con Chg"."Slot" (id, room, during, code) VALUES (1, 1, '[2024-01-01,2024-01-02)', 'AB'), (2, 2, '[2024-01-01,2024-01-02)', NULL);
