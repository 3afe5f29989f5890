//! The physical column order of an inheritance child.
//!
//! `CREATE TABLE c (own) INHERITS (p, q)` puts the parents' columns first (in `INHERITS` order,
//! a column two parents share once, a column `c` redeclares at its parent's place), then `c`'s
//! own. A table that became a child by `ALTER TABLE c INHERIT p` keeps the order it had: all its
//! columns are its own (`attislocal`), so the model lists every one of them, in that order. When
//! that order is not the one `INHERITS` would give, the table is created with its columns as
//! declared and then attached (`ALTER TABLE … INHERIT`), which rebuilds it exactly.

use crate::ddl::alter_table;
use crate::model::{QualifiedName, Schema, Table};

/// The columns `name` has in a database built from `schema`, in order (parents' first). Depth
/// is bounded: `inherits` cannot form a cycle in PostgreSQL, and a declared one is an error.
fn physical(schema: &Schema, name: &QualifiedName, depth: usize) -> Vec<String> {
    let Some(t) = schema.tables.get(name) else {
        return Vec::new();
    };
    if depth > 32 || attached(schema, t, depth) {
        return t.columns.keys().cloned().collect();
    }
    let mut out = inherited(schema, t, depth);
    for c in t.columns.keys() {
        if !out.contains(c) {
            out.push(c.clone());
        }
    }
    out
}

/// The parents' columns, in `INHERITS` order, each once.
fn inherited(schema: &Schema, t: &Table, depth: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in &t.inherits {
        for c in physical(schema, p, depth + 1) {
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

/// A child that declares every column its parents have, in an order `INHERITS` would not give:
/// created as declared, then attached.
fn attached(schema: &Schema, t: &Table, depth: usize) -> bool {
    if t.inherits.is_empty() || t.partition_of.is_some() {
        return false;
    }
    let from_parents = inherited(schema, t, depth);
    if !from_parents.iter().all(|c| t.columns.contains_key(c)) {
        return false;
    }
    let declared: Vec<&String> = t.columns.keys().collect();
    let by_inherits: Vec<&String> = from_parents
        .iter()
        .chain(t.columns.keys().filter(|c| !from_parents.contains(c)))
        .collect();
    declared != by_inherits
}

/// Whether `t`'s declared columns say its whole column order: it inherits nothing, or it
/// declares every column its parents have (otherwise its parents' columns come first, wherever
/// the live table has them, and only the parents decide their order).
pub(crate) fn order_is_declared(schema: &Schema, t: &Table) -> bool {
    t.inherits.is_empty()
        || inherited(schema, t, 0)
            .iter()
            .all(|c| t.columns.contains_key(c))
}

/// `CREATE TABLE` of `name`, and the `ALTER TABLE … INHERIT` that attaches it where its column
/// order needs that (see the module docs).
pub fn create_statements(schema: &Schema, name: &QualifiedName, table: &Table) -> Vec<String> {
    if !attached(schema, table, 0) {
        return vec![super::ddl::create_table(name, table)];
    }
    let mut alone = table.clone();
    alone.inherits.clear();
    let mut out = vec![super::ddl::create_table(name, &alone)];
    out.extend(
        table
            .inherits
            .iter()
            .map(|p| format!("{} INHERIT {}", alter_table(name), p.sql())),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Column;

    fn table(cols: &[&str], inherits: &[&str]) -> Table {
        let mut t = Table::default();
        for c in cols {
            t.columns.insert(c.to_string(), Column::of_type("int"));
        }
        t.inherits = inherits
            .iter()
            .map(|p| QualifiedName::new("public", *p))
            .collect();
        t
    }

    #[test]
    fn attached_only_when_inherits_would_reorder() {
        let mut s = Schema::default();
        s.tables.insert(
            QualifiedName::new("public", "p"),
            table(&["id", "name"], &[]),
        );
        s.tables
            .insert(QualifiedName::new("public", "a"), table(&["own"], &["p"]));
        s.tables.insert(
            QualifiedName::new("public", "b"),
            table(&["id", "name", "own"], &["p"]),
        );
        s.tables.insert(
            QualifiedName::new("public", "c"),
            table(&["own", "name", "id"], &["p"]),
        );
        s.tables.insert(
            QualifiedName::new("public", "d"),
            table(&["own", "id"], &["p"]),
        );
        let n = |x: &str| QualifiedName::new("public", x);
        let stmts = |x: &str| create_statements(&s, &n(x), &s.tables[&n(x)]);
        assert_eq!(stmts("a").len(), 1);
        assert_eq!(stmts("b").len(), 1);
        let c = stmts("c");
        assert!(!c[0].contains("INHERITS"), "{c:?}");
        assert_eq!(c[1], r#"ALTER TABLE "public"."c" INHERIT "public"."p""#);
        // Not every parent column declared: only INHERITS can build it.
        assert_eq!(stmts("d").len(), 1);
        assert_eq!(physical(&s, &n("c"), 0), ["own", "name", "id"]);
        assert_eq!(physical(&s, &n("d"), 0), ["id", "name", "own"]);
    }
}
