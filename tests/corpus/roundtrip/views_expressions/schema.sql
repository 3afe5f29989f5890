-- View bodies with expressions whose deparsed text is easy to get wrong: DISTINCT ON, ORDER BY/LIMIT/OFFSET, GROUPING SETS, FILTER, window frames, recursive CTE, CASE, casts, array subscripts, row comparison, string literals with quotes and semicolons, JSON operators, IS DISTINCT FROM.
CREATE TABLE m (id int PRIMARY KEY, parent int, grp text, val numeric, at timestamptz, tags text[], doc jsonb);
CREATE VIEW v_distinct_on AS SELECT DISTINCT ON (grp) grp, id, val FROM m ORDER BY grp, at DESC NULLS LAST LIMIT 10 OFFSET 1;
CREATE VIEW v_grouping AS SELECT grp, date_trunc('month', at) AS month, sum(val) AS total, count(*) FILTER (WHERE val > 0) AS positive FROM m GROUP BY GROUPING SETS ((grp), (grp, date_trunc('month', at)), ());
CREATE VIEW v_window AS SELECT id, sum(val) OVER (PARTITION BY grp ORDER BY at ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS running, lag(val, 1, 0::numeric) OVER w AS prev FROM m WINDOW w AS (ORDER BY id);
CREATE VIEW v_recursive AS WITH RECURSIVE tree(id, depth, path) AS (
    SELECT id, 0, ARRAY[id] FROM m WHERE parent IS NULL
    UNION ALL
    SELECT m.id, tree.depth + 1, tree.path || m.id FROM m JOIN tree ON m.parent = tree.id
) SELECT * FROM tree;
CREATE VIEW v_exprs AS SELECT
    id,
    CASE WHEN val IS NULL THEN 'none' WHEN val < 0 THEN 'neg' ELSE 'pos' END AS sign,
    val::int AS int_val,
    CAST(at AS date) AS day,
    tags[1] AS first_tag,
    tags[2:3] AS some_tags,
    (id, grp) > (1, 'a') AS row_cmp,
    'it''s; -- not a comment /* nor this */' AS literal,
    doc -> 'a' ->> 'b' AS json_path,
    doc #>> '{x,y}' AS json_deep,
    grp IS DISTINCT FROM 'x' AS distinct_x,
    coalesce(nullif(grp, ''), 'empty') AS grp_or_empty,
    greatest(val, 0) AS clamp,
    at AT TIME ZONE 'UTC' AS at_utc,
    EXTRACT(year FROM at) AS year,
    grp ILIKE 'a%' AS starts_a,
    grp SIMILAR TO '(a|b)%' AS sim,
    val BETWEEN SYMMETRIC 1 AND 0 AS btw,
    ARRAY(SELECT unnest(tags) ORDER BY 1) AS sorted_tags,
    EXISTS (SELECT 1 FROM m m2 WHERE m2.parent = m.id) AS has_children
  FROM m;
