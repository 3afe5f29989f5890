create table t (id bigint primary key, name text);
create text search dictionary t_dict (template = pg_catalog.simple);
