create type point3 as (z float8, x float8, y float8);
