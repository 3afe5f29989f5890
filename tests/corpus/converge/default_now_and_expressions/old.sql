create table t (a timestamptz, b text, c int);
