create table a (id int not null, code text not null, constraint a_id_key unique (id), constraint a_pkey primary key (code));
create table a_ref (id int primary key, code text references a (code));
create table b (x int not null, y int not null, constraint b_pkey primary key (y, x));
create table b_ref (id int primary key, bx int, by_ int, constraint b_ref_fk foreign key (by_, bx) references b (y, x));
