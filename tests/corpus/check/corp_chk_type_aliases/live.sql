CREATE TABLE t (
  a integer, b integer, c integer, d bigint, e smallint, f boolean,
  g real, h double precision, i real, j double precision, j2 double precision,
  k numeric, l numeric(10,2), m numeric(10,0),
  n character(1), o character(5), p bpchar, q character varying, r character varying(30),
  s timestamp with time zone, s2 timestamp(3) with time zone, t2 timestamp(3) without time zone,
  u time with time zone, v time(2) without time zone,
  w interval day to second(3), x interval year to month, x2 interval(2),
  y bit(1), z bit(8), aa bit varying, ab bit varying(5),
  ac integer[], ad integer[], ae integer[], af integer[], ag bigint, ah integer, ai text, aj character varying(10)[],
  ak uuid, al jsonb, am inet, an cidr, ao macaddr, ap money, aq tsvector, ar json, as2 bytea, at2 date,
  real_diff character varying(40)
);
