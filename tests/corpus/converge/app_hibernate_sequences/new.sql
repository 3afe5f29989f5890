-- Hibernate 5 to 6 upgrade: the shared hibernate_sequence (increment 1) replaced by per-entity <entity>_seq sequences with increment by 50 and a start past the old values, timestamp to timestamp(6) with time zone, numeric(19,2) to numeric(38,2), the ordinal enum column gaining Hibernate 6's CHECK (status between 0 and 3), version int4 NOT NULL, the UK_ constraint renamed to a readable name, email made NOT NULL.
create sequence customer_seq start with 51 increment by 50;
create sequence purchase_order_seq start with 51 increment by 50;
create table customer (id bigint not null, created_at timestamp(6) with time zone, email varchar(255) not null, name varchar(255), version integer not null default 0, primary key (id));
create table purchase_order (id bigint not null, customer_id bigint, total numeric(38,2), ordered_at timestamp(6) with time zone, status smallint check (status between 0 and 3), primary key (id));
alter table if exists customer add constraint uk_customer_email unique (email);
alter table if exists purchase_order add constraint FKp4lv5gfktntvbdu6bqm7y4ws2 foreign key (customer_id) references customer;
