create table p (id int primary key);
create table c (id int, p1 int references p(id) on delete cascade, p2 int, p3 int references p(id));
