create schema dom;
create domain dom.email as text check (value like '%@%.%') check (length(value) < 200);
create domain dom.qty as int default 0;
create domain dom."Code" as varchar(12) collate "POSIX" not null;
create domain dom.pct as numeric(5,2) constraint pct_range check (value >= 0 and value <= 100);
create domain dom.small_pct as dom.pct check (value < 20) default 1;
create domain dom.flag as boolean not null default false;
alter domain dom.flag add constraint flag_true check (value) not valid;
create table dom.t (id int primary key, e dom.email, q dom.qty, c dom."Code", p dom.pct, sp dom.small_pct, f dom.flag);
