-- Self-referencing foreign keys: a composite one on a tree, one added, one whose parent key widens, with rows pointing at each other.
create table "Tree" (
  org int, id int, parent_id int, manager int,
  primary key (org, id),
  constraint "Tree_parent" foreign key (org, parent_id) references "Tree" (org, id)
);
create table node (id int primary key, up int references node);
insert into "Tree" values (1, 1, null, 1), (1, 2, 1, 1);
insert into node values (1, null), (2, 1);
