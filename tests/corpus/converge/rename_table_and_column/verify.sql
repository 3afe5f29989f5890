select new_c = 'v' from b
