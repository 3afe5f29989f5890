create domain label as text collate "POSIX";
create domain kept as text;
comment on domain kept is 'now with a comment';
