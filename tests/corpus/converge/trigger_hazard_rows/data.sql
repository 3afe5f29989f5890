insert into busy values (1, 'a row');
