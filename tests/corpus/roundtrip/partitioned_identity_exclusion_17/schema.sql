-- PostgreSQL 17: identity columns and exclusion constraints (with the partition key) on partitioned tables.
CREATE EXTENSION btree_gist;
CREATE TABLE bookings (
    id bigint GENERATED ALWAYS AS IDENTITY,
    room int NOT NULL,
    during tsrange NOT NULL,
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)
) PARTITION BY LIST (room);
CREATE TABLE bookings_1 PARTITION OF bookings FOR VALUES IN (1);
CREATE TABLE bookings_2 PARTITION OF bookings FOR VALUES IN (2);
