//! Domain catalog: `pg_type` rows of `typtype = 'd'` with their check constraints.

use tokio_postgres::Row;

use super::Domain;
use crate::introspect::{get, CatalogQuery, IntrospectError, ReadCx};
use crate::model::QualifiedName;

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: "domains",
    sql: Q_DOMAINS,
    takes_schemas: true,
    read,
};

/// The collation only when it differs from the base type's; names outside pg_catalog are
/// qualified (as columns print them). Checks as (name, expression) in name order; PG17's
/// `contype = 'n'` rows are the NOT NULL flag, not checks. Then which checks are NOT VALID and
/// the checks' comments, in the same order.
const Q_DOMAINS: &str = concat!(
    "SELECT n.nspname::text, t.typname::text, format_type(t.typbasetype, t.typtypmod),
  pg_get_expr(t.typdefaultbin, 0), t.typnotnull,
  CASE WHEN t.typcollation <> 0 AND t.typcollation <> b.typcollation THEN
    CASE WHEN con.nspname = 'pg_catalog' THEN co.collname::text
         ELSE con.nspname::text || '.' || co.collname::text END
  END,
  obj_description(t.oid, 'pg_type'),
  COALESCE((SELECT array_agg(c.conname::text ORDER BY c.conname) FROM pg_constraint c
            WHERE c.contypid = t.oid AND c.contype = 'c'), '{}'),
  COALESCE((SELECT array_agg(pg_get_expr(c.conbin, 0) ORDER BY c.conname) FROM pg_constraint c
            WHERE c.contypid = t.oid AND c.contype = 'c'), '{}'),
  COALESCE((SELECT array_agg(NOT c.convalidated ORDER BY c.conname) FROM pg_constraint c
            WHERE c.contypid = t.oid AND c.contype = 'c'), '{}'),
  COALESCE((SELECT array_agg(obj_description(c.oid, 'pg_constraint') ORDER BY c.conname)
            FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c'), '{}')
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type b ON b.oid = t.typbasetype
LEFT JOIN pg_collation co ON co.oid = t.typcollation
LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
WHERE t.typtype = 'd' AND ",
    user_schema!("n"),
    " AND ",
    not_extension_member!("pg_type", "t.oid"),
    "
ORDER BY n.nspname, t.typname"
);

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    const Q: &str = "domains";
    for row in rows {
        let qn = QualifiedName::new(
            get::<String>(row, 0, Q, "a domain")?,
            get::<String>(row, 1, Q, "a domain")?,
        );
        let obj = qn.display_name();
        let names: Vec<String> = get(row, 7, Q, &obj)?;
        let exprs: Vec<String> = get(row, 8, Q, &obj)?;
        let not_valid: Vec<bool> = get(row, 9, Q, &obj)?;
        let comments: Vec<Option<String>> = get(row, 10, Q, &obj)?;
        let flagged = names.iter().zip(not_valid).filter(|(_, nv)| *nv);
        let check_comments = names.iter().zip(comments);
        let domain = Domain {
            data_type: get(row, 2, Q, &obj)?,
            default: get(row, 3, Q, &obj)?,
            not_null: get(row, 4, Q, &obj)?,
            collation: get(row, 5, Q, &obj)?,
            comment: get(row, 6, Q, &obj)?,
            not_valid: flagged.map(|(n, _)| n.clone()).collect(),
            check_comments: check_comments
                .filter_map(|(n, c)| Some((n.clone(), c?)))
                .collect(),
            checks: names.into_iter().zip(exprs).collect(),
        };
        cx.out.domains.insert(qn, domain);
    }
    Ok(())
}
