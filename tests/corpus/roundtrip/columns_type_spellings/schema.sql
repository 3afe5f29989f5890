-- Types spelled the way people write them (int4, bool, float8, decimal, character varying, timestamp with time zone, serial/bigserial/smallserial, "char").
CREATE TABLE spellings (
    a int4, b int8, c int2, d bool, e float4, f float8, g decimal(12,3), h dec, i character varying(7),
    j timestamp with time zone, k timestamp without time zone, l time with time zone, m double precision,
    n "char", o bpchar, p varbit, q character(3), r bit
);
CREATE TABLE serials (s1 serial PRIMARY KEY, s2 bigserial, s3 smallserial, "Odd Serial" serial);
