create table t (a numeric(10,2), b real, c smallint);
