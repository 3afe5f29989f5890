create table t (id bigint primary key, name text);
create rule t_no_delete as on delete to t do instead nothing;
