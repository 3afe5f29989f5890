create table t (n int);
create procedure bump(inout n int, step int default 1) language plpgsql as $$begin n := n + step; end$$;
create function acc_max(s int, v int) returns int language sql immutable as 'select greatest(s, v)';
create aggregate total(int) (sfunc = int4pl, stype = int, initcond = '1');
create aggregate biggest(int) (sfunc = acc_max, stype = int, parallel = safe);
create aggregate med(float8 order by float8) (sfunc = ordered_set_transition, stype = internal, finalfunc = percentile_disc_final, finalfunc_extra);
comment on aggregate biggest(int) is 'the largest';
