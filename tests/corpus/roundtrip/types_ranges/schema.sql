-- Range types: subtype_diff, a custom multirange name, a collation, over a domain, in two schemas; columns of range and multirange types.
CREATE SCHEMA sched;
CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
COMMENT ON TYPE floatrange IS 'Ranges of doubles';
CREATE TYPE sched.textrange AS RANGE (subtype = text, collation = "C", multirange_type_name = sched.text_ranges);
CREATE DOMAIN hour_of_day AS integer CHECK (VALUE BETWEEN 0 AND 23);
CREATE TYPE sched.hours AS RANGE (subtype = hour_of_day);
CREATE TABLE slots (
  id bigint PRIMARY KEY,
  span floatrange,
  spans floatmultirange,
  names sched.textrange,
  name_sets sched.text_ranges,
  open_hours sched.hours
);
