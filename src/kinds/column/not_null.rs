//! The names of `NOT NULL` constraints (PostgreSQL 18 on).
//!
//! From PostgreSQL 18 a column's `NOT NULL` is a row of `pg_constraint` (`contype = 'n'`) with a
//! name, `<table>_<column>_not_null` when PostgreSQL picks it. The name is not part of the model
//! (a declared column is `nullable: false`, on every major), so it never shows as drift; but
//! `ALTER TABLE … RENAME` keeps it, and pg_dump then prints `id integer CONSTRAINT
//! a_id_not_null NOT NULL` for a table renamed from `a`. So introspection keeps the live names
//! ([`NotNullNames`], empty before 18), and a plan that renames a table or a column renames the
//! constraints whose name was PostgreSQL's default to the default of the new name: the migrated
//! table then is the table created fresh.

use indexmap::IndexMap;

use crate::ddl::Statement;
use crate::diff::Change;
use crate::kinds::constraint::ddl::rename_constraint;
use crate::load::make_object_name;
use crate::model::{QualifiedName, Schema};
use crate::plan::{label, Builder, PlanCx};

/// Live only: column name -> name of its `NOT NULL` constraint (PostgreSQL 18 on). Catalog
/// metadata, not schema: never serialized, and two of them always compare equal, so a declared
/// table (which has none) equals the live table it was read from.
#[derive(Debug, Clone, Default)]
pub struct NotNullNames(pub IndexMap<String, String>);

impl PartialEq for NotNullNames {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for NotNullNames {}

/// The name PostgreSQL 18 gives the `NOT NULL` constraint of `table.column`
/// (`ChooseConstraintName(relname, colname, "not_null")`, without the numbering of a clash).
pub fn default_name(table: &str, column: &str) -> String {
    make_object_name(table, Some(column), Some("not_null"))
}

/// After the table and column renames: renames each `NOT NULL` constraint named by default after
/// the old table or column name to the default of the new one.
pub(crate) fn rename_defaults(cx: &PlanCx, b: &mut Builder) {
    // Declared table -> (the change that renames it or one of its columns, declared column ->
    // live column of the renamed columns).
    let mut touched: IndexMap<QualifiedName, (&Change, IndexMap<String, String>)> = IndexMap::new();
    for (c, _, new) in &cx.changes.table_renames {
        touched.entry(new.clone()).or_insert((*c, IndexMap::new()));
    }
    for ((t, m), cs) in &cx.changes.columns {
        for c in cs {
            if let Some(old) = &c.renamed_from {
                touched
                    .entry(t.clone())
                    .or_insert((*c, IndexMap::new()))
                    .1
                    .insert(m.clone(), old.clone());
            }
        }
    }
    for (t, (change, renamed)) in &touched {
        let (Some(lt), Some(dt)) = (cx.live_table(t), cx.declared.tables.get(t)) else {
            continue;
        };
        let live_name = cx.live_name(t);
        for (live_col, conname) in &lt.not_null_names.0 {
            let declared_col = match renamed.iter().find(|(_, old)| *old == live_col) {
                Some((m, _)) => m.clone(),
                None if renamed.contains_key(live_col) => continue,
                None => live_col.clone(),
            };
            if !dt.columns.contains_key(&declared_col)
                || *conname != default_name(&live_name.name, live_col)
            {
                continue;
            }
            let wanted = default_name(&t.name, &declared_col);
            let taken = cx
                .live
                .tables
                .iter()
                .filter(|(q, _)| q.schema == t.schema)
                .any(|(_, other)| other.not_null_names.0.values().any(|n| *n == wanted));
            if wanted != *conname && !taken {
                b.push(
                    rename_constraint(t, conname, &wanted),
                    &label(&[change]),
                    change.category,
                    &[],
                );
            }
        }
    }
}

/// For a script that rebuilds an introspected `schema` (squash): renames each `NOT NULL`
/// constraint PostgreSQL names by default to the name it has in the source, where they differ
/// (a table renamed on 18 keeps `<old>_<column>_not_null`), so pg_dump of the rebuilt database
/// is the source's. Nothing for a schema read from files, or from a server before 18.
pub fn keep_names(schema: &Schema) -> Vec<Statement> {
    let mut out = Vec::new();
    for (t, table) in &schema.tables {
        for (col, name) in &table.not_null_names.0 {
            let Some(c) = table.columns.get(col) else {
                continue;
            };
            let default = default_name(&t.name, col);
            if !c.nullable && *name != default {
                out.push(Statement::new(
                    rename_constraint(t, &default, name),
                    format!("not null constraint {name} on {t}"),
                ));
            }
        }
    }
    out
}

/// The renames after `DETACH PARTITION` of `table` from `old_parent` and before `ATTACH
/// PARTITION` to `new_parent` (an inherited constraint cannot be renamed) (PostgreSQL 18): a detached partition keeps its parent's names
/// and an attached table keeps its own, where a table created as the new shape would have its
/// own defaults (standalone) or its parent's names (a partition). `live` names the table's live
/// constraints; `parent_names` are the new parent's (live) names, if it has any yet.
pub(crate) fn partition_renames(
    table: &QualifiedName,
    live: &NotNullNames,
    old_parent: Option<&QualifiedName>,
    new_parent: Option<(&QualifiedName, Option<&NotNullNames>)>,
) -> (Vec<String>, Vec<String>) {
    let mut names = live.0.clone();
    let mut after_detach = Vec::new();
    if let Some(old) = old_parent {
        for (col, n) in names.iter_mut() {
            let own = default_name(&table.name, col);
            if *n == default_name(&old.name, col) && *n != own {
                after_detach.push(rename_constraint(table, n, &own));
                *n = own;
            }
        }
    }
    let mut before_attach = Vec::new();
    if let Some((parent, parent_names)) = new_parent {
        for (col, n) in &names {
            let wanted = parent_names
                .and_then(|p| p.0.get(col))
                .cloned()
                .unwrap_or_else(|| default_name(&parent.name, col));
            if *n == default_name(&table.name, col) && *n != wanted {
                before_attach.push(rename_constraint(table, n, &wanted));
            }
        }
    }
    (after_detach, before_attach)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_follow_postgres() {
        assert_eq!(default_name("a", "id"), "a_id_not_null");
        let long = "t".repeat(60);
        let n = default_name(&long, "id");
        assert!(n.len() <= 63, "{n}");
        assert!(n.ends_with("_id_not_null"), "{n}");
    }

    #[test]
    fn names_never_differ() {
        let mut a = NotNullNames::default();
        a.0.insert("id".into(), "x".into());
        assert_eq!(a, NotNullNames::default());
    }
}
