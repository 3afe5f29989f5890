//! Composite type catalog: stand-alone composite types (relkind `c`) and their attributes.

use tokio_postgres::Row;

use super::{Attribute, CompositeType};
use crate::introspect::{get, CatalogQuery, IntrospectError, ReadCx};
use crate::model::QualifiedName;

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: "composite types",
    sql: Q_TYPES,
    takes_schemas: true,
    read,
};

/// One row per type; attributes as parallel arrays in `attnum` order, the collation only when it
/// differs from the attribute type's, and the attributes' comments.
const Q_TYPES: &str = concat!(
    "SELECT n.nspname::text, t.typname::text, obj_description(t.oid, 'pg_type'),
  COALESCE(array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attnum IS NOT NULL), '{}'),
  COALESCE(array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum)
    FILTER (WHERE a.attnum IS NOT NULL), '{}'),
  COALESCE(array_agg(
    CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation THEN
      CASE WHEN con.nspname = 'pg_catalog' THEN co.collname::text
           ELSE con.nspname::text || '.' || co.collname::text END
    END ORDER BY a.attnum) FILTER (WHERE a.attnum IS NOT NULL), '{}'),
  COALESCE(array_agg(col_description(c.oid, a.attnum) ORDER BY a.attnum)
    FILTER (WHERE a.attnum IS NOT NULL), '{}')
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_type at ON at.oid = a.atttypid
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
WHERE t.typtype = 'c' AND ",
    user_schema!("n"),
    " AND ",
    not_extension_member!("pg_type", "t.oid"),
    "
GROUP BY n.nspname, t.typname, t.oid
ORDER BY n.nspname, t.typname"
);

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    const Q: &str = "composite types";
    for row in rows {
        let qn = QualifiedName::new(
            get::<String>(row, 0, Q, "a type")?,
            get::<String>(row, 1, Q, "a type")?,
        );
        let obj = qn.display_name();
        let names: Vec<String> = get(row, 3, Q, &obj)?;
        let types: Vec<String> = get(row, 4, Q, &obj)?;
        let collations: Vec<Option<String>> = get(row, 5, Q, &obj)?;
        let comments: Vec<Option<String>> = get(row, 6, Q, &obj)?;
        let attribute_comments = names
            .iter()
            .zip(comments)
            .filter_map(|(n, c)| Some((n.clone(), c?)))
            .collect();
        let attributes = names
            .into_iter()
            .zip(types)
            .zip(collations)
            .map(|((n, data_type), collation)| {
                (
                    n,
                    Attribute {
                        data_type,
                        collation,
                    },
                )
            })
            .collect();
        let t = CompositeType {
            attributes,
            comment: get(row, 2, Q, &obj)?,
            attribute_comments,
        };
        cx.out.types.insert(qn, t);
    }
    Ok(())
}
