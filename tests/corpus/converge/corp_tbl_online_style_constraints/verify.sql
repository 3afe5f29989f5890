select count(*) = 2 from orders
