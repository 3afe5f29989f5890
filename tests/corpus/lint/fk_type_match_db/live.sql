create table parent (id bigint primary key, code varchar(10) not null unique, k2 text, unique (id, k2));
create table child (
    id bigint primary key,
    parent_id bigint references parent (id),
    parent_code varchar(20) references parent (code),
    same_code varchar(10) references parent (code),
    pid integer,
    pk2 varchar,
    foreign key (pid, pk2) references parent (id, k2)
);
create index on child (parent_id);
create index on child (parent_code);
create index on child (same_code);
create index on child (pid, pk2);
