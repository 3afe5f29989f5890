create collation byte_order (provider = libc, locale = 'POSIX');
create collation ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
comment on collation ci is 'case-insensitive';
create domain ci_text as text collate ci;
create table words (id int primary key, w ci_text, b text collate byte_order);
