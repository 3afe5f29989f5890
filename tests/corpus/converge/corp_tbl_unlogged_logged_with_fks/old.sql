-- UNLOGGED <-> LOGGED on tables linked by foreign keys (a logged table may not reference an unlogged one, so order matters), plus an unlogged table with an identity and an index.
create unlogged table cache_parent (id int primary key);
create unlogged table cache_child (id int primary key, p int references cache_parent);
create table perm_parent (id int primary key);
create table perm_child (id int primary key, p int references perm_parent);
create unlogged table ids (id int generated always as identity primary key, v text);
create index ids_v on ids (v);
