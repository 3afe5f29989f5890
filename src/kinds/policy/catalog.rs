//! policy catalog: the RLS flags of every table that has them, and its policies, in one query.
//!
//! Rows are attached to the tables already read (by schema and name), so the reader runs after
//! the relations; a table the model does not hold (a partition, say) is skipped.

use tokio_postgres::Row;

use super::{Policy, PolicyCommand};
use crate::introspect::IntrospectError;
use crate::model::{QualifiedName, Schema};

/// Attaches to tables (and views) by name, so it reads after the relations are in the model.
pub const CATALOG: crate::introspect::CatalogQuery = crate::introspect::CatalogQuery {
    name: NAME,
    sql: QUERY,
    takes_schemas: true,
    read: read_rows,
};

fn read_rows(rows: &[Row], cx: &mut crate::introspect::ReadCx) -> Result<(), IntrospectError> {
    cx.relations_done();
    read(rows, &mut cx.out)
}

pub const NAME: &str = "policies";

/// One row per policy (or one per table with RLS and no policy): schema, table, RLS enabled,
/// forced, policy name, command, permissive, roles (sorted, `PUBLIC` for 0), USING, WITH CHECK.
pub const QUERY: &str = "\
SELECT n.nspname::text, c.relname::text, c.relrowsecurity, c.relforcerowsecurity,
  p.polname::text, p.polcmd::text, p.polpermissive,
  ARRAY(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r)::text END
        FROM unnest(p.polroles) r ORDER BY 1),
  pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_policy p ON p.polrelid = c.oid
WHERE n.nspname = ANY($1) AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
  AND c.relkind IN ('r', 'p')
  AND (c.relrowsecurity OR c.relforcerowsecurity OR p.oid IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_class'::regclass
                  AND xd.objid = c.oid AND xd.deptype = 'e')
ORDER BY 1, 2, 5";

fn get<'a, T: tokio_postgres::types::FromSql<'a>>(
    row: &'a Row,
    idx: usize,
    object: &str,
) -> Result<T, IntrospectError> {
    row.try_get(idx).map_err(|e| IntrospectError::Unexpected {
        query: NAME,
        object: object.to_string(),
        detail: format!("column {idx}: {e}"),
    })
}

/// Attaches the rows of [`QUERY`] to the tables of `out`.
pub fn read(rows: &[Row], out: &mut Schema) -> Result<(), IntrospectError> {
    for row in rows {
        let qn = QualifiedName::new(
            get::<String>(row, 0, "a table")?,
            get::<String>(row, 1, "a table")?,
        );
        let obj = qn.display_name();
        let Some(table) = out.tables.get_mut(&qn) else {
            continue;
        };
        table.row_level_security = get(row, 2, &obj)?;
        table.force_row_level_security = get(row, 3, &obj)?;
        let Some(name) = get::<Option<String>>(row, 4, &obj)? else {
            continue;
        };
        let obj = format!("policy {name} on {obj}");
        let code: String = get(row, 5, &obj)?;
        let command =
            PolicyCommand::from_catalog(&code).ok_or_else(|| IntrospectError::Unexpected {
                query: NAME,
                object: obj.clone(),
                detail: format!("polcmd `{code}`"),
            })?;
        let policy = Policy {
            command,
            permissive: get(row, 6, &obj)?,
            roles: get(row, 7, &obj)?,
            using: get(row, 8, &obj)?,
            with_check: get(row, 9, &obj)?,
        };
        table.policies.insert(name, policy);
    }
    Ok(())
}
