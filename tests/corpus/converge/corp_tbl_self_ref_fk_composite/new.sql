create table "Tree" (
  org int, id int, parent_id int, manager int,
  primary key (org, id),
  constraint "Tree_parent" foreign key (org, parent_id) references "Tree" (org, id) on delete cascade deferrable,
  constraint "Tree_manager" foreign key (org, manager) references "Tree" (org, id) match full
);
create table node (id bigint primary key, up bigint references node on delete set null);
