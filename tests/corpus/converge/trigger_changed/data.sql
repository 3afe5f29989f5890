insert into acc values (1, 10, 'someone');
