insert into a values (1, 'v');
