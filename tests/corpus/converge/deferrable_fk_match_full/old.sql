create table p (a int, b int, primary key (a, b));
create table c (a int, b int);
