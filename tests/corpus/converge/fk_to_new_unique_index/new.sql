create table target (a int not null, b int not null);
create unique index target_a_b on target (a, b);
create table referer (x int, y int, constraint referer_x_y_fkey foreign key (x, y) references target (a, b) on delete cascade);
create table fresh (id int not null);
create unique index fresh_id on fresh (id);
create table fresh_ref (fid int constraint fresh_ref_fid_fkey references fresh (id));
