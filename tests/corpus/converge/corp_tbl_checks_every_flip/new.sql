create table prices (
  id int primary key,
  lo int, hi int,
  cur text,
  amount bigint,
  constraint "lo <= hi" check (lo < hi),
  constraint cur_len check (length(cur) = 3 and cur = upper(cur)),
  constraint "Amount.Positive" check (amount > 0),
  constraint later_valid check (hi < 1000),
  constraint "new one" check (cur in ('EUR', 'USD', 'it''s'))
);
alter table prices add constraint parent_only check (lo >= 0);
alter table prices add constraint now_not_valid check (amount < 10000000) not valid;
