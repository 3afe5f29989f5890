insert into a values (3);
