create table t (a timestamp(6), b time);
