//! The physical column order of an inheritance child.
//!
//! `CREATE TABLE c (own) INHERITS (p, q)` puts the parents' columns first (in `INHERITS` order,
//! a column two parents share once, a column `c` redeclares at its parent's place), then `c`'s
//! own. A table that became a child by `ALTER TABLE c INHERIT p` keeps the order it had: all its
//! columns are its own (`attislocal`), so the model lists every one of them, in that order. When
//! that order is not the one `INHERITS` would give, the table is created with its columns as
//! declared and then attached (`ALTER TABLE … INHERIT`), which rebuilds it exactly.
//!
//! A column added to a parent after a child existed lands after the child's own columns; the
//! child lists it in `inherited_last`. A rebuild creates the parent without it, the children
//! that hold it last, then adds it to the parent (which adds it to those children, last), and
//! only then the tables that hold it in its place. When an inline key or check of the parent
//! (or a generated column) names it, it cannot wait: the parent is created whole.

use std::collections::HashSet;

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
    out.retain(|c| !t.inherited_last.contains(c));
    for c in t.columns.keys() {
        if !out.contains(c) {
            out.push(c.clone());
        }
    }
    out.extend(t.inherited_last.iter().cloned());
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

/// One step of creating tables: a table (without the columns deferred from it), or a deferred
/// column added to its owner.
pub enum Creation {
    Table(QualifiedName, Box<Table>),
    Column(QualifiedName, String),
}

/// How to create the tables `names` (parents first) of `schema` so that each column a child
/// holds last (`inherited_last`) is added to its owner after that child exists, and before the
/// tables that hold it in its place (see the module docs). A table that would need such a
/// column while a child still to be created holds it last waits for that child.
pub fn creations(schema: &Schema, names: &[QualifiedName]) -> Vec<Creation> {
    let mut s = Schedule {
        schema,
        names: names.iter().collect(),
        pending: deferred(schema, names),
        created: HashSet::new(),
        out: Vec::new(),
    };
    let mut waiting: Vec<&QualifiedName> = Vec::new();
    for name in names {
        waiting.push(name);
        s.run(&mut waiting, false);
    }
    s.run(&mut waiting, true);
    let rest = std::mem::take(&mut s.pending);
    s.out
        .extend(rest.into_iter().map(|(o, c)| Creation::Column(o, c)));
    s.out
}

struct Schedule<'a> {
    schema: &'a Schema,
    names: HashSet<&'a QualifiedName>,
    /// Deferred (owner, column) not added yet.
    pending: Vec<(QualifiedName, String)>,
    created: HashSet<&'a QualifiedName>,
    out: Vec<Creation>,
}

impl<'a> Schedule<'a> {
    /// Creates the waiting tables that can be: their parents exist and (unless `force`) they
    /// need no pending column that a table not created yet holds last.
    fn run(&mut self, waiting: &mut Vec<&'a QualifiedName>, force: bool) {
        while let Some(i) = waiting.iter().position(|n| self.can_create(n, force)) {
            let name = waiting.remove(i);
            self.create(name);
        }
    }

    fn can_create(&self, name: &QualifiedName, force: bool) -> bool {
        let Some(t) = self.schema.tables.get(name) else {
            return true;
        };
        let ready =
            super::shape::parents(t).all(|p| !self.names.contains(p) || self.created.contains(p));
        ready && (force || !self.needs(t).any(|(o, c)| self.held_last_later(name, o, c)))
    }

    /// The pending columns `t` must find in its parents when created.
    fn needs<'b>(&'b self, t: &'b Table) -> impl Iterator<Item = &'b (QualifiedName, String)> {
        self.pending.iter().filter(move |(o, c)| {
            descends(self.schema, t, o, 0)
                && !t.inherited_last.contains(c)
                && !attached(self.schema, t, 0)
        })
    }

    /// Whether a table other than `name`, not created yet, holds `column` of `owner` last.
    fn held_last_later(&self, name: &QualifiedName, owner: &QualifiedName, column: &str) -> bool {
        self.names.iter().any(|n| {
            *n != name
                && !self.created.contains(n)
                && self.schema.tables.get(*n).is_some_and(|t| {
                    t.inherited_last.iter().any(|c| c == column)
                        && descends(self.schema, t, owner, 0)
                })
        })
    }

    fn create(&mut self, name: &'a QualifiedName) {
        let Some(t) = self.schema.tables.get(name) else {
            return;
        };
        let now: Vec<(QualifiedName, String)> = self.needs(t).cloned().collect();
        self.pending.retain(|p| !now.contains(p));
        self.out
            .extend(now.into_iter().map(|(o, c)| Creation::Column(o, c)));
        let mut t = t.clone();
        t.columns
            .retain(|c, _| !self.pending.iter().any(|(o, pc)| o == name && pc == c));
        self.out.push(Creation::Table(name.clone(), Box::new(t)));
        self.created.insert(name);
    }
}

/// (owner, column) for each column that a table of `names` holds last and whose owner is
/// created with it and can wait for it.
fn deferred(schema: &Schema, names: &[QualifiedName]) -> Vec<(QualifiedName, String)> {
    let mut out: Vec<(QualifiedName, String)> = Vec::new();
    for t in names.iter().filter_map(|n| schema.tables.get(n)) {
        for c in &t.inherited_last {
            let Some(o) = owner(schema, t, c, 0) else {
                continue;
            };
            let key = (o.clone(), c.clone());
            if names.contains(&o) && can_wait(schema, &o, c) && !out.contains(&key) {
                out.push(key);
            }
        }
    }
    out
}

/// The ancestor of `t` that declares `column` as its own (not inherited).
fn owner(schema: &Schema, t: &Table, column: &str, depth: usize) -> Option<QualifiedName> {
    if depth > 32 {
        return None;
    }
    t.inherits.iter().find_map(|p| {
        let pt = schema.tables.get(p)?;
        if !physical(schema, p, depth + 1).iter().any(|c| c == column) {
            return None;
        }
        match inherited(schema, pt, depth + 1).iter().any(|c| c == column) {
            true => owner(schema, pt, column, depth + 1),
            false => Some(p.clone()),
        }
    })
}

/// Whether `t` inherits (at any depth) from `ancestor`.
fn descends(schema: &Schema, t: &Table, ancestor: &QualifiedName, depth: usize) -> bool {
    depth <= 32
        && t.inherits.iter().any(|p| {
            p == ancestor
                || schema
                    .tables
                    .get(p)
                    .is_some_and(|pt| descends(schema, pt, ancestor, depth + 1))
        })
}

/// Whether `column` of `owner` can be added after `owner` is created: nothing created inline
/// with the table names it (a key, a check, an exclusion, a generated column). Names are looked
/// for as plain text, so a doubt keeps the column in place.
fn can_wait(schema: &Schema, owner: &QualifiedName, column: &str) -> bool {
    let Some(t) = schema.tables.get(owner) else {
        return false;
    };
    if !t.columns.contains_key(column) || t.partition_by.is_some() {
        return false;
    }
    let names = |cols: &[String], include: &[String]| {
        cols.iter().chain(include).any(|c| c.contains(column))
    };
    let in_key = t
        .primary_key
        .as_ref()
        .is_some_and(|k| names(&k.columns, &k.include))
        || t.unique.values().any(|u| names(&u.columns, &u.include));
    let in_text = t.checks.values().any(|c| c.expression.contains(column))
        || t.exclusions.values().any(|x| x.definition.contains(column))
        || t.columns
            .values()
            .any(|c| c.generated.as_deref().is_some_and(|g| g.contains(column)));
    !in_key && !in_text
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

    #[test]
    fn a_column_held_last_is_added_after_the_child() {
        let n = |x: &str| QualifiedName::new("public", x);
        let mut s = Schema::default();
        s.tables.insert(n("p"), table(&["id", "late"], &[]));
        let mut c = table(&["own"], &["p"]);
        c.inherited_last = vec!["late".into()];
        s.tables.insert(n("c"), c);
        // Created after `late` was added: holds it in its place.
        s.tables.insert(n("g"), table(&["g_own"], &["p"]));
        let names = [n("p"), n("c"), n("g")];
        let steps: Vec<String> = creations(&s, &names)
            .iter()
            .map(|st| match st {
                Creation::Table(q, t) => format!("{}({})", q.name, t.columns.len()),
                Creation::Column(q, c) => format!("{}+{c}", q.name),
            })
            .collect();
        assert_eq!(steps, ["p(1)", "c(1)", "p+late", "g(1)"]);
        assert_eq!(physical(&s, &n("c"), 0), ["id", "own", "late"]);
    }
}
