-- Hibernate 5/6 `hbm2ddl` output under Flyway: lower-case DDL, sequences with increment by 50 and the legacy hibernate_sequence, `alter table if exists ... add constraint FK<hash>`, UK_<hash> unique keys, timestamp(6) with time zone, ordinal/string enum checks, numeric(38,2), oid @Lob, join tables with composite keys, flyway_schema_history.
CREATE TABLE "public"."flyway_schema_history" (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL
);
ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");
create sequence hibernate_sequence start 1 increment 1;
create sequence customer_seq start with 1 increment by 50;
create sequence purchase_order_seq start with 1 increment by 50;
create sequence product_seq start with 1000 increment by 50 minvalue 1000;
create table customer (id bigint not null, created_at timestamp(6) with time zone not null, email varchar(255) not null, name varchar(255), tier smallint check (tier between 0 and 2), version integer not null, primary key (id));
create table product (id bigint not null, price numeric(38,2) not null, sku varchar(64) not null, description text, image oid, weight float(53), status varchar(255) check (status in ('ACTIVE','DISCONTINUED','DRAFT')), primary key (id));
create table purchase_order (id bigint not null, customer_id bigint not null, ordered_at timestamp(6), total numeric(19,2), notes varchar(2000), primary key (id));
create table purchase_order_products (purchase_order_id bigint not null, products_id bigint not null, primary key (purchase_order_id, products_id));
create table customer_tags (customer_id bigint not null, tags varchar(255));
create table audit_revinfo (rev integer not null, revtstmp bigint, primary key (rev));
create table customer_aud (id bigint not null, rev integer not null, revtype smallint, email varchar(255), name varchar(255), primary key (rev, id));
alter table if exists customer drop constraint if exists UK_dwk6cx0afu8bs9o4t536v1j5v;
alter table if exists customer add constraint UK_dwk6cx0afu8bs9o4t536v1j5v unique (email);
alter table if exists product add constraint UK_q1mafxn973ldq80m1irp3mpvq unique (sku);
alter table if exists purchase_order add constraint FKp4lv5gfktntvbdu6bqm7y4ws2 foreign key (customer_id) references customer;
alter table if exists purchase_order_products add constraint FKa6ho3ok0t8ijuy4sqb3fx4yaf foreign key (products_id) references product;
alter table if exists purchase_order_products add constraint FK3qsc3dblhmgg7f3h8b6y3u9rf foreign key (purchase_order_id) references purchase_order;
alter table if exists customer_tags add constraint FKkl3d2cuqx85s4wxq7i7s9ik6n foreign key (customer_id) references customer;
alter table if exists customer_aud add constraint FK5ecvi1a0ykunrriib7j28vpdj foreign key (rev) references audit_revinfo;
create index idx_purchase_order_customer on purchase_order (customer_id, ordered_at desc);
create index IDX_Product_Status on product (status) where status <> 'DISCONTINUED';
