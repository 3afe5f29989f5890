create table t (a int constraint t_a_key unique nulls not distinct, b int constraint t_b_key unique deferrable initially deferred);
