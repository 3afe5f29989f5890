//! privilege catalog: the ACL entries of tables, columns (of tables and views), views,
//! sequences, schemas, routines and types, and the default privileges, in one query
//! (`aclexplode`, so entries compare as data, not ACL text).
//!
//! The owner's own entries are left out (scratch objects belong to whoever runs pgdrift). A
//! schema, routine or type is read only when its ACL differs from its built-in default (for a
//! schema `pg_init_privs`, else `acldefault`; `EXECUTE`/`USAGE` to `PUBLIC` for routines and
//! types); then all its non-owner entries are, so a revoked default shows as a difference
//! rather than vanishing.

use tokio_postgres::Row;

use super::{canonical_role, join_item, DefaultObjects, DefaultPrivilege, Grants};
use crate::introspect::IntrospectError;
use crate::kinds::function::RoutineKey;
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

pub const NAME: &str = "privileges";

/// `kind, schema, name, sub, grantee, privilege, grantable`. `kind` is `table`, `column` (sub =
/// column; of a table or a view), `view`, `sequence`, `routine` (sub = the arguments of the
/// routine's key), `type`, `schema` (name = schema) or `default` (schema NULL when global,
/// name = role, sub = object type). A NULL grantee marks an object whose ACL is only the owner's.
pub const QUERY: &str = "\
WITH sel AS (
  SELECT n.oid, n.nspname, n.nspacl, n.nspowner FROM pg_namespace n
  WHERE n.nspname = ANY($1) AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
), rel AS (
  SELECT c.oid, c.relname, c.relkind, c.relowner, c.relacl, s.nspname
  FROM pg_class c JOIN sel s ON s.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
    -- An identity column's sequence (deptype 'i') is read: sequence_grants can name it.
    AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_class'::regclass
                    AND xd.objid = c.oid AND (xd.deptype = 'e' OR (xd.deptype = 'i' AND c.relkind <> 'S')))
), entry AS (
  SELECT CASE WHEN r.relkind IN ('r', 'p') THEN 'table' WHEN r.relkind = 'S' THEN 'sequence'
    ELSE 'view' END AS kind, r.nspname::text AS nsp, r.relname::text AS name, NULL::text AS sub,
    x.grantee, x.privilege_type, x.is_grantable
  FROM rel r, aclexplode(r.relacl) x WHERE x.grantee <> r.relowner
  UNION ALL
  SELECT 'column', r.nspname::text, r.relname::text, a.attname::text, x.grantee, x.privilege_type, x.is_grantable
  FROM rel r
  JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL,
  aclexplode(a.attacl) x
  WHERE x.grantee <> r.relowner
  UNION ALL
  SELECT 'routine', o.nspname::text, o.proname::text, o.ident, x.grantee, x.privilege_type, x.is_grantable
  FROM (SELECT s.nspname, p.proname, p.proowner AS owner,
          CASE WHEN p.prokind = 'a' THEN pg_get_function_identity_arguments(p.oid)
               ELSE oidvectortypes(p.proargtypes) END AS ident,
          COALESCE(p.proacl, acldefault('f', p.proowner)) AS acl, acldefault('f', p.proowner) AS dflt
        FROM pg_proc p JOIN sel s ON s.oid = p.pronamespace
        WHERE NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_proc'::regclass
                          AND xd.objid = p.oid AND xd.deptype IN ('e', 'i'))) o
  LEFT JOIN LATERAL (SELECT * FROM aclexplode(o.acl) e WHERE e.grantee <> o.owner) x ON true
  WHERE NOT (o.acl @> o.dflt AND o.acl <@ o.dflt)
  UNION ALL
  SELECT 'type', o.nspname::text, o.typname::text, NULL, x.grantee, x.privilege_type, x.is_grantable
  FROM (SELECT s.nspname, t.typname, t.typowner AS owner,
          COALESCE(t.typacl, acldefault('T', t.typowner)) AS acl, acldefault('T', t.typowner) AS dflt
        FROM pg_type t JOIN sel s ON s.oid = t.typnamespace
        WHERE t.typtype IN ('b', 'c', 'd', 'e', 'r')
          AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
          AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_type'::regclass
                          AND xd.objid = t.oid AND xd.deptype IN ('e', 'i'))) o
  LEFT JOIN LATERAL (SELECT * FROM aclexplode(o.acl) e WHERE e.grantee <> o.owner) x ON true
  WHERE NOT (o.acl @> o.dflt AND o.acl <@ o.dflt)
  UNION ALL
  SELECT 'schema', NULL, s.nspname::text, NULL, x.grantee, x.privilege_type, x.is_grantable
  FROM (SELECT s.*, COALESCE(s.nspacl, acldefault('n', s.nspowner)) AS acl,
          COALESCE((SELECT i.initprivs FROM pg_init_privs i WHERE i.objoid = s.oid
                    AND i.classoid = 'pg_namespace'::regclass AND i.objsubid = 0),
                   acldefault('n', s.nspowner)) AS dflt
        FROM sel s) s
  LEFT JOIN LATERAL (SELECT * FROM aclexplode(s.acl) e WHERE e.grantee <> s.nspowner) x ON true
  WHERE NOT (s.acl @> s.dflt AND s.acl <@ s.dflt)
  UNION ALL
  SELECT 'default', n.nspname::text, pg_get_userbyid(d.defaclrole)::text, d.defaclobjtype::text,
    x.grantee, x.privilege_type, x.is_grantable
  FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
  LEFT JOIN LATERAL (SELECT * FROM aclexplode(d.defaclacl) e WHERE e.grantee <> d.defaclrole) x ON true
  WHERE d.defaclnamespace = 0 OR n.nspname = ANY($1)
)
SELECT kind, nsp, name, sub,
  CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(grantee)::text END,
  lower(privilege_type), is_grantable
FROM entry ORDER BY 1, 2, 3, 4, 5, 6";

fn get<'a, T: tokio_postgres::types::FromSql<'a>>(
    row: &'a Row,
    idx: usize,
) -> Result<T, IntrospectError> {
    row.try_get(idx).map_err(|e| IntrospectError::Unexpected {
        query: NAME,
        object: "an ACL entry".to_string(),
        detail: format!("column {idx}: {e}"),
    })
}

fn add(
    grants: &mut Grants,
    role: Option<String>,
    privilege: Option<String>,
    grantable: Option<bool>,
) {
    if let (Some(role), Some(p)) = (role, privilege) {
        grants
            .entry(canonical_role(&role))
            .or_default()
            .push(join_item(&p, grantable.unwrap_or(false)));
    }
}

/// Attaches the rows of [`QUERY`] to `out` (tables and their columns by name; views,
/// sequences, schemas and default privileges to their top-level lists), canonical.
pub fn read(rows: &[Row], out: &mut Schema) -> Result<(), IntrospectError> {
    let mut defaults: Vec<DefaultPrivilege> = Vec::new();
    let sequences = super::sequence_names(out);
    for row in rows {
        let kind: String = get(row, 0)?;
        let nsp: Option<String> = get(row, 1)?;
        let name: String = get(row, 2)?;
        let sub: Option<String> = get(row, 3)?;
        let (role, privilege, grantable) = (get(row, 4)?, get(row, 5)?, get(row, 6)?);
        let qn = || QualifiedName::new(nsp.clone().unwrap_or_default(), name.clone());
        match kind.as_str() {
            "table" => {
                if let Some(t) = out.tables.get_mut(&qn()) {
                    add(&mut t.grants, role, privilege, grantable);
                }
            }
            "column" => {
                if let (Some(t), Some(col)) = (out.tables.get_mut(&qn()), sub.clone()) {
                    add(
                        t.column_grants.entry(col).or_default(),
                        role,
                        privilege,
                        grantable,
                    );
                } else if let (true, Some(col)) = (out.views.contains_key(&qn()), sub) {
                    let cols = out.view_column_grants.entry(qn()).or_default();
                    add(cols.entry(col).or_default(), role, privilege, grantable);
                }
            }
            "routine" => {
                let key = RoutineKey::new(qn(), sub.unwrap_or_default());
                if out.functions.contains_key(&key) {
                    let g = out.function_grants.entry(key).or_default();
                    add(g, role, privilege, grantable);
                }
            }
            "type" => add(
                out.type_grants.entry(qn()).or_default(),
                role,
                privilege,
                grantable,
            ),
            "view" if out.views.contains_key(&qn()) => add(
                out.view_grants.entry(qn()).or_default(),
                role,
                privilege,
                grantable,
            ),
            "sequence" if sequences.contains(&qn()) => add(
                out.sequence_grants.entry(qn()).or_default(),
                role,
                privilege,
                grantable,
            ),
            "schema" => add(
                out.schema_grants.entry(name).or_default(),
                role,
                privilege,
                grantable,
            ),
            "default" => {
                let code = sub.unwrap_or_default();
                let on = DefaultObjects::from_catalog(&code).ok_or_else(|| {
                    IntrospectError::Unexpected {
                        query: NAME,
                        object: format!("default privileges for role {name}"),
                        detail: format!("defaclobjtype `{code}`"),
                    }
                })?;
                let entry = DefaultPrivilege {
                    for_role: name,
                    in_schema: nsp,
                    on,
                    grants: Grants::new(),
                };
                let i = match defaults.iter().position(|d| d.key() == entry.key()) {
                    Some(i) => i,
                    None => {
                        defaults.push(entry);
                        defaults.len() - 1
                    }
                };
                add(&mut defaults[i].grants, role, privilege, grantable);
            }
            _ => {}
        }
    }
    out.default_privileges = defaults;
    super::sort_all(out);
    Ok(())
}
