-- Column collations that exist on every server ("C", "POSIX", ucs_basic), on text, varchar, char and arrays, and in an index key.
CREATE TABLE coll (
    a text COLLATE "C",
    b varchar(30) COLLATE "POSIX",
    c character(5) COLLATE "C",
    d text[] COLLATE "C",
    e text COLLATE ucs_basic,
    f text
);
CREATE INDEX coll_f_c ON coll (f COLLATE "C");
CREATE INDEX coll_a_pattern ON coll (a text_pattern_ops);
