-- Several schemas: the same table name in two schemas, an enum and a sequence of one schema used in another, cross-schema views and foreign keys, an empty schema.
CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE SCHEMA empty_one;
CREATE TYPE a.color AS ENUM ('red', 'green');
CREATE SEQUENCE b.counter;
CREATE TABLE a.items (id int PRIMARY KEY, color a.color, n bigint DEFAULT nextval('b.counter'));
CREATE TABLE b.items (id int PRIMARY KEY, a_id int REFERENCES a.items, color a.color DEFAULT 'red');
CREATE TABLE public.items (id int);
CREATE VIEW b.joined AS SELECT x.id, y.color FROM a.items x JOIN b.items y ON y.a_id = x.id;
CREATE VIEW public.all_items AS SELECT id FROM a.items UNION ALL SELECT id FROM b.items UNION ALL SELECT id FROM public.items;
