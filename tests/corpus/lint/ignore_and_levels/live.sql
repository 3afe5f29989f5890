create table legacy_users (id integer primary key, created timestamp);
create table legacy_orders (id integer primary key, user_id integer references legacy_users (id));
create table orders (id integer primary key, user_id bigint, placed timestamp);
