INSERT INTO pd.members VALUES (1, 1), (2, 1); INSERT INTO pd.docs VALUES (1, 1, 'low');
