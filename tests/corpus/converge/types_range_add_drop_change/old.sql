create type floatrange as range (subtype = float8);
create type gone_range as range (subtype = date);
create table gone_t (r gone_range);
