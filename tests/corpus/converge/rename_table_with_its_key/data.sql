insert into a values (7, 'seven');
