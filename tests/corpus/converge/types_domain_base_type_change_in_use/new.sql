create domain code as varchar(20) check (value <> '');
comment on domain code is 'a longer code';
create table items (id int primary key, c code default 'a'::code, cs code[]);
create view item_codes as select id, c from items;
