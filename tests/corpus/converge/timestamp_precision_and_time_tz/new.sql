create table t (a timestamp(3) with time zone, b time with time zone);
