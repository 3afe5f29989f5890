-- Foreign keys: every action and option flipped (ON DELETE/UPDATE, MATCH FULL, DEFERRABLE, NOT VALID), a composite key's column list, and a SET DEFAULT with its default.
create schema ref;
create table ref.parent (a int, b int, c int default 0, primary key (a, b), unique (b, a), unique (c));
insert into ref.parent values (1, 1, 0);
create table ref.child (
  id int primary key,
  pa int, pb int, pc int default 0,
  constraint fk_del foreign key (pa, pb) references ref.parent (a, b) on delete cascade,
  constraint fk_upd foreign key (pc) references ref.parent (c) on update restrict,
  constraint fk_match foreign key (pa, pb) references ref.parent (a, b) match full,
  constraint fk_def foreign key (pc) references ref.parent (c) deferrable initially deferred,
  constraint fk_cols foreign key (pa, pb) references ref.parent (a, b),
  constraint fk_gone foreign key (pc) references ref.parent (c)
);
insert into ref.child values (1, 1, 1, 0);
