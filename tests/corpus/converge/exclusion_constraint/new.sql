create extension if not exists btree_gist;
create table r (room int, during tsrange, constraint r_no_overlap exclude using gist (room with =, during with &&));
