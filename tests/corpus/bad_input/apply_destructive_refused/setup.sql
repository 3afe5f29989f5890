create table t (id bigint primary key, name text);
insert into t values (1, 'keep');
