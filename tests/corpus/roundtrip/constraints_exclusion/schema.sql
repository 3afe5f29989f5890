-- Exclusion constraints with the built-in gist operators: ranges, a predicate, a deferrable one, an odd name, and several elements.
CREATE TABLE booking (
    room int NOT NULL,
    during tsrange NOT NULL,
    cancelled boolean DEFAULT false,
    area box,
    CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&) WHERE (NOT cancelled),
    CONSTRAINT "Area Ex" EXCLUDE USING gist (area WITH &&) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE period (p daterange, q int4range, EXCLUDE USING gist (p WITH &&, q WITH &&));
