INSERT INTO pv.members VALUES (1, 7); INSERT INTO pv.docs VALUES (1, 7);
