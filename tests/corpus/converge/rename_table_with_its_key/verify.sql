select v = 'seven' from b where id = 7
