//! Which schemas a command reads: every schema that is neither a system schema nor owned by an
//! extension (as pg_dump does), narrowed by `--schema` / `--exclude-schema` glob patterns.
//!
//! The selection travels as one list of patterns: `name` or `glob*` includes, `!glob` excludes
//! (so `--schema '!audit*'` also works). [`resolve`] turns it into exact names on a database.

use tokio_postgres::{Client, Row};

use crate::diff::glob_match;
use crate::introspect::{get, CatalogQuery, IntrospectError, ReadCx};

/// The selected schemas that exist (other than `public`, which always does), with their comments
/// (`public`'s built-in "standard public schema" is no comment of the user's).
pub const CATALOG: CatalogQuery = CatalogQuery {
    name: "schemas",
    sql: Q_SCHEMAS,
    takes_schemas: true,
    read,
};

/// The comment `initdb` puts on `public`.
pub const PUBLIC_COMMENT: &str = "standard public schema";

const Q_SCHEMAS: &str = "\
SELECT n.nspname::text, obj_description(n.oid, 'pg_namespace')
FROM pg_namespace n
WHERE n.nspname = ANY($1)
ORDER BY n.nspname";

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    for row in rows {
        let name: String = get(row, 0, "schemas", "a schema")?;
        let comment: Option<String> = get(row, 1, "schemas", &name)?;
        let builtin =
            name == crate::model::DEFAULT_SCHEMA && comment.as_deref() == Some(PUBLIC_COMMENT);
        if let Some(c) = comment.filter(|_| !builtin) {
            cx.out.schema_comments.insert(name.clone(), c);
        }
        if name != crate::model::DEFAULT_SCHEMA {
            cx.out.schemas.push(name);
        }
    }
    cx.out.schemas.sort();
    Ok(())
}

/// User schemas of the database, in name order.
const Q_USER_SCHEMAS: &str = "\
SELECT n.nspname::text FROM pg_namespace n
WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass
                  AND d.objid = n.oid AND d.deptype = 'e')
ORDER BY n.nspname";

/// The selection list from the command line's includes and excludes.
pub fn selection(include: &[String], exclude: &[String]) -> Vec<String> {
    let mut out: Vec<String> = include.to_vec();
    out.extend(exclude.iter().map(|e| format!("!{e}")));
    out
}

/// Whether `schema` is selected by `patterns` (see the module docs). No include pattern means
/// every schema.
pub fn selects(patterns: &[String], schema: &str) -> bool {
    let mut includes = patterns.iter().filter(|p| !p.starts_with('!')).peekable();
    let included = includes.peek().is_none() || includes.any(|p| glob_match(p, schema));
    let excluded = patterns
        .iter()
        .filter_map(|p| p.strip_prefix('!'))
        .any(|p| glob_match(p, schema));
    included && !excluded
}

/// The exact schema names `patterns` select on the database behind `client`. Names asked for
/// exactly are kept even when absent (reading them finds nothing, which is the truth).
pub async fn resolve(client: &Client, patterns: &[String]) -> Result<Vec<String>, IntrospectError> {
    let rows =
        client
            .query(Q_USER_SCHEMAS, &[])
            .await
            .map_err(|source| IntrospectError::Query {
                query: "schemas",
                source,
            })?;
    let mut out = Vec::new();
    for row in rows {
        let name: String = row.try_get(0).map_err(|e| IntrospectError::Unexpected {
            query: "schemas",
            object: "a schema".into(),
            detail: e.to_string(),
        })?;
        if selects(patterns, &name) {
            out.push(name);
        }
    }
    for p in patterns {
        let exact = !p.starts_with('!') && !p.contains(['*', '?']);
        if exact && !out.contains(p) {
            out.push(p.clone());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn patterns_include_and_exclude() {
        assert!(selects(&[], "billing"));
        assert!(selects(&s(&["bill*"]), "billing"));
        assert!(!selects(&s(&["public"]), "billing"));
        assert!(!selects(&s(&["!bill*"]), "billing"));
        assert!(selects(&s(&["!bill*"]), "public"));
        assert!(!selects(&s(&["*", "!audit"]), "audit"));
        assert_eq!(selection(&s(&["a"]), &s(&["b*"])), s(&["a", "!b*"]));
    }
}
