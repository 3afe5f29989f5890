create table docs (
  id int primary key,
  title text collate "POSIX",
  body text collate "C",
  summary text,
  blob bytea,
  slug varchar(40) collate "POSIX",
  "Ünïcode" text compression pglz collate "C",
  both_flip text,
  kept_pglz varchar(30) compression pglz collate "C",
  kept_main varchar(15)
);
alter table docs alter body set storage main, alter both_flip set storage external, alter kept_main set storage main;
create index docs_title on docs (title);
