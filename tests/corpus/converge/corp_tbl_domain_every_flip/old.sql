-- Domains: check added, dropped, changed, NOT VALID; NOT NULL on and off; default set, changed, dropped; collation; base type widened; a domain over a domain; all used by columns with data.
create schema dom;
create domain dom.email as text check (value like '%@%');
create domain dom.qty as int not null default 1;
create domain dom."Code" as varchar(5) collate "C";
create domain dom.pct as numeric(5,2) constraint pct_range check (value between 0 and 100) constraint pct_gone check (value <> 50);
create domain dom.small_pct as dom.pct check (value < 10);
create domain dom.flag as boolean;
create table dom.t (id int primary key, e dom.email, q dom.qty, c dom."Code", p dom.pct, sp dom.small_pct, f dom.flag);
insert into dom.t values (1, 'a@b', 3, 'AB', 5, 5, true);
