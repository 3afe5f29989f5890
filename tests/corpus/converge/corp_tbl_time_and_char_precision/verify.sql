select a = '2020-01-01 01:02:03.123' and c = '10:11:12.34' and e = 'ab' and f = 1.24 and g = 'gee' and h = '{xy}' from m where id = 1
