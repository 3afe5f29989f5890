insert into parent select g, 'p' || g from generate_series(1, 200) g;
insert into child select g, 1 + g % 200, g, 'n' || g, 'new' from generate_series(1, 2000) g;
