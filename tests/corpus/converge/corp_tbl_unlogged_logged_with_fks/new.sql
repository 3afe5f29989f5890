create table cache_parent (id int primary key);
create table cache_child (id int primary key, p int references cache_parent);
create unlogged table perm_parent (id int primary key);
create unlogged table perm_child (id int primary key, p int references perm_parent);
create table ids (id int generated always as identity primary key, v text);
create index ids_v on ids (v);
