-- Sequences: every option flipped (AS smallint/bigint, INCREMENT negative, MIN/MAX, START, CACHE, CYCLE), OWNED BY moved and removed, in schemas with odd names.
create schema "Seq.S";
create table "Seq.S".owner_a (id int, other int);
create table "Seq.S".owner_b (id int);
create sequence "Seq.S".s_as as smallint;
create sequence "Seq.S".s_down increment by -1 minvalue -100 maxvalue -1 start with -1;
create sequence "Seq.S"."S ""Bounds""" minvalue 10 maxvalue 99 start with 10 cycle cache 5;
create sequence "Seq.S".s_owned owned by "Seq.S".owner_a.id;
create sequence "Seq.S".s_disowned owned by "Seq.S".owner_a.other;
create sequence public.s_plain;
create sequence "Seq.S".s_gone;
