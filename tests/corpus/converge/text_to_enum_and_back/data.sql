insert into t values ('on', 'off');
