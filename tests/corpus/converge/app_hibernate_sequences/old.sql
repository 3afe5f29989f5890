create sequence hibernate_sequence start 1 increment 1;
create table customer (id int8 not null, created_at timestamp, email varchar(255), name varchar(255), version int4, primary key (id));
create table purchase_order (id int8 not null, customer_id int8, total numeric(19, 2), ordered_at timestamp, status int4, primary key (id));
alter table customer add constraint UK_dwk6cx0afu8bs9o4t536v1j5v unique (email);
alter table purchase_order add constraint FKp4lv5gfktntvbdu6bqm7y4ws2 foreign key (customer_id) references customer;
