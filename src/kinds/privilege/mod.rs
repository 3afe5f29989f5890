//! Privileges: `GRANT`/`REVOKE` on tables, columns, views (and their columns), sequences,
//! schemas, routines and types, and `ALTER DEFAULT PRIVILEGES`.
//!
//! Declared as `grants: {app_ro: [select], PUBLIC: [usage]}` with each table (column grants
//! under `column_grants`), and top-level `schema_grants`, `view_grants`, `sequence_grants`,
//! `view_column_grants`, `function_grants`, `type_grants` (see [`objects`]) and
//! `default_privileges`. A privilege is `select`, `insert`, ..., `all`, optionally followed by
//! `with grant option`.
//!
//! Compared as ACL entries (`aclexplode`: grantee, privilege, grantable), never as ACL text. The
//! owner's own entries are not drift (scratch objects belong to whoever runs pgdrift), and a
//! schema not listed in `schema_grants` keeps its built-in default (for `public` since
//! PostgreSQL 15: `USAGE` to `PUBLIC`), so a fresh database shows none.
//!
//! Roles are cluster-wide and the normalizer may be a throw-away cluster, so grants are never
//! run in the scratch database to normalize them: they are structured data already, and
//! [`carry`] canonicalizes the declared ones in Rust (`all` expanded for the server's major
//! version, `public` spelled `PUBLIC`, sorted). Only building a whole script (`squash
//! --verify`) needs the roles: [`ensure_roles`] creates missing ones `NOLOGIN` on a throw-away
//! cluster and names them in an error anywhere else.

pub mod catalog;
pub mod ddl;
pub mod diff;
pub mod objects;
mod roles;

pub use roles::{complete_scratch, ensure_roles, missing_roles, roles, RoleError};

use crate::model::{QualifiedName, Schema, DEFAULT_SCHEMA};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// Role name (`PUBLIC` for everyone) -> privileges (`select`, `update with grant option`).
pub type Grants = IndexMap<String, Vec<String>>;

pub const PUBLIC: &str = "PUBLIC";
const GRANT_OPTION: &str = " with grant option";

/// What default privileges apply to (`pg_default_acl.defaclobjtype`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DefaultObjects {
    Tables,
    Sequences,
    Functions,
    Types,
    Schemas,
}

impl DefaultObjects {
    pub fn sql(self) -> &'static str {
        match self {
            DefaultObjects::Tables => "TABLES",
            DefaultObjects::Sequences => "SEQUENCES",
            DefaultObjects::Functions => "FUNCTIONS",
            DefaultObjects::Types => "TYPES",
            DefaultObjects::Schemas => "SCHEMAS",
        }
    }

    pub fn from_catalog(code: &str) -> Option<Self> {
        Some(match code {
            "r" => DefaultObjects::Tables,
            "S" => DefaultObjects::Sequences,
            "f" => DefaultObjects::Functions,
            "T" => DefaultObjects::Types,
            "n" => DefaultObjects::Schemas,
            _ => return None,
        })
    }

    fn class(self) -> ObjectClass {
        match self {
            DefaultObjects::Tables => ObjectClass::Table,
            DefaultObjects::Sequences => ObjectClass::Sequence,
            DefaultObjects::Functions => ObjectClass::Function,
            DefaultObjects::Types => ObjectClass::Type,
            DefaultObjects::Schemas => ObjectClass::Schema,
        }
    }
}

/// `ALTER DEFAULT PRIVILEGES FOR ROLE for_role [IN SCHEMA in_schema] GRANT ... ON <on>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultPrivilege {
    pub for_role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_schema: Option<String>,
    pub on: DefaultObjects,
    /// What objects `for_role` creates later get, besides the creator's own privileges.
    #[serde(default)]
    pub grants: Grants,
}

impl DefaultPrivilege {
    /// What identifies an entry: role, schema, object type.
    pub fn key(&self) -> (String, Option<String>, DefaultObjects) {
        (self.for_role.clone(), self.in_schema.clone(), self.on)
    }

    /// What an absent entry means: a global (no schema) entry for functions or types starts
    /// from `EXECUTE`/`USAGE` for `PUBLIC`, every other one from nothing (a per-schema entry
    /// can only add).
    pub fn builtin(in_schema: Option<&str>, on: DefaultObjects) -> Grants {
        let mut out = Grants::new();
        match (in_schema, on) {
            (None, DefaultObjects::Functions) => {
                out.insert(PUBLIC.to_string(), vec!["execute".to_string()]);
            }
            (None, DefaultObjects::Types) => {
                out.insert(PUBLIC.to_string(), vec!["usage".to_string()]);
            }
            _ => {}
        }
        out
    }
}

/// The kinds of object a privilege list applies to; each allows its own privileges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectClass {
    Table,
    Column,
    Sequence,
    Schema,
    Function,
    Type,
}

impl ObjectClass {
    /// The privileges `ALL` stands for, in canonical order. `maintain` exists from 17 on.
    pub fn all(self, major: u32) -> Vec<&'static str> {
        match self {
            ObjectClass::Table if major >= 17 => vec![
                "select",
                "insert",
                "update",
                "delete",
                "truncate",
                "references",
                "trigger",
                "maintain",
            ],
            ObjectClass::Table => vec![
                "select",
                "insert",
                "update",
                "delete",
                "truncate",
                "references",
                "trigger",
            ],
            ObjectClass::Column => vec!["select", "insert", "update", "references"],
            ObjectClass::Sequence => vec!["select", "update", "usage"],
            ObjectClass::Schema => vec!["usage", "create"],
            ObjectClass::Function => vec!["execute"],
            ObjectClass::Type => vec!["usage"],
        }
    }
}

/// Canonical order of privilege names (then anything unknown, by name).
fn rank(privilege: &str) -> usize {
    const ORDER: [&str; 11] = [
        "select",
        "insert",
        "update",
        "delete",
        "truncate",
        "references",
        "trigger",
        "maintain",
        "usage",
        "create",
        "execute",
    ];
    ORDER
        .iter()
        .position(|p| *p == privilege)
        .unwrap_or(ORDER.len())
}

/// The sequences `sequence_grants` can name: the declared ones and the identity columns' own
/// (`ALTER DEFAULT PRIVILEGES … ON SEQUENCES` grants on those too, as Supabase projects do).
pub fn sequence_names(schema: &Schema) -> std::collections::HashSet<QualifiedName> {
    let identity = schema.tables.iter().flat_map(|(tq, t)| {
        t.columns
            .iter()
            .filter(|(_, c)| c.identity.is_some())
            .map(move |(cn, c)| {
                let seq = crate::kinds::column::identity::effective(tq, cn, c).sequence;
                QualifiedName::new(tq.schema.clone(), seq)
            })
    });
    schema.sequences.keys().cloned().chain(identity).collect()
}

/// One ACL entry's privilege part: name and grant option.
pub fn split_item(item: &str) -> (String, bool) {
    let lower = item.trim().to_ascii_lowercase();
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    match lower.strip_suffix(GRANT_OPTION) {
        Some(p) => (p.trim().to_string(), true),
        None => (lower, false),
    }
}

pub fn join_item(privilege: &str, grantable: bool) -> String {
    if grantable {
        format!("{privilege}{GRANT_OPTION}")
    } else {
        privilege.to_string()
    }
}

/// `public` in any case is `PUBLIC`; other names are exact.
pub fn canonical_role(role: &str) -> String {
    if role.eq_ignore_ascii_case(PUBLIC) {
        PUBLIC.to_string()
    } else {
        role.to_string()
    }
}

/// Canonical grants: `all` expanded, `privileges` dropped for a known list, names lowercase,
/// one entry per privilege (with grant option winning), sorted; roles without privileges go.
pub fn canonical(grants: &Grants, class: ObjectClass, major: u32) -> Result<Grants, String> {
    let mut roles: Vec<(String, Vec<(String, bool)>)> = Vec::new();
    for (role, items) in grants {
        let role = canonical_role(role);
        let mut privs: Vec<(String, bool)> = match roles.iter().position(|(r, _)| *r == role) {
            Some(i) => roles.remove(i).1,
            None => Vec::new(),
        };
        for item in items {
            let (name, grantable) = split_item(item);
            let name = name
                .strip_suffix(" privileges")
                .unwrap_or(&name)
                .to_string();
            let allowed = class.all(major.max(17));
            let names: Vec<String> = if name == "all" {
                class.all(major).iter().map(|s| s.to_string()).collect()
            } else if allowed.contains(&name.as_str()) {
                vec![name]
            } else {
                return Err(format!("`{item}` is not a privilege of this kind of object (allowed: {}, all; optionally `with grant option`)", allowed.join(", ")));
            };
            for n in names {
                match privs.iter_mut().find(|(p, _)| *p == n) {
                    Some(entry) => entry.1 |= grantable,
                    None => privs.push((n, grantable)),
                }
            }
        }
        roles.push((role, privs));
    }
    roles.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = Grants::new();
    for (role, mut privs) in roles {
        if privs.is_empty() {
            continue;
        }
        privs.sort_by_key(|(p, _)| (rank(p), p.clone()));
        out.insert(role, privs.iter().map(|(p, g)| join_item(p, *g)).collect());
    }
    Ok(out)
}

/// Sorts roles by name and each role's privileges in canonical order (as [`canonical`] does).
pub fn sort_grants(g: &mut Grants) {
    g.sort_keys();
    for privs in g.values_mut() {
        privs.sort_by_key(|item| {
            let (p, grantable) = split_item(item);
            (rank(&p), p, grantable)
        });
    }
}

/// Sorts every grant list of a schema read from a catalog.
pub fn sort_all(schema: &mut Schema) {
    for t in schema.tables.values_mut() {
        sort_grants(&mut t.grants);
        t.column_grants.values_mut().for_each(sort_grants);
        t.column_grants.sort_keys();
    }
    for map in [&mut schema.view_grants, &mut schema.sequence_grants] {
        map.values_mut().for_each(sort_grants);
        map.sort_keys();
    }
    schema.schema_grants.values_mut().for_each(sort_grants);
    schema.schema_grants.sort_keys();
    schema.type_grants.values_mut().for_each(sort_grants);
    schema.type_grants.sort_keys();
    schema.function_grants.values_mut().for_each(sort_grants);
    schema.function_grants.sort_keys();
    for cols in schema.view_column_grants.values_mut() {
        cols.values_mut().for_each(sort_grants);
        cols.sort_keys();
    }
    schema.view_column_grants.sort_keys();
    schema
        .default_privileges
        .iter_mut()
        .for_each(|d| sort_grants(&mut d.grants));
    schema.default_privileges.sort_by_key(|d| d.key());
}

/// The grants a schema has when nobody granted or revoked anything (the owner aside): since
/// PostgreSQL 15 `public` gives `USAGE` to `PUBLIC`; other schemas give nothing.
pub fn builtin_schema_grants(schema: &str) -> Grants {
    let mut out = Grants::new();
    if schema == DEFAULT_SCHEMA {
        out.insert(PUBLIC.to_string(), vec!["usage".to_string()]);
    }
    out
}

/// The grants `public` has by default on a server of `major`: before PostgreSQL 15 also
/// `CREATE` to `PUBLIC`.
pub fn builtin_schema_grants_on(schema: &str, major: Option<u32>) -> Grants {
    let mut out = builtin_schema_grants(schema);
    if let (Some(g), Some(m)) = (out.get_mut(PUBLIC), major) {
        if m < 15 {
            g.insert(0, "create".to_string());
        }
    }
    out
}

/// Spells out `public`'s grants on one side of a comparison when they are its server's
/// default (introspection reads a schema's ACL only when it differs from the default, and a
/// declared side says nothing to mean the default). Without it, a server before 15 shows its
/// default `CREATE` as drift as soon as a role rule removes the only other grant.
pub fn with_builtin_schema_grants(schema: &mut Schema, major: Option<u32>) {
    if !schema.schema_grants.contains_key(DEFAULT_SCHEMA) {
        let g = builtin_schema_grants_on(DEFAULT_SCHEMA, major);
        schema.schema_grants.insert(DEFAULT_SCHEMA.to_string(), g);
        schema.schema_grants.sort_keys();
    }
}

/// The declared schema as the scratch database gets it: no grants at all (they need roles,
/// and [`carry`] brings them over as data).
pub fn scratch_form(schema: &mut Schema) {
    schema.schema_grants.clear();
    schema.view_grants.clear();
    schema.sequence_grants.clear();
    schema.view_column_grants.clear();
    schema.function_grants.clear();
    schema.type_grants.clear();
    schema.default_privileges.clear();
    for t in schema.tables.values_mut() {
        t.grants.clear();
        t.column_grants.clear();
    }
}

/// `--no-privileges` (like pg_dump's): no grant of any kind, on either side of a comparison,
/// in a plan or in a script; the inventory's privilege findings go too.
pub fn strip(schema: &mut Schema) {
    scratch_form(schema);
    schema
        .unsupported
        .retain(|u| u.kind != "privileges" && u.kind != "default_privileges");
}

/// The role patterns of `ignore: [{kind: role, name: 'rds*', reason: ...}]` rules.
pub fn ignored_roles(schema: &Schema) -> Vec<String> {
    let rules = schema.ignore.iter().filter(|r| r.kind == "role");
    rules.map(|r| r.name.clone()).collect()
}

/// Leaves out every grant to (and default privilege of) a role matching one of `patterns`
/// (globs), on one side of a comparison: managed services add grants of their own.
pub fn without_roles(schema: &mut Schema, patterns: &[String]) {
    if patterns.is_empty() {
        return;
    }
    let ignored = |role: &str| patterns.iter().any(|p| crate::diff::glob_match(p, role));
    let keep = |g: &mut Grants| g.retain(|role, _| !ignored(role));
    schema.schema_grants.values_mut().for_each(keep);
    schema.view_grants.values_mut().for_each(keep);
    schema.sequence_grants.values_mut().for_each(keep);
    schema.function_grants.values_mut().for_each(keep);
    schema.type_grants.values_mut().for_each(keep);
    for cols in schema.view_column_grants.values_mut() {
        cols.values_mut().for_each(keep);
    }
    schema.default_privileges.retain(|d| !ignored(&d.for_role));
    for d in &mut schema.default_privileges {
        keep(&mut d.grants);
    }
    for t in schema.tables.values_mut() {
        keep(&mut t.grants);
        t.column_grants.values_mut().for_each(keep);
    }
}

/// Puts the declared grants, canonical, on the normalized schema. Errors name the object whose
/// privilege list is not valid.
pub fn carry(
    declared: &Schema,
    normalized: &mut Schema,
    major: u32,
) -> Result<(), (String, String)> {
    check_targets(declared)?;
    let bad = |what: String| move |e: String| (what, e);
    for (name, t) in &declared.tables {
        let Some(n) = normalized.tables.get_mut(name) else {
            continue;
        };
        n.grants = canonical(&t.grants, ObjectClass::Table, major)
            .map_err(bad(format!("table {name}")))?;
        n.column_grants.clear();
        for (col, g) in &t.column_grants {
            let g = canonical(g, ObjectClass::Column, major)
                .map_err(bad(format!("column {name}.{col}")))?;
            if !g.is_empty() {
                n.column_grants.insert(col.clone(), g);
            }
        }
        n.column_grants.sort_keys();
    }
    normalized.view_grants = canonical_map(
        &declared.view_grants,
        ObjectClass::Table,
        major,
        "view_grants",
    )?;
    normalized.sequence_grants = canonical_map(
        &declared.sequence_grants,
        ObjectClass::Sequence,
        major,
        "sequence_grants",
    )?;
    normalized.view_column_grants.clear();
    for (view, cols) in &declared.view_column_grants {
        let mut out = IndexMap::new();
        for (col, g) in cols {
            let g = canonical(g, ObjectClass::Column, major)
                .map_err(bad(format!("view_column_grants {view}")))?;
            if !g.is_empty() {
                out.insert(col.clone(), g);
            }
        }
        out.sort_keys();
        if !out.is_empty() {
            normalized.view_column_grants.insert(view.clone(), out);
        }
    }
    normalized.view_column_grants.sort_keys();
    // Routines and types: an empty list is a declaration (the built-in default revoked).
    normalized.function_grants.clear();
    for (k, g) in &declared.function_grants {
        let g = canonical(g, ObjectClass::Function, major)
            .map_err(bad(format!("function_grants {k}")))?;
        normalized.function_grants.insert(k.clone(), g);
    }
    normalized.type_grants.clear();
    for (q, g) in &declared.type_grants {
        let g = canonical(g, ObjectClass::Type, major).map_err(bad(format!("type_grants {q}")))?;
        normalized.type_grants.insert(q.clone(), g);
    }
    normalized.type_grants.sort_keys();
    for (s, g) in &declared.schema_grants {
        let g =
            canonical(g, ObjectClass::Schema, major).map_err(bad(format!("schema_grants {s}")))?;
        normalized.schema_grants.insert(s.clone(), g);
    }
    normalized.schema_grants.sort_keys();
    normalized.default_privileges = declared
        .default_privileges
        .iter()
        .map(|d| {
            let grants = canonical(&d.grants, d.on.class(), major)
                .map_err(bad(format!("default privileges for role {}", d.for_role)))?;
            Ok::<_, (String, String)>(DefaultPrivilege {
                grants,
                ..d.clone()
            })
        })
        .collect::<Result<_, _>>()?;
    normalized.default_privileges.sort_by_key(|d| d.key());
    Ok(())
}

/// Grants must name declared objects: nothing else would ever compare them.
fn check_targets(declared: &Schema) -> Result<(), (String, String)> {
    let undeclared =
        |what: String| Err((what, "grants on an object that is not declared".to_string()));
    for (name, t) in &declared.tables {
        if let Some(col) = t.column_grants.keys().find(|c| !t.columns.contains_key(*c)) {
            return undeclared(format!("column_grants of table {name}: column {col}"));
        }
    }
    if let Some(v) = declared
        .view_grants
        .keys()
        .find(|v| !declared.views.contains_key(*v))
    {
        return undeclared(format!("view_grants {v}"));
    }
    let sequences = sequence_names(declared);
    if let Some(q) = declared
        .sequence_grants
        .keys()
        .find(|q| !sequences.contains(*q))
    {
        return undeclared(format!("sequence_grants {q}"));
    }
    if let Some(v) = declared
        .view_column_grants
        .keys()
        .find(|v| !declared.views.contains_key(*v))
    {
        return undeclared(format!("view_column_grants {v}"));
    }
    let known = |n: &String| n == DEFAULT_SCHEMA || declared.schemas.contains(n);
    if let Some(n) = declared.schema_grants.keys().find(|n| !known(n)) {
        return undeclared(format!("schema_grants {n}"));
    }
    Ok(())
}

fn canonical_map<K: Clone + Ord + std::hash::Hash + Eq + std::fmt::Display>(
    map: &IndexMap<K, Grants>,
    class: ObjectClass,
    major: u32,
    kind: &str,
) -> Result<IndexMap<K, Grants>, (String, String)> {
    let mut out = IndexMap::new();
    for (k, g) in map {
        let g = canonical(g, class, major).map_err(|e| (format!("{kind} {k}"), e))?;
        if !g.is_empty() {
            out.insert(k.clone(), g);
        }
    }
    out.sort_keys();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(v: &[(&str, &[&str])]) -> Grants {
        v.iter()
            .map(|(r, p)| (r.to_string(), p.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn canonical_expands_and_sorts() {
        let got = canonical(
            &g(&[
                ("public", &["USAGE"]),
                ("app", &["update", "Select With Grant Option", "select"]),
            ]),
            ObjectClass::Schema,
            16,
        );
        assert!(got.is_err(), "update is no schema privilege");
        let got = canonical(
            &g(&[
                ("b", &["update", "Select With Grant Option", "select"]),
                ("a", &["all"]),
            ]),
            ObjectClass::Table,
            16,
        )
        .unwrap();
        assert_eq!(
            got,
            g(&[
                (
                    "a",
                    &[
                        "select",
                        "insert",
                        "update",
                        "delete",
                        "truncate",
                        "references",
                        "trigger"
                    ]
                ),
                ("b", &["select with grant option", "update"])
            ])
        );
        let got = canonical(&g(&[("x", &["all privileges"])]), ObjectClass::Table, 17).unwrap();
        assert_eq!(got["x"].len(), 8);
        let got = canonical(
            &g(&[("public", &["usage"]), ("x", &[])]),
            ObjectClass::Schema,
            16,
        )
        .unwrap();
        assert_eq!(got, g(&[("PUBLIC", &["usage"])]));
    }
}
