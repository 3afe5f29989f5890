//! owner catalog: the owners of schemas, relations, routines and types, in one query, read only
//! with `--owners` (after the rest of the model, which decides what is an object of its own).

use std::collections::HashSet;

use tokio_postgres::{Client, Row};

use super::{objects, routine_key};
use crate::introspect::IntrospectError;
use crate::kinds::function::RoutineKey;
use crate::model::{QualifiedName, Schema};

pub const NAME: &str = "owners";

/// `kind, schema, name, args, owner`; `kind` is `schema`, `table`, `sequence`, `view`,
/// `function` (args: the arguments of the routine's key) or `type`.
pub const QUERY: &str = "\
WITH sel AS (
  SELECT n.oid, n.nspname, n.nspowner FROM pg_namespace n
  WHERE n.nspname = ANY($1) AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
)
SELECT 'schema', s.nspname::text, s.nspname::text, NULL::text, pg_get_userbyid(s.nspowner)::text
FROM sel s
UNION ALL
SELECT CASE WHEN c.relkind IN ('r', 'p') THEN 'table' WHEN c.relkind = 'S' THEN 'sequence'
  ELSE 'view' END, s.nspname::text, c.relname::text, NULL, pg_get_userbyid(c.relowner)::text
FROM pg_class c JOIN sel s ON s.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
UNION ALL
SELECT 'function', s.nspname::text, p.proname::text,
  CASE WHEN p.prokind = 'a' THEN pg_get_function_identity_arguments(p.oid)
       ELSE oidvectortypes(p.proargtypes) END, pg_get_userbyid(p.proowner)::text
FROM pg_proc p JOIN sel s ON s.oid = p.pronamespace
UNION ALL
SELECT 'type', s.nspname::text, t.typname::text, NULL, pg_get_userbyid(t.typowner)::text
FROM pg_type t JOIN sel s ON s.oid = t.typnamespace
WHERE t.typtype IN ('c', 'd', 'e', 'r')
  AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')";

/// Reads the owner of every object `schema` (read from the same database) holds into
/// `schema.owners`, one entry per object; objects the model leaves out (extension members, a
/// column's sequence) are left out here too.
pub async fn read(
    client: &Client,
    schemas: &[String],
    schema: &mut Schema,
) -> Result<(), IntrospectError> {
    let rows = client
        .query(QUERY, &[&schemas])
        .await
        .map_err(|source| IntrospectError::Query {
            query: NAME,
            source,
        })?;
    let wanted: HashSet<String> = objects(schema, true).into_iter().map(|o| o.key).collect();
    schema.owner = None;
    schema.owners.clear();
    for row in &rows {
        let (key, owner) = key_of(row)?;
        if wanted.contains(&key) {
            schema.owners.insert(key, owner);
        }
    }
    schema.owners.sort_keys();
    Ok(())
}

fn key_of(row: &Row) -> Result<(String, String), IntrospectError> {
    let bad = |e: tokio_postgres::Error| IntrospectError::Unexpected {
        query: NAME,
        object: "an owner row".into(),
        detail: e.to_string(),
    };
    let kind: String = row.try_get(0).map_err(bad)?;
    let nsp: String = row.try_get(1).map_err(bad)?;
    let name: String = row.try_get(2).map_err(bad)?;
    let args: Option<String> = row.try_get(3).map_err(bad)?;
    let owner: String = row.try_get(4).map_err(bad)?;
    let q = QualifiedName::new(nsp, name);
    let key = match kind.as_str() {
        "schema" => format!("schema {}", q.name),
        "function" => routine_key(&RoutineKey::new(q, args.unwrap_or_default())),
        _ => format!("{kind} {}", q.display_name()),
    };
    Ok((key, owner))
}
