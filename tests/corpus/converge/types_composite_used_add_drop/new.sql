create type addr as (street text, city text, zip text, country char(2));
create table people (id int primary key, home addr, homes addr[]);
