create table t (id bigint not null, at timestamp);
