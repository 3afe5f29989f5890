-- PostgreSQL 18 temporal keys: PRIMARY KEY / UNIQUE ... WITHOUT OVERLAPS and FOREIGN KEY ... PERIOD (btree_gist).
CREATE EXTENSION btree_gist;
CREATE TABLE rooms (
    id int,
    valid_at daterange,
    code text,
    CONSTRAINT rooms_pk PRIMARY KEY (id, valid_at WITHOUT OVERLAPS),
    CONSTRAINT rooms_code_key UNIQUE (code, valid_at WITHOUT OVERLAPS)
);
CREATE TABLE bookings (
    id int PRIMARY KEY,
    room_id int,
    valid_at daterange,
    CONSTRAINT bookings_room_fk FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms (id, PERIOD valid_at)
);
