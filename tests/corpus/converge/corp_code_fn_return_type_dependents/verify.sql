SELECT count(*) = 2 AND sum(qty) = 5 AND string_agg(name, ',' ORDER BY id) = 'A,B' FROM "Rt Dep".items
