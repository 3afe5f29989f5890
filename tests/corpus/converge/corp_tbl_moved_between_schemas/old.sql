-- Tables, a sequence, an enum and a domain that exist in one schema in the database and in another in the declaration (no rename across schemas: they are created and the old ones dropped), next to a same-named table kept in both schemas.
create schema old_s;
create schema new_s;
create type old_s.level as enum ('lo', 'hi');
create domain old_s.pos as int check (value > 0);
create sequence old_s.counter;
create table old_s.items (id int primary key, lvl old_s.level, n old_s.pos, c int default nextval('old_s.counter'));
create table old_s.kept (id int primary key);
create table new_s.kept (id int primary key, v text);
