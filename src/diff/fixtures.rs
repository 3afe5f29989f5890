//! Small schemas and assertion helpers shared by the diff tests of every kind
//! (`crate::diff` and `src/kinds/*/diff.rs`), so each test module states only its case.

use super::*;
use crate::model::{
    Column, FkAction, ForeignKey, PrimaryKey, QualifiedName, Reference, Table, View,
};

pub(crate) fn q(name: &str) -> QualifiedName {
    QualifiedName::parse(name).unwrap()
}

pub(crate) fn col(t: &str) -> Column {
    Column::of_type(t)
}

pub(crate) fn table(cols: &[(&str, Column)]) -> Table {
    Table {
        columns: cols
            .iter()
            .map(|(n, c)| (n.to_string(), c.clone()))
            .collect(),
        ..Default::default()
    }
}

pub(crate) fn with_table(name: &str, t: Table) -> Schema {
    let mut s = Schema::default();
    s.tables.insert(q(name), t);
    s
}

pub(crate) fn genes() -> Table {
    let mut t = table(&[
        (
            "id",
            Column {
                nullable: false,
                ..col("bigint")
            },
        ),
        (
            "symbol",
            Column {
                nullable: false,
                ..col("text")
            },
        ),
        ("created_at", col("timestamp with time zone")),
    ]);
    t.primary_key = Some(PrimaryKey {
        name: "genes_pkey".into(),
        columns: vec!["id".into()],
        comment: None,
        ..Default::default()
    });
    t
}

/// The (category, severity, object display) triples, for compact assertions.
pub(crate) fn summary(changes: &[Change]) -> Vec<(Category, Severity, String)> {
    changes
        .iter()
        .map(|c| (c.category, c.severity, c.object.describe()))
        .collect()
}

/// Diffs both ways: `a` declared / `b` live, then swapped.
pub(crate) fn both(a: &Schema, b: &Schema) -> (Vec<Change>, Vec<Change>) {
    (diff(a, b), diff(b, a))
}

pub(crate) fn fk() -> ForeignKey {
    ForeignKey {
        columns: vec!["gene_id".into()],
        references: Reference {
            table: q("genes"),
            columns: vec!["id".into()],
        },
        on_delete: FkAction::Cascade.into(),
        on_update: FkAction::NoAction,
        deferrable: false,
        initially_deferred: false,
        match_full: false,
        not_valid: false,
        not_enforced: false,
        renamed_from: None,
        comment: None,
    }
}

pub(crate) fn with_view(name: &str, v: View) -> Schema {
    let mut s = Schema::default();
    s.views.insert(q(name), v);
    s
}
