//! Foreign server catalog: `pg_foreign_server` with its wrapper's name, leaving out servers an
//! extension owns and those whose wrapper no extension provides (the wrapper is not modelled, so
//! neither is its server: the inventory reports both as `unsupported`). Servers are database-wide, so every one is read whatever `--schema` selects.
//! Options come through `pg_options_to_table`, which splits `name=value` where PostgreSQL does.

use tokio_postgres::Row;

use super::ForeignServer;
use crate::introspect::{get, CatalogQuery, IntrospectError, ReadCx};

const Q: &str = "foreign servers";

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: Q,
    sql: QUERY,
    takes_schemas: false,
    read,
};

/// Columns: name, wrapper, type, version, option names, option values (same order), comment.
const QUERY: &str = concat!(
    "SELECT s.srvname::text, w.fdwname::text, s.srvtype, s.srvversion,
  ARRAY(SELECT o.option_name::text FROM pg_options_to_table(s.srvoptions) o ORDER BY 1),
  ARRAY(SELECT o.option_value::text FROM pg_options_to_table(s.srvoptions) o ORDER BY o.option_name),
  obj_description(s.oid, 'pg_foreign_server')
FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
WHERE ",
    not_extension_member!("pg_foreign_server", "s.oid"),
    "
  AND NOT ",
    not_extension_member!("pg_foreign_data_wrapper", "w.oid"),
    "
ORDER BY s.srvname"
);

/// Option names and values read as two parallel arrays, into one map.
pub(crate) fn options(
    row: &Row,
    names: usize,
    q: &'static str,
    obj: &str,
) -> Result<super::model::Options, IntrospectError> {
    let keys: Vec<String> = get(row, names, q, obj)?;
    let values: Vec<Option<String>> = get(row, names + 1, q, obj)?;
    Ok(keys
        .into_iter()
        .zip(values)
        .map(|(k, v)| (k, v.unwrap_or_default()))
        .collect())
}

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    for row in rows {
        let name: String = get(row, 0, Q, "a foreign server")?;
        let obj = format!("foreign server {name}");
        cx.out.foreign_servers.push(ForeignServer {
            wrapper: get(row, 1, Q, &obj)?,
            server_type: get(row, 2, Q, &obj)?,
            version: get(row, 3, Q, &obj)?,
            options: options(row, 4, Q, &obj)?,
            comment: get(row, 6, Q, &obj)?,
            name,
        });
    }
    Ok(())
}
