create function area(r float8) returns float8 language sql immutable as 'select pi() * r * r';
