-- migra/pg-schema-diff/sqldef style column type changes that need USING, with data that must survive.
create schema app;
create domain app.short_code as varchar(8) check (value ~ '^[A-Z]+$');
create table app."Orders" (
  id int primary key,
  qty_text text,
  price numeric(8,2),
  note varchar(20),
  label varchar(40),
  happened timestamp,
  seen_at timestamptz,
  tags int[],
  flags int,
  code app.short_code,
  ratio real,
  big_id int,
  "Ref No" text
);
