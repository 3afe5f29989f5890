create domain label as varchar(10) collate "C";
create domain kept as text;
