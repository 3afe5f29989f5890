select (r).level::text = 'hi' and c::text = 'AB' and l::text = 'lo' from readings where id = 1
