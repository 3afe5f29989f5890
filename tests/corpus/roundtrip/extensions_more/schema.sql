-- More extensions: "uuid-ossp" (a name that needs quoting) with a uuid_generate_v4() default, hstore and ltree columns with gist indexes, btree_gin for a gin index on a scalar.
CREATE EXTENSION "uuid-ossp";
CREATE EXTENSION hstore;
CREATE EXTENSION ltree;
CREATE EXTENSION btree_gin;
CREATE TABLE things (
    id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    attrs hstore,
    path ltree,
    n int
);
CREATE INDEX things_attrs ON things USING gist (attrs);
CREATE INDEX things_path ON things USING gist (path);
CREATE INDEX things_n_gin ON things USING gin (n);
CREATE VIEW thing_keys AS SELECT id, akeys(attrs) AS keys FROM things WHERE path <@ 'top';
