create table t (id int primary key, code text unique, other text constraint t_other_key unique);
comment on index t_pkey is 'new pk index comment';
comment on index t_code_key is 'added';
create table "New T" (id int constraint "New PK" primary key, x int, exclude using btree (x with =));
comment on index "New PK" is 'comes with the new table';
comment on index "New T_x_excl" is 'exclusion index';
