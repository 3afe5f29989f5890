create domain code as varchar(5) check (value <> '');
comment on domain code is 'a code';
create table items (id int primary key, c code default 'a'::code, cs code[]);
insert into items values (1, 'abc', array['x','y']::code[]);
create view item_codes as select id, c from items;
