create domain qty as integer default 1 constraint qty_small check (value < 100) constraint qty_gone check (value <> 7);
create table t (id int primary key, q qty);
insert into t values (1, 5);
