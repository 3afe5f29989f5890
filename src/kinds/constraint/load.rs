//! Declared constraints: every column a key names exists, names are unique per table, foreign
//! keys reference a declared table's columns one to one.

use std::collections::HashSet;

use crate::kinds::index::load::element_column;
use crate::load::sql::split_top_level;
use crate::load::validate::{missing_column, renamed_self, Namespace};
use crate::load::{Cx, ObjectKey};
use crate::model::{ForeignKey, QualifiedName, Schema, Table};

/// Checks the constraints of table `tq`; key constraints take their name in `names` (they are
/// indexes, which share the schema's relation namespace).
pub(crate) fn validate(
    schema: &Schema,
    tq: &QualifiedName,
    table: &Table,
    cx: &mut Cx,
    names: &mut Namespace,
) {
    let mut seen: HashSet<String> = HashSet::new();
    let mut key_of = |cx: &mut Cx, name: &str| {
        let key = ObjectKey::Constraint(tq.clone(), name.to_string());
        if !seen.insert(name.to_string()) {
            cx.at(&key, "two constraints of this table have this name".into());
        }
        key
    };
    let require_columns = |cx: &mut Cx, key: &ObjectKey, what: &str, cols: &[String]| {
        for c in cols {
            if !table.columns.contains_key(c) {
                cx.at(key, missing_column(what, c, tq, table));
            }
        }
    };
    if let Some(pk) = &table.primary_key {
        let key = key_of(cx, &pk.name);
        if pk.columns.is_empty() {
            cx.at(&key, "the primary key names no column".into());
        }
        require_columns(cx, &key, "primary key", &pk.columns);
        require_columns(cx, &key, "include", &pk.include);
        deferral(cx, &key, pk.deferrable, pk.initially_deferred);
        names.claim(cx, tq, &pk.name, key);
    }
    for (name, u) in &table.unique {
        let key = key_of(cx, name);
        if u.columns.is_empty() {
            cx.at(&key, "the unique constraint names no column".into());
        }
        require_columns(cx, &key, "unique constraint", &u.columns);
        require_columns(cx, &key, "include", &u.include);
        deferral(cx, &key, u.deferrable, u.initially_deferred);
        renamed_self(cx, &key, name, &u.renamed_from);
        names.claim(cx, tq, name, key);
    }
    for (name, ck) in &table.checks {
        let key = key_of(cx, name);
        if ck.expression.trim().is_empty() {
            cx.at(&key, "the check has an empty expression".into());
        }
        renamed_self(cx, &key, name, &ck.renamed_from);
        enforcement(cx, &key, ck.not_enforced, ck.not_valid);
    }
    for (name, ex) in &table.exclusions {
        let key = key_of(cx, name);
        let cols = exclusion_columns(&ex.definition);
        require_columns(cx, &key, "exclusion constraint", &cols);
        renamed_self(cx, &key, name, &ex.renamed_from);
        names.claim(cx, tq, name, key);
    }
    for (name, fk) in &table.foreign_keys {
        let key = key_of(cx, name);
        renamed_self(cx, &key, name, &fk.renamed_from);
        require_columns(cx, &key, "foreign key", &fk.columns);
        check_foreign_key(schema, fk, &key, cx);
        enforcement(cx, &key, fk.not_enforced, fk.not_valid);
    }
}

/// A NOT ENFORCED constraint is never validated, so NOT VALID says nothing more about it
/// (PostgreSQL refuses to VALIDATE it).
fn enforcement(cx: &mut Cx, key: &ObjectKey, not_enforced: bool, not_valid: bool) {
    if not_enforced && not_valid {
        cx.at(key, "`not_enforced: true` and `not_valid: true` do not go together (a NOT ENFORCED constraint is never validated); drop `not_valid`".into());
    }
}

/// The referenced side of a foreign key: a declared table, its columns, as many as ours.
fn check_foreign_key(schema: &Schema, fk: &ForeignKey, key: &ObjectKey, cx: &mut Cx) {
    let target = &fk.references.table;
    match schema.tables.get(target) {
        None => {
            let hint = if schema.views.contains_key(target) {
                " (it is a view; a foreign key must reference a table)"
            } else {
                ""
            };
            let msg = format!("references table `{target}`, which is not declared{hint}");
            cx.at(key, msg);
        }
        Some(rt) => {
            for c in &fk.references.columns {
                if !rt.columns.contains_key(c) {
                    let msg =
                        format!("references column `{c}`, which table `{target}` does not have");
                    cx.at(key, msg);
                }
            }
        }
    }
    if fk.columns.len() != fk.references.columns.len() {
        let msg = format!(
            "has {} column(s) but references {}; the lists must match one to one",
            fk.columns.len(),
            fk.references.columns.len()
        );
        cx.at(key, msg);
    }
    deferral(cx, key, fk.deferrable, fk.initially_deferred);
    // PostgreSQL sets only columns of the key itself.
    for c in &fk.on_delete.columns {
        if !fk.columns.contains(c) {
            let msg = format!(
                "on_delete names column `{c}`, which is not one of the foreign key's columns ({})",
                fk.columns.join(", ")
            );
            cx.at(key, msg);
        }
    }
}

/// The first declaration that needs a newer server than `major`: a foreign key whose
/// `on_delete` names columns (PostgreSQL 15+), a NOT ENFORCED constraint (18+); `None` when
/// `major` has them all.
pub(crate) fn needs_newer_server(schema: &Schema, major: u32) -> Option<(ObjectKey, String)> {
    set_null_columns_need(schema, major).or_else(|| not_enforced_needs(schema, major))
}

/// The first declared `not_enforced` check or foreign key (PostgreSQL 18+) when `major` is older.
fn not_enforced_needs(schema: &Schema, major: u32) -> Option<(ObjectKey, String)> {
    if major >= 18 {
        return None;
    }
    schema.tables.iter().find_map(|(tq, t)| {
        let checks = t.checks.iter().filter(|(_, c)| c.not_enforced).map(|(n, _)| n);
        let fks = t.foreign_keys.iter().filter(|(_, f)| f.not_enforced).map(|(n, _)| n);
        let name = checks.chain(fks).next()?;
        let msg = format!(
            "`not_enforced: true` (NOT ENFORCED) needs PostgreSQL 18 or later; the normalizing server runs PostgreSQL {major}"
        );
        Some((ObjectKey::Constraint(tq.clone(), name.clone()), msg))
    })
}

fn set_null_columns_need(schema: &Schema, major: u32) -> Option<(ObjectKey, String)> {
    if major >= 15 {
        return None;
    }
    schema.tables.iter().find_map(|(tq, t)| {
        let (name, fk) = t.foreign_keys.iter().find(|(_, fk)| !fk.on_delete.columns.is_empty())?;
        let msg = format!(
            "`on_delete: {}` (a column list for SET NULL / SET DEFAULT) needs PostgreSQL 15 or later; the normalizing server runs PostgreSQL {major} (drop the column list there)",
            fk.on_delete.display()
        );
        Some((ObjectKey::Constraint(tq.clone(), name.clone()), msg))
    })
}

/// `initially_deferred: true` is only meaningful (and only what PostgreSQL reads back) with
/// `deferrable: true`.
fn deferral(cx: &mut Cx, key: &ObjectKey, deferrable: bool, initially_deferred: bool) {
    if initially_deferred && !deferrable {
        cx.at(key, "`initially_deferred` needs `deferrable: true`".into());
    }
}

/// The column names an exclusion definition's elements name (`USING gist (room WITH =)`).
pub(crate) fn exclusion_columns(def: &str) -> Vec<String> {
    let Some(open) = def.find('(') else {
        return Vec::new();
    };
    let Some(close) = def.rfind(')') else {
        return Vec::new();
    };
    if close <= open {
        return Vec::new();
    }
    split_top_level(&def[open + 1..close])
        .iter()
        .filter_map(|e| {
            let lower = e.to_ascii_lowercase();
            let i = lower.rfind(" with ")?;
            element_column(&e[..i])
        })
        .collect()
}
