-- Per-column collation, STORAGE and COMPRESSION (pglz against the default: the cached servers have no lz4) flipped one at a time and together, next to varchar widenings that must keep the collation, compression and storage.
create table docs (
  id int primary key,
  title text collate "C",
  body text,
  summary text,
  blob bytea compression pglz,
  slug varchar(20) collate "POSIX",
  "Ünïcode" text,
  both_flip text compression pglz,
  kept_pglz varchar(10) compression pglz collate "C",
  kept_main varchar(5)
);
alter table docs alter summary set storage external, alter both_flip set storage main, alter kept_main set storage main;
create index docs_title on docs (title);
