create table "Orders" (id int, status varchar(20), kind character varying, n int);
