//! Range type catalog: `pg_range` with options left out where they are PostgreSQL's defaults.

use tokio_postgres::Row;

use super::{default_multirange_name, RangeType};
use crate::introspect::{get, CatalogQuery, IntrospectError, ReadCx};
use crate::model::QualifiedName;

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: "ranges",
    sql: Q_RANGES,
    takes_schemas: true,
    read,
};

/// The operator class only when it is not the subtype's default B-tree class; the collation only
/// when it differs from the subtype's; functions as `regproc` prints them (qualified outside the
/// search path).
const Q_RANGES: &str = concat!(
    "SELECT n.nspname::text, t.typname::text, format_type(g.rngsubtype, NULL),
  CASE WHEN NOT o.opcdefault THEN
    CASE WHEN onsp.nspname = 'pg_catalog' THEN o.opcname::text
         ELSE onsp.nspname::text || '.' || o.opcname::text END
  END,
  CASE WHEN g.rngcollation <> 0 AND g.rngcollation <> st.typcollation THEN
    CASE WHEN con.nspname = 'pg_catalog' THEN co.collname::text
         ELSE con.nspname::text || '.' || co.collname::text END
  END,
  CASE WHEN g.rngcanonical <> 0 THEN g.rngcanonical::regproc::text END,
  CASE WHEN g.rngsubdiff <> 0 THEN g.rngsubdiff::regproc::text END,
  mt.typname::text,
  obj_description(t.oid, 'pg_type')
FROM pg_range g
JOIN pg_type t ON t.oid = g.rngtypid
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type st ON st.oid = g.rngsubtype
JOIN pg_opclass o ON o.oid = g.rngsubopc
JOIN pg_namespace onsp ON onsp.oid = o.opcnamespace
LEFT JOIN pg_type mt ON mt.oid = (to_jsonb(g) ->> 'rngmultitypid')::oid
LEFT JOIN pg_collation co ON co.oid = g.rngcollation
LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
WHERE ",
    user_schema!("n"),
    " AND ",
    not_extension_member!("pg_type", "t.oid"),
    "
ORDER BY n.nspname, t.typname"
);

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    const Q: &str = "ranges";
    for row in rows {
        let qn = QualifiedName::new(
            get::<String>(row, 0, Q, "a range type")?,
            get::<String>(row, 1, Q, "a range type")?,
        );
        let obj = qn.display_name();
        let multi: Option<String> = get(row, 7, Q, &obj)?;
        let multirange = multi.filter(|m| *m != default_multirange_name(&qn.name));
        let r = RangeType {
            subtype: get(row, 2, Q, &obj)?,
            subtype_opclass: get(row, 3, Q, &obj)?,
            collation: get(row, 4, Q, &obj)?,
            canonical: get(row, 5, Q, &obj)?,
            subtype_diff: get(row, 6, Q, &obj)?,
            multirange,
            comment: get(row, 8, Q, &obj)?,
        };
        cx.out.ranges.insert(qn, r);
    }
    Ok(())
}
