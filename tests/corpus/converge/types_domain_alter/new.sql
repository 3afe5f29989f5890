create domain qty as integer default 0 not null constraint qty_small check (value < 1000) constraint qty_positive check (value > 0);
comment on domain qty is 'a quantity';
create table t (id int primary key, q qty);
