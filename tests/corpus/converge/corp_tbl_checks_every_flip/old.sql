-- CHECK constraints: expression changed, NOT VALID, validated, NO INHERIT, multi-column, odd names, one on a column that changes type.
create table prices (
  id int primary key,
  lo int, hi int,
  cur text,
  amount int,
  constraint "lo <= hi" check (lo <= hi),
  constraint cur_len check (length(cur) = 3),
  constraint "Amount.Positive" check (amount > 0),
  constraint gone check (id > 0)
);
alter table prices add constraint later_valid check (hi < 1000) not valid;
alter table prices add constraint parent_only check (lo >= 0) no inherit;
