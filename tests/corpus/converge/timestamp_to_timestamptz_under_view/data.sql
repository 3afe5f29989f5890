insert into e values (1, '2024-01-01 12:00');
