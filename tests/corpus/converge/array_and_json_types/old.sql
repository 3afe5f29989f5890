create table t (a int[], j json);
