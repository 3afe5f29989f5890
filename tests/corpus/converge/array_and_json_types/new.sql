create table t (a bigint[], j jsonb);
