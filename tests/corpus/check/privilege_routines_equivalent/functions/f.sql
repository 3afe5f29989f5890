create function "Other S".sec(a integer, b text = 'x') returns integer
  language sql security definer as $$select a$$;
create function sum_int_state(s int4, v int4) returns int4 language sql as 'select s + v';
create aggregate total(int4) (sfunc = sum_int_state, stype = int4);
create function untouched() returns int language sql as 'select 1';
