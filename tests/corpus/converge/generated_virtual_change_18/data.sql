insert into gv (a, b) values (1, 10), (2, null);
