select at = '2024-01-01 12:00+00' from e where id = 1
