INSERT INTO "En Chg".task VALUES (1, 'new'), (2, 'done');
