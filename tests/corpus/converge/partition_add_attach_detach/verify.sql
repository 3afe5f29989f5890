SELECT (SELECT count(*) FROM events) = 3 AND (SELECT count(*) FROM events_old) = 1 AND (SELECT count(*) FROM loose) = 1
