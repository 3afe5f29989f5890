create table p (a int, b int, primary key (a, b));
create table c (a int, b int, constraint c_fk foreign key (a, b) references p (a, b) match full deferrable initially deferred);
