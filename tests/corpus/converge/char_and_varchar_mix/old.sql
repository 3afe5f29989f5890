create table t (a char(3), b varchar(5), c text);
