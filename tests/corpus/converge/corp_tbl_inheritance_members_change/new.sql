create table animal (id int primary key, name text not null, legs bigint default 4, constraint legs_pos check (legs >= 0), constraint parent_only check (id > 0) no inherit);
create table dog (breed varchar(30)) inherits (animal);
create index dog_breed on dog (breed, name);
comment on column dog.breed is 'breed';
