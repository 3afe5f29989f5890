create extension if not exists btree_gist;
create table r (room int, during tsrange);
