create table p (id int primary key, k int not null);
create table c (p_id int references p(id));
