insert into t values ('happy', '{sad,happy}');
