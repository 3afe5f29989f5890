create table events (
    id bigint primary key,
    a timestamp,
    b timestamp(3) without time zone,
    c timestamptz,
    d timetz,
    e time,
    f timestamp[],
    g date,
    h time(2) with time zone
);
