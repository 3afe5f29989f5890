SELECT (SELECT sum(uid) FROM pd.members) = 3 AND (SELECT count(*) FROM pd.docs) = 1
