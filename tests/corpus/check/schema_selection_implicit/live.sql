CREATE SCHEMA partman;
CREATE EXTENSION IF NOT EXISTS pgcrypto SCHEMA partman;
CREATE SCHEMA "Billing Dept";
CREATE TABLE "Billing Dept".invoices (id bigint PRIMARY KEY);
CREATE SCHEMA empty_one;
CREATE TABLE t (id bigint);
