insert into parent values (1); insert into child values (1, 1, 1, 5);
