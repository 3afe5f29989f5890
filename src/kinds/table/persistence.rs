//! `SET LOGGED` / `SET UNLOGGED`, ordered along the foreign keys that survive the plan.
//!
//! PostgreSQL refuses a logged table that references an unlogged one, in both directions of a
//! switch: `SET LOGGED` fails while a table it references is still unlogged, and `SET UNLOGGED`
//! fails while a logged table still references it. So tables turning logged go referenced
//! first, and tables turning unlogged go referencing first. Foreign keys the plan drops are gone
//! by then and the ones it adds come later, so only those both sides hold count.

use std::collections::{BTreeSet, HashSet};

use crate::ddl::alter_table;
use crate::diff::Category;
use crate::kinds::policy::diff::live_table;
use crate::model::{QualifiedName, Schema};
use crate::plan::{Builder, Hazard};

/// The persistence steps of the declared tables in `names` (the order ties are kept in).
pub(crate) fn plan(declared: &Schema, live: &Schema, names: &[QualifiedName], b: &mut Builder) {
    let switching: Vec<&QualifiedName> = names
        .iter()
        .filter(|n| {
            declared
                .tables
                .get(*n)
                .is_some_and(|d| live_table(n, d, live).is_some_and(|l| l.unlogged != d.unlogged))
        })
        .collect();
    let order = referenced_first(declared, live, &switching);
    let (to_logged, mut to_unlogged): (Vec<_>, Vec<_>) = order
        .into_iter()
        .partition(|n| declared.tables.get(*n).is_some_and(|d| !d.unlogged));
    to_unlogged.reverse();
    for (name, to) in to_logged
        .iter()
        .map(|n| (n, "SET LOGGED"))
        .chain(to_unlogged.iter().map(|n| (n, "SET UNLOGGED")))
    {
        let why = format!("table {}: persistence differs", name.display_name());
        let sql = format!("{} {to}", alter_table(name));
        b.push(sql, &why, Category::Storage, &[Hazard::Rewrite]);
    }
}

/// The tables a declared table references through foreign keys the live table holds too.
fn kept_targets(declared: &Schema, live: &Schema, name: &QualifiedName) -> BTreeSet<QualifiedName> {
    let Some(d) = declared.tables.get(name) else {
        return BTreeSet::new();
    };
    let Some(l) = live_table(name, d, live) else {
        return BTreeSet::new();
    };
    d.foreign_keys
        .iter()
        .filter(|(fk, def)| l.foreign_keys.get(*fk).is_some_and(|lf| lf == *def))
        .map(|(_, def)| def.references.table.clone())
        .filter(|t| t != name)
        .collect()
}

/// `names` with every table after the ones it references (depth first, in the given order; a
/// cycle is cut where it is found, and PostgreSQL reports it).
fn referenced_first<'a>(
    declared: &Schema,
    live: &Schema,
    names: &[&'a QualifiedName],
) -> Vec<&'a QualifiedName> {
    fn visit<'a>(
        n: &'a QualifiedName,
        names: &[&'a QualifiedName],
        targets: &dyn Fn(&QualifiedName) -> BTreeSet<QualifiedName>,
        seen: &mut HashSet<&'a QualifiedName>,
        out: &mut Vec<&'a QualifiedName>,
    ) {
        if !seen.insert(n) {
            return;
        }
        for t in targets(n) {
            if let Some(m) = names.iter().find(|m| ***m == t) {
                visit(m, names, targets, seen, out);
            }
        }
        out.push(n);
    }
    let targets = |n: &QualifiedName| kept_targets(declared, live, n);
    let (mut seen, mut out) = (HashSet::new(), Vec::new());
    for n in names {
        visit(n, names, &targets, &mut seen, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ForeignKey, Table};

    fn fk_to(table: &str) -> ForeignKey {
        serde_saphyr::from_str(&format!("{{columns: [p], references: \"{table}(id)\"}}"))
            .expect("fk yaml")
    }

    #[test]
    fn referenced_tables_switch_to_logged_first_and_to_unlogged_last() {
        let q = |n: &str| QualifiedName::parse(n).expect("name");
        let mut live = Schema::default();
        let mut declared = Schema::default();
        for (name, unlogged_live) in [
            ("child", true),
            ("parent", true),
            ("a", false),
            ("b", false),
        ] {
            let mut t = Table::default();
            if name == "child" || name == "b" {
                let target = if name == "child" { "parent" } else { "a" };
                t.foreign_keys.insert("fk".into(), fk_to(target));
            }
            let mut l = t.clone();
            l.unlogged = unlogged_live;
            t.unlogged = !unlogged_live;
            live.tables.insert(q(name), l);
            declared.tables.insert(q(name), t);
        }
        let names: Vec<QualifiedName> = ["a", "b", "child", "parent"].map(q).to_vec();
        let mut b = Builder { steps: Vec::new() };
        plan(&declared, &live, &names, &mut b);
        let sql: Vec<&str> = b.steps.iter().map(|s| s.sql.as_str()).collect();
        assert_eq!(
            sql,
            [
                "ALTER TABLE \"public\".\"parent\" SET LOGGED",
                "ALTER TABLE \"public\".\"child\" SET LOGGED",
                "ALTER TABLE \"public\".\"b\" SET UNLOGGED",
                "ALTER TABLE \"public\".\"a\" SET UNLOGGED",
            ]
        );
    }
}
