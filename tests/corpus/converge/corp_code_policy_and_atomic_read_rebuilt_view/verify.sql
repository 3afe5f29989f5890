SELECT (SELECT sum(uid) FROM pv.members) = 1 AND (SELECT count(*) FROM pv.docs) = 1
