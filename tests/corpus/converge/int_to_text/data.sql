insert into t values (42);
