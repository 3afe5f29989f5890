-- Collations made with CREATE COLLATION: libc, ICU (nondeterministic), in a second schema, with a comment; used by columns and a domain.
CREATE SCHEMA intl;
CREATE COLLATION posix_copy (provider = libc, locale = 'C');
COMMENT ON COLLATION posix_copy IS 'Byte order';
CREATE COLLATION intl.case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION intl."numeric" (provider = icu, locale = 'en-u-kn-true');
CREATE DOMAIN ci_text AS text COLLATE intl.case_insensitive;
CREATE TABLE words (
  id bigint PRIMARY KEY,
  plain text COLLATE posix_copy,
  word ci_text,
  label text COLLATE intl."numeric"
);
