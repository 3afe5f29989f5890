-- Table inheritance: a parent column retyped (the child's follows), a NOT NULL and a default on the parent, a check inherited and one NO INHERIT, a child's own column and index changed, comments; rows kept in both.
create table animal (id int primary key, name varchar(20), legs int);
create table dog (breed text) inherits (animal);
create index dog_breed on dog (breed);
insert into animal values (1, 'cat', 4);
insert into dog values (2, 'rex', 4, 'lab');
