//! The names of `NOT NULL` constraints (PostgreSQL 18 on).
//!
//! From PostgreSQL 18 a column's `NOT NULL` is a row of `pg_constraint` (`contype = 'n'`) with a
//! name, `<table>_<column>_not_null` when PostgreSQL picks it. A name PostgreSQL would not pick
//! (`CONSTRAINT nn_mail NOT NULL`, or the name a table renamed from `a` keeps:
//! `a_id_not_null`) is part of the model, `Column::not_null_name`, declared, compared
//! (category `nullability`, a warning) and planned (`ADD CONSTRAINT n NOT NULL c`, `RENAME
//! CONSTRAINT`). Servers before 18 accept `CONSTRAINT n NOT NULL` and drop the name, so a
//! declared name normalizes to none there and is never drift: it is ignored.
//!
//! Introspection also keeps every live name ([`NotNullNames`], empty before 18): a plan that
//! renames a table or a column renames the constraints named by default to the default of the
//! new name, so the migrated table is the table created fresh.

use indexmap::IndexMap;

use crate::diff::Change;
use crate::kinds::constraint::ddl::rename_constraint;
use crate::load::make_object_name;
use crate::model::{quote_ident, Column, QualifiedName};
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
            // A declared name is planned with the column (`column::plan`).
            let named = |c: &Column| c.not_null_name.is_some();
            if dt.columns.get(&declared_col).is_none_or(named)
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

/// `ALTER TABLE t ADD CONSTRAINT n NOT NULL c` (PostgreSQL 18 on: a name is only declared
/// there, see `Column::not_null_name`).
pub fn add_named(table: &QualifiedName, name: &str, column: &str) -> String {
    format!(
        "{} ADD CONSTRAINT {} NOT NULL {}",
        crate::ddl::alter_table(table),
        quote_ident(name),
        quote_ident(column)
    )
}

/// The `NOT NULL` constraint's name: the declared one, or PostgreSQL's default for the table.
pub fn effective_name(table: &str, column: &str, col: &Column) -> String {
    col.not_null_name
        .clone()
        .unwrap_or_else(|| default_name(table, column))
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
