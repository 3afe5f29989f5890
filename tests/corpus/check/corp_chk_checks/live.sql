CREATE TABLE k (
  a integer, s text, b boolean, n numeric, t timestamptz,
  CONSTRAINT k_s_in CHECK (s IN ('x', 'y')),
  CONSTRAINT k_s_any CHECK (s = ANY (ARRAY['x'::text, 'y'::text])),
  CONSTRAINT k_a_between CHECK (a BETWEEN 1 AND 10),
  CONSTRAINT k_b_not CHECK (NOT b),
  CONSTRAINT k_b_not2 CHECK (b IS NOT TRUE OR a > 0),
  CONSTRAINT k_cast CHECK (n::integer > 0),
  CONSTRAINT k_paren CHECK ((((a > 0)))),
  CONSTRAINT k_len CHECK (char_length(s) <= 10 OR s IS NULL),
  CONSTRAINT k_like CHECK (s LIKE 'x%'),
  CONSTRAINT k_t CHECK (t > '2020-01-01'),
  CONSTRAINT k_b_true CHECK (b OR a > 5),
  CONSTRAINT k_b_false_real CHECK (b = false OR a > 0),
  CONSTRAINT k_real CHECK (a < 100)
);
