select ((s).a).x = 1 and ((s).a).y = 2 and (s).label = 'l' from shapes where id = 1
