insert into users values (1, 'a@b', 'n', 'al', 'x');
