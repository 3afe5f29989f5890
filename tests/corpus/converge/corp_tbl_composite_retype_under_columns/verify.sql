select (select (p).x = 1 and (p).y = 2 and (p).w is null and (path[1]).x = 4 and path[2] is null and (t).label = 'l' and (t).n = 7 from geo.shapes where id = 1)
  and (select p is null and path is null and t is null from geo.shapes where id = 2)
  and (select (t).label = 'm' from public.more)
