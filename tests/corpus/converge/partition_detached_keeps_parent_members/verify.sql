SELECT count(*) = 1 FROM "Part Det".events_old
