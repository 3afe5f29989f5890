insert into p values (default); insert into c (p_id) values (1);
