INSERT INTO "Ty Chg".person VALUES (1, ROW('Main St', '0150', 7), 3);
