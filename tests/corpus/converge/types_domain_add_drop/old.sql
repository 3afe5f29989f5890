create domain old_code as text check (value <> '');
create table t (id int primary key, code old_code);
