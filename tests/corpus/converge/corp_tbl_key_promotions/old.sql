-- Keys promoted and demoted under foreign keys: a UNIQUE that becomes the PRIMARY KEY (the FK on it kept), a PRIMARY KEY that becomes a UNIQUE, a composite key whose column order flips with its FK, rows kept.
create table a (id int not null, code text not null, constraint a_code_key unique (code), constraint a_pkey primary key (id));
create table a_ref (id int primary key, code text references a (code));
create table b (x int not null, y int not null, constraint b_pkey primary key (x, y));
create table b_ref (id int primary key, bx int, by_ int, constraint b_ref_fk foreign key (bx, by_) references b (x, y));
insert into a values (1, 'one');
insert into a_ref values (1, 'one');
insert into b values (1, 2);
insert into b_ref values (1, 1, 2);
