-- Column types: arrays (1-d, 2-d, of varchar(n) and numeric), numeric(p,s), varchar(n), char(n), timestamp(tz) with precision, time(tz), interval fields, bit/varbit, bytea, json(b), uuid, network, money, geometric, tsvector, ranges, xml.
CREATE TABLE types (
    i2 smallint, i4 integer, i8 bigint,
    n numeric, n10 numeric(10), n10_2 numeric(10,2), n_neg numeric(5,-2),
    r real, d double precision,
    v varchar, v20 varchar(20), c char, c10 char(10), t text,
    ts timestamp, ts3 timestamp(3), tstz timestamptz, tstz0 timestamptz(0),
    tm time, tm6 time(6), tmtz timetz, dt date,
    iv interval, iv_ym interval year to month, iv_s interval second(2),
    b boolean, bt bit(8), vb bit varying(16), ba bytea,
    j json, jb jsonb, u uuid,
    ip inet, cidr_col cidr, mac macaddr, mac8 macaddr8,
    m money, p point, l line, box_col box, circ circle, pg polygon, pth path, lseg_col lseg,
    tsv tsvector, tsq tsquery,
    r4 int4range, r8 int8range, nr numrange, tsr tsrange, tstzr tstzrange, dr daterange, mr int4multirange,
    x xml, o oid, pl pg_lsn,
    a_int integer[], a_2d text[][], a_vc varchar(10)[], a_num numeric(6,3)[], a_ts timestamptz[], a_uuid uuid[], a_jsonb jsonb[]
);
