//! Diff rules for the table itself: missing, extra and renamed tables, the table comment, and
//! column order. Its members are compared by their own kinds, called from [`diff_table`] in the
//! documented order: columns, constraints, indexes.
//!
//! Column order is the table's, not a column's: only the relative order of the columns both
//! sides have is drift (an added column always lands at the end), and one change says so.

use crate::diff::{
    comment_change, extra, missing, pair, renamed, Category, Change, ObjectKind, ObjectRef, Pair,
    Severity,
};
use crate::kinds::{column, constraint, index};
use crate::model::{Column, QualifiedName, Schema, Table};

/// Appends the table changes to `out`: declared tables in declared order (renames through
/// `renamed_from`, same schema), each followed by its members' changes, then the tables only the
/// database has.
pub(crate) fn diff_tables(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let (pairs, extras) = pair(&declared.tables, &live.tables, |k, t: &Table| {
        t.renamed_from
            .as_ref()
            .map(|old| QualifiedName::new(k.schema.clone(), old.clone()))
    });
    for p in pairs {
        let obj = ObjectRef::top(ObjectKind::Table, p.decl_key);
        let Some((lk, l)) = p.live else {
            out.push(missing(obj, Severity::Error, None));
            continue;
        };
        if p.renamed {
            out.push(renamed(obj, &lk.name, lk.display_name()));
        }
        let ordered = super::column_order::order_is_declared(declared, p.decl);
        diff_table((p.decl_key, lk), p.decl, l, ordered, out);
    }
    for (name, l) in extras {
        let obj = ObjectRef::top(ObjectKind::Table, name);
        let cols = l.columns.len();
        let mut c = extra(obj, Severity::Warning, None);
        c.live = Some(format!("{cols} column{}", if cols == 1 { "" } else { "s" }));
        out.push(c);
    }
}

/// One table both sides have: its comment, then its columns (with the order check between the
/// paired and the extra columns, where `ordered`: the declaration says the whole order),
/// constraints and indexes.
fn diff_table(
    (name, live_name): (&QualifiedName, &QualifiedName),
    d: &Table,
    l: &Table,
    ordered: bool,
    out: &mut Vec<Change>,
) {
    let obj = ObjectRef::top(ObjectKind::Table, name);
    out.extend(comment_change(obj.clone(), &d.comment, &l.comment));
    super::shape::diff_shape(name, d, l, out);
    super::relopts_diff::diff_table(name, d, l, out);
    crate::kinds::foreign::table::diff(name, d, l, out);
    // A table that becomes or stops being a partition: its members are compared once the
    // ATTACH/DETACH has made both sides alike (they change with it).
    if super::shape::partition_switch(d, l) {
        return;
    }
    // A partition's columns are its parent's: compared on the parent.
    if !super::shape::columns_from_parent(d, l) {
        let columns = column::diff::pair_columns(d, l);
        column::diff::diff_paired_columns(name, live_name, &columns, out);
        // An inheritance child's column order is its parents' unless it declares all their
        // columns (`column_order`).
        if ordered {
            column_order(name, &columns.pairs, l, out);
        }
        if d.inherited_last != l.inherited_last {
            let join = |v: &[String]| v.join(", ");
            out.push(
                Change::new(
                    Category::ColumnOrder,
                    Severity::Warning,
                    ObjectRef::top(ObjectKind::Table, name),
                    "inherited columns after its own differ".to_string(),
                )
                .values(Some(join(&d.inherited_last)), Some(join(&l.inherited_last))),
            );
        }
        column::diff::diff_extra_columns(name, &columns, out);
    }
    let mut members = Vec::new();
    constraint::diff::diff_constraints(name, d, l, &mut members);
    index::diff::diff_indexes(name, &d.indexes, &l.indexes, &mut members);
    constraint::unique_form::merge(name, d, l, &mut members);
    out.extend(members);
}

/// Order of the columns both sides have: added columns always land at the end, so only the
/// relative order of common columns is drift.
fn column_order(
    table: &QualifiedName,
    pairs: &[Pair<'_, String, Column>],
    l: &Table,
    out: &mut Vec<Change>,
) {
    let decl_order: Vec<&String> = pairs
        .iter()
        .filter_map(|p| p.live.map(|(k, _)| k))
        .collect();
    let live_order: Vec<&String> = l
        .columns
        .keys()
        .filter(|k| decl_order.contains(k))
        .collect();
    if decl_order != live_order {
        let decl_names: Vec<&String> = pairs
            .iter()
            .filter(|p| p.live.is_some())
            .map(|p| p.decl_key)
            .collect();
        let join = |v: &[&String]| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ");
        out.push(
            Change::new(
                Category::ColumnOrder,
                Severity::Warning,
                ObjectRef::top(ObjectKind::Table, table),
                "column order differs".to_string(),
            )
            .values(Some(join(&decl_names)), Some(join(&live_order))),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diff::fixtures::*;
    use crate::diff::{diff, Category, Severity};
    use crate::model::{Check, Index, Schema};

    #[test]
    fn tables_missing_and_extra() {
        let a = with_table("genes", genes());
        let (m, x) = both(&a, &Schema::default());
        assert_eq!(
            summary(&m),
            vec![(Category::Table, Severity::Error, "table genes".into())]
        );
        assert_eq!(
            summary(&x),
            vec![(Category::Table, Severity::Warning, "table genes".into())]
        );
        assert_eq!(x[0].live.as_deref(), Some("3 columns"));
    }

    #[test]
    fn column_order_is_its_own_warning() {
        let a = with_table(
            "t",
            table(&[("a", col("int")), ("b", col("int")), ("c", col("int"))]),
        );
        let b = with_table(
            "t",
            table(&[
                ("a", col("int")),
                ("c", col("int")),
                ("b", col("int")),
                ("z", col("int")),
            ]),
        );
        let d = diff(&a, &b);
        assert_eq!(
            summary(&d),
            vec![
                (Category::ColumnOrder, Severity::Warning, "table t".into()),
                (Category::Column, Severity::Warning, "column t.z".into())
            ]
        );
        assert_eq!(d[0].summary, "column order differs");
        assert_eq!(
            (d[0].declared.as_deref(), d[0].live.as_deref()),
            (Some("a, b, c"), Some("a, c, b"))
        );
    }

    #[test]
    fn table_comment() {
        let mut t = genes();
        t.comment = Some("genes".into());
        let (d1, d2) = both(&with_table("genes", t), &with_table("genes", genes()));
        assert_eq!(
            summary(&d1),
            vec![(Category::Comment, Severity::Warning, "table genes".into())]
        );
        assert_eq!(
            summary(&d2),
            vec![(Category::Comment, Severity::Warning, "table genes".into())]
        );
    }

    #[test]
    fn renamed_from_table_index_and_constraint() {
        let mut t = genes();
        t.renamed_from = Some("gene".into());
        t.indexes.insert(
            "genes_sym_idx".into(),
            Index {
                columns: vec!["symbol".into()],
                renamed_from: Some("gene_sym_idx".into()),
                ..Default::default()
            },
        );
        t.checks.insert(
            "genes_id_check".into(),
            Check {
                expression: "(id > 0)".into(),
                not_valid: false,
                not_enforced: false,
                no_inherit: false,
                renamed_from: Some("gene_id_check".into()),
                comment: None,
            },
        );
        let a = with_table("genes", t);
        let mut old = genes();
        old.indexes.insert(
            "gene_sym_idx".into(),
            Index {
                columns: vec!["symbol".into()],
                ..Default::default()
            },
        );
        old.checks.insert(
            "gene_id_check".into(),
            Check {
                expression: "(id > 0)".into(),
                not_valid: false,
                not_enforced: false,
                no_inherit: false,
                renamed_from: None,
                comment: None,
            },
        );
        let b = with_table("gene", old);
        let d = diff(&a, &b);
        assert_eq!(
            summary(&d),
            vec![
                (Category::Table, Severity::Error, "table genes".into()),
                (
                    Category::Constraint,
                    Severity::Error,
                    "check constraint genes_id_check on genes".into()
                ),
                (
                    Category::Index,
                    Severity::Error,
                    "index genes_sym_idx on genes".into()
                ),
            ]
        );
        assert_eq!(
            d.iter()
                .map(|c| c.renamed_from.as_deref().unwrap())
                .collect::<Vec<_>>(),
            vec!["gene", "gene_id_check", "gene_sym_idx"]
        );
    }
}
