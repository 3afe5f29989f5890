create schema app;
create table app.clients (id int primary key, full_name text not null default 'anon', age int, email text,
  constraint clients_age_check check (age >= 18), constraint clients_email_key unique (email) include (age));
create index clients_name_idx on app.clients (full_name) where full_name <> '';
create table app.orders (id int primary key, customer int, constraint orders_client_fk foreign key (customer) references app.clients on delete cascade);
comment on table app.clients is 'clients';
comment on column app.clients.full_name is 'the full name';
