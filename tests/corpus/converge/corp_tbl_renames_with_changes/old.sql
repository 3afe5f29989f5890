-- Declared renames that also change what they rename: a table (comment changed), a column (type, default, NOT NULL and comment changed), an index (made partial), a check (expression), a unique (INCLUDE added), a foreign key (ON DELETE), all at once.
create schema app;
create table app.customers (id int primary key, name varchar(50) default 'x', age int, email text,
  constraint customers_age_check check (age > 0), constraint customers_email_key unique (email));
create index customers_name_idx on app.customers (name);
create table app.orders (id int primary key, customer int, constraint orders_customer_fk foreign key (customer) references app.customers);
comment on table app.customers is 'customers';
comment on column app.customers.name is 'the name';
insert into app.customers values (1, 'ann', 30, 'a@x');
insert into app.orders values (1, 1);
