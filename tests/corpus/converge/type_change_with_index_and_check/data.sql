insert into t values (5, 6);
