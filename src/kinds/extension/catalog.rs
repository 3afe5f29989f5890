//! extension catalog: installed extensions (database-wide; plpgsql, which every database has, left out).

use tokio_postgres::Row;

use crate::introspect::{get, CatalogQuery, IntrospectError, ReadCx};
use crate::model::{Extension, DEFAULT_SCHEMA};

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: "extensions",
    sql: Q_EXTENSIONS,
    takes_schemas: false,
    read,
};

const Q_EXTENSIONS: &str = "\
SELECT e.extname::text, n.nspname::text, e.extversion,
  -- Only a comment other than the control file's (which CREATE EXTENSION sets).
  NULLIF(COALESCE(obj_description(e.oid, 'pg_extension'), ''),
         COALESCE((SELECT a.comment FROM pg_available_extensions a WHERE a.name = e.extname), ''))
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
ORDER BY e.extname";

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    for row in rows {
        let name: String = get(row, 0, "extensions", "an extension")?;
        let schema: String = get(row, 1, "extensions", &name)?;
        let version: String = get(row, 2, "extensions", &name)?;
        let comment: Option<String> = get(row, 3, "extensions", &name)?;
        let schema = (schema != DEFAULT_SCHEMA).then_some(schema);
        cx.out.extensions.insert(
            name,
            Extension {
                schema,
                version: Some(version),
                comment,
            },
        );
    }
    Ok(())
}
