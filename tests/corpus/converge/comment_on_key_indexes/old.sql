create table t (id int primary key, code text unique, other text constraint t_other_key unique);
comment on index t_pkey is 'old pk index comment';
comment on index t_other_key is 'goes away';
create table gone (id int primary key);
comment on index gone_pkey is 'dropped with its table';
