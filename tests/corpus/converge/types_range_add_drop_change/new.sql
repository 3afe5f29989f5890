create type floatrange as range (subtype = float8, subtype_diff = float8mi);
create type textrange2 as range (subtype = text, collation = "C", multirange_type_name = text_multi);
create table slots (id int primary key, r textrange2, rs text_multi);
