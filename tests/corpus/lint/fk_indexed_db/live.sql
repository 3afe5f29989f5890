create table p (id bigint primary key, k bigint not null, unique (id, k));
create table c (
    id bigint primary key references p (id),          -- covered by the primary key
    a bigint references p (id),                        -- covered by a leading index column
    b bigint, bb bigint,
    d bigint references p (id),                        -- only a partial index: not covered
    e bigint references p (id),                        -- only as a second column: not covered
    f bigint references p (id),                        -- hash index: covered (single column)
    g bigint references p (id),                        -- no index at all
    h bigint references p (id),                        -- expression index only: not covered
    u bigint unique references p (id),                 -- covered by the unique constraint
    foreign key (bb, b) references p (id, k)           -- covered by (b, bb, ...) in any order
);
create index c_a on c (a desc);
create index c_b_bb on c (b, bb, e);
create index c_d on c (d) where d is not null;
create index c_f on c using hash (f);
create index c_h on c ((h + 0));
