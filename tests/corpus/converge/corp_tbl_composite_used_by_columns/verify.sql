select (p).x = 1 and (p).y = 2 and (path[1]).x = 4 and (s).label = 'l' from geo.shapes where id = 1
