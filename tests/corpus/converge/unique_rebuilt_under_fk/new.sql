create table p (a int, b int, constraint p_a_key unique nulls not distinct (a));
create table c (a int references p(a));
