CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE booking (
  id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 10) PRIMARY KEY,
  room integer NOT NULL,
  during tstzrange NOT NULL,
  price numeric(10,2),
  tax numeric GENERATED ALWAYS AS (price * 0.2) STORED,
  tags text[] DEFAULT '{}'::text[],
  tags2 text[] DEFAULT ARRAY[]::text[],
  codes integer[] DEFAULT '{1,2}'::integer[],
  email text,
  CHECK (price >= 0),
  EXCLUDE USING gist (room WITH =, during WITH &&)
);
CREATE UNIQUE INDEX booking_email_lower ON booking (lower(email)) WHERE email IS NOT NULL;
CREATE MATERIALIZED VIEW room_use AS SELECT room, count(*) AS n FROM booking GROUP BY room WITH NO DATA;
CREATE UNIQUE INDEX room_use_room ON room_use (room);
