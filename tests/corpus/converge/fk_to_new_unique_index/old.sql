create table target (a int not null, b int not null);
create table referer (x int, y int);
