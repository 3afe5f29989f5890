create schema ref;
create table ref.parent (a int, b int, c int default 0, primary key (a, b), unique (b, a), unique (c));
create table ref.child (
  id int primary key,
  pa int, pb int, pc int default 0,
  constraint fk_del foreign key (pa, pb) references ref.parent (a, b) on delete set null,
  constraint fk_upd foreign key (pc) references ref.parent (c) on update cascade on delete set default,
  constraint fk_match foreign key (pa, pb) references ref.parent (a, b) match simple,
  constraint fk_def foreign key (pc) references ref.parent (c) deferrable initially immediate,
  constraint fk_cols foreign key (pb, pa) references ref.parent (b, a),
  constraint fk_new foreign key (pc) references ref.parent (c) on delete restrict not valid
);
