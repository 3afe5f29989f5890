//! enum catalog: enum types with their labels in sort order (an enum may have none yet).

use tokio_postgres::Row;

use crate::introspect::{get, CatalogQuery, IntrospectError, ReadCx};
use crate::model::QualifiedName;

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: "enums",
    sql: Q_ENUMS,
    takes_schemas: true,
    read,
};

const Q_ENUMS: &str = concat!(
    "SELECT n.nspname::text, t.typname::text,
  COALESCE(array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
           FILTER (WHERE e.enumlabel IS NOT NULL), '{}')
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_enum e ON e.enumtypid = t.oid
WHERE t.typtype = 'e' AND ",
    user_schema!("n"),
    " AND ",
    not_extension_member!("pg_type", "t.oid"),
    "
GROUP BY n.nspname, t.typname
ORDER BY n.nspname, t.typname"
);

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    for row in rows {
        let qn = QualifiedName::new(
            get::<String>(row, 0, "enums", "an enum")?,
            get::<String>(row, 1, "enums", "an enum")?,
        );
        let labels: Vec<String> = get(row, 2, "enums", &qn.display_name())?;
        cx.out.enums.insert(qn, labels);
    }
    cx.out.enums.sort_keys();
    Ok(())
}
