create schema app;
create domain app.short_code as varchar(8) check (value ~ '^[A-Z]+$');
create table app."Orders" (
  id int primary key,
  qty_text int,
  price numeric(12,4),
  note varchar(50),
  label varchar(10),
  happened timestamptz,
  seen_at timestamp,
  tags bigint[],
  flags text,
  code varchar(8),
  ratio double precision,
  big_id bigint,
  "Ref No" app.short_code
);
