create table p (id int primary key);
create table c (id int, p1 int references p(id), p2 int references p(id));
