create type addr as (street text, city text, old_zip text);
create table people (id int primary key, home addr, homes addr[]);
