create function area(r float8) returns float8 language sql immutable as 'select pi() * r * r';
create function area(w float8, h float8) returns float8 language sql immutable as 'select w * h';
create function area(s int) returns int language sql immutable begin atomic select s * s; end;
