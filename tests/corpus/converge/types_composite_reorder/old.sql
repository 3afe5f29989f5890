create type point3 as (x float8, y float8);
