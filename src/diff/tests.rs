//! Tests of what `crate::diff` itself holds: the change types, the order of the whole list,
//! ignore rules, category filter and exit policy. Each kind's rules are tested with the kind.

use super::fixtures::*;
use super::*;
use crate::model::{Column, Extension, IgnoreRule, Index, View};

#[test]
fn identical_schemas_have_no_drift() {
    let s = with_table("genes", genes());
    assert!(diff(&s, &s).is_empty());
    assert!(diff(&Schema::default(), &Schema::default()).is_empty());
}

#[test]
fn category_names_round_trip_and_aliases() {
    for c in Category::ALL {
        assert_eq!(c.as_str().parse::<Category>().unwrap(), c);
        assert_eq!(
            serde_json::to_value(c).unwrap(),
            serde_json::Value::String(c.as_str().into())
        );
    }
    assert_eq!("tz".parse::<Category>().unwrap(), Category::Timezone);
    assert_eq!("FK".parse::<Category>().unwrap(), Category::ForeignKey);
    assert_eq!(
        "foreign-key".parse::<Category>().unwrap(),
        Category::ForeignKey
    );
    assert_eq!(
        Category::parse_list("tz, type,fk,tz").unwrap(),
        vec![Category::Timezone, Category::Type, Category::ForeignKey]
    );
    let err = "colour".parse::<Category>().unwrap_err().to_string();
    assert!(
        err.contains("`colour`")
            && err.contains("schema, table, column, type, column_order, timezone"),
        "{err}"
    );
}

#[test]
fn order_is_kind_then_declared_then_extra() {
    let mut a = Schema::default();
    a.extensions.insert("citext".into(), Extension::default());
    a.tables.insert(q("b"), table(&[("x", col("int"))]));
    a.tables.insert(q("a"), table(&[("x", col("int"))]));
    a.views.insert(
        q("v"),
        View {
            definition: "SELECT 1;".into(),
            ..Default::default()
        },
    );
    a.enums.insert(q("e"), vec!["x".into()]);
    let mut b = Schema::default();
    b.tables.insert(q("z"), table(&[]));
    b.tables
        .insert(q("a"), table(&[("y", col("int")), ("x", col("bigint"))]));
    let names: Vec<String> = diff(&a, &b)
        .iter()
        .map(|c| format!("{} {} {}", c.category, c.presence, c.object.describe()))
        .collect();
    assert_eq!(
        names,
        vec![
            "extension missing extension citext",
            "enum missing enum e",
            "table missing table b",
            "type changed column a.x",
            "column extra column a.y",
            "table extra table z",
            "view missing view v",
        ]
    );
}

fn rule(kind: &str, name: &str) -> IgnoreRule {
    IgnoreRule {
        kind: kind.into(),
        name: name.into(),
        reason: format!("{kind}:{name}"),
    }
}

#[test]
fn globs() {
    assert!(glob_match("alembic_*", "alembic_version"));
    assert!(glob_match("audit.*", "audit.events"));
    assert!(glob_match("genes.legacy_?", "genes.legacy_1"));
    assert!(!glob_match("genes.legacy_?", "genes.legacy_12"));
    assert!(glob_match("*", ""));
    assert!(glob_match("a*b*c", "axxbyyc"));
    assert!(!glob_match("a*b*c", "axxbyy"));
    assert!(!glob_match("genes", "genes2"));
}

#[test]
fn ignores_hide_objects_and_members() {
    let mut t = genes();
    t.indexes.insert(
        "genes_symbol_idx".into(),
        Index {
            columns: vec!["symbol".into()],
            ..Default::default()
        },
    );
    let mut declared = Schema::default();
    declared
        .tables
        .insert(q("alembic_version"), table(&[("v", col("text"))]));
    declared.tables.insert(q("genes"), t);
    declared.views.insert(
        q("audit.v"),
        View {
            definition: "SELECT 1;".into(),
            ..Default::default()
        },
    );
    let mut live = Schema::default();
    live.tables
        .insert(q("genes"), table(&[("legacy_1", col("text"))]));
    let changes = diff(&declared, &live);
    assert_eq!(changes.len(), 8);

    let (kept, ignored) = apply_ignores(
        changes.clone(),
        &[
            rule("table", "alembic_*"),
            rule("column", "genes.legacy_?"),
            rule("view", "audit.*"),
        ],
    );
    assert_eq!(
        ignored
            .iter()
            .map(|(c, r)| (c.object.describe(), r.as_str()))
            .collect::<Vec<_>>(),
        vec![
            ("table alembic_version".to_string(), "table:alembic_*"),
            ("column genes.legacy_1".to_string(), "column:genes.legacy_?"),
            ("view audit.v".to_string(), "view:audit.*"),
        ]
    );
    assert_eq!(kept.len(), 5);

    // A table rule hides the table's members too.
    let (kept, ignored) = apply_ignores(changes.clone(), &[rule("table", "genes")]);
    assert_eq!(ignored.len(), 6);
    assert_eq!(
        summary(&kept)
            .iter()
            .map(|s| s.2.as_str())
            .collect::<Vec<_>>(),
        vec!["table alembic_version", "view audit.v"]
    );
    // Kind must match: a column rule does not hide an index of the same name.
    let (_, ignored) = apply_ignores(changes.clone(), &[rule("column", "genes_symbol_idx")]);
    assert!(ignored.is_empty());
    let (_, ignored) = apply_ignores(changes.clone(), &[rule("index", "genes_*")]);
    assert_eq!(ignored.len(), 1);
    let (_, ignored) = apply_ignores(changes.clone(), &[rule("constraint", "genes_pkey")]);
    assert_eq!(ignored.len(), 1);
    let (kept, _) = apply_ignores(changes, &[rule("*", "*")]);
    assert!(kept.is_empty());
}

#[test]
fn category_filter_and_policy() {
    let a = with_table(
        "t",
        table(&[
            ("c", col("timestamp with time zone")),
            (
                "d",
                Column {
                    default: Some("1".into()),
                    ..col("int")
                },
            ),
        ]),
    );
    let b = with_table(
        "t",
        table(&[("c", col("timestamp without time zone")), ("d", col("int"))]),
    );
    let changes = diff(&a, &b);
    assert_eq!(
        changes.iter().map(|c| c.category).collect::<Vec<_>>(),
        vec![Category::Timezone, Category::Default]
    );
    assert_eq!(
        filter_categories(changes.clone(), &[Category::Default.into()]).len(),
        1
    );
    assert_eq!(filter_categories(changes.clone(), &[]).len(), 2);

    assert_eq!(exit_code(&[], &Policy::default()), 0);
    assert_eq!(exit_code(&changes, &Policy::default()), 1);
    let only_default = &changes[1..];
    let p = |fail: Option<&[Category]>, warn: &[Category]| Policy {
        fail_on: fail.map(|f| f.iter().map(|&c| c.into()).collect()),
        warn_on: warn.iter().map(|&c| c.into()).collect(),
    };
    assert_eq!(
        exit_code(only_default, &p(None, &[])),
        1,
        "warnings fail by default"
    );
    assert_eq!(exit_code(only_default, &p(None, &[Category::Default])), 0);
    assert_eq!(
        exit_code(
            only_default,
            &p(Some(&[Category::Timezone, Category::Type]), &[])
        ),
        0
    );
    assert_eq!(exit_code(&changes, &p(Some(&[Category::Timezone]), &[])), 1);
    assert_eq!(
        exit_code(
            &changes,
            &p(Some(&[Category::Timezone]), &[Category::Timezone])
        ),
        0,
        "warn-on wins"
    );
}

#[test]
fn object_display_is_kind_and_name() {
    let fk = ObjectRef::member(ObjectKind::ForeignKey, &q("audit.ev"), "ev_gene_fkey");
    assert_eq!(fk.to_string(), "foreign_key ev_gene_fkey");
    assert_eq!(fk.describe(), "foreign key ev_gene_fkey on audit.ev");
    let c = ObjectRef::member(ObjectKind::Column, &q("\"User Table\""), "we\"ird");
    assert_eq!(c.to_string(), "column User Table.\"we\"\"ird\"");
    assert_eq!(
        ObjectRef::top(ObjectKind::MaterializedView, &q("mv")).to_string(),
        "materialized_view mv"
    );
    assert_eq!(
        ObjectRef::extension("citext").describe(),
        "extension citext"
    );
}

#[test]
fn change_serializes_with_every_field() {
    let a = with_table("t", table(&[("c", col("bigint"))]));
    let b = with_table("t", table(&[("c", col("integer"))]));
    let v = serde_json::to_value(&diff(&a, &b)[0]).unwrap();
    assert_eq!(
        v.to_string(),
        r#"{"category":"type","presence":"changed","severity":"error","object":{"kind":"column","table":"t","name":"t.c","member":"c"},"summary":"type is bigint in the declaration but integer in the database","declared":"bigint","live":"integer","detail":null,"possible_rename":null,"renamed_from":null}"#
    );
}

#[test]
fn a_missing_foreign_key_is_category_foreign_key_and_presence_missing() {
    let mut t = table(&[("gene_id", col("bigint"))]);
    t.foreign_keys.insert("x_gene_fk".into(), fk());
    let a = with_table("x", t);
    let b = with_table("x", table(&[("gene_id", col("bigint"))]));
    let changes = diff(&a, &b);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].category, Category::ForeignKey);
    assert_eq!(changes[0].presence, Presence::Missing);
    let fail_on = |names: &str| Policy {
        fail_on: Some(names.split(',').map(|n| n.parse().unwrap()).collect()),
        warn_on: Vec::new(),
    };
    assert_eq!(exit_code(&changes, &fail_on("fk")), 1);
    assert_eq!(exit_code(&changes, &fail_on("missing")), 1);
    assert_eq!(exit_code(&changes, &fail_on("extra,index")), 0);
    let only = |s: &str| filter_categories(changes.clone(), &[s.parse().unwrap()]).len();
    assert_eq!((only("foreign_key"), only("changed")), (1, 0));
    let v = serde_json::to_value(&changes[0]).unwrap();
    assert_eq!(
        (v["category"].as_str(), v["presence"].as_str()),
        (Some("foreign_key"), Some("missing"))
    );
}

#[test]
fn an_index_renamed_with_the_same_definition_is_one_possible_rename() {
    let ix = |cols: &[&str]| Index {
        unique: true,
        columns: cols.iter().map(|c| c.to_string()).collect(),
        ..Default::default()
    };
    let mut d = genes();
    d.indexes.insert("genes_symbol_idx".into(), ix(&["symbol"]));
    let mut l = genes();
    l.indexes.insert("ix_symbol".into(), ix(&["symbol"]));
    let changes = diff(&with_table("genes", d.clone()), &with_table("genes", l));
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let c = &changes[0];
    assert_eq!(
        (c.category, c.presence, c.severity),
        (Category::Index, Presence::Changed, Severity::Warning)
    );
    assert_eq!(c.object.name, "genes_symbol_idx");
    assert_eq!(
        c.possible_rename.as_deref(),
        Some("ix_symbol -> genes_symbol_idx")
    );
    assert!(c
        .detail
        .as_deref()
        .unwrap_or("")
        .contains("renamed_from: ix_symbol"));
    // Another definition: a missing and an extra index, as before.
    let mut other = genes();
    other
        .indexes
        .insert("ix_symbol".into(), ix(&["symbol", "id"]));
    let presences: Vec<Presence> = diff(&with_table("genes", d), &with_table("genes", other))
        .iter()
        .map(|c| c.presence)
        .collect();
    assert_eq!(presences, vec![Presence::Missing, Presence::Extra]);
}

#[test]
fn a_unique_constraint_against_a_unique_index_is_one_warning() {
    let mut d = genes();
    d.unique.insert(
        "genes_symbol_key".into(),
        crate::model::UniqueConstraint {
            columns: vec!["symbol".into()],
            ..Default::default()
        },
    );
    let mut l = genes();
    let ix = Index {
        unique: true,
        columns: vec!["symbol".into()],
        ..Default::default()
    };
    l.indexes.insert("genes_symbol_key".into(), ix.clone());
    let changes = diff(&with_table("genes", d.clone()), &with_table("genes", l));
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let c = &changes[0];
    assert_eq!(
        (c.category, c.presence, c.severity),
        (Category::Constraint, Presence::Changed, Severity::Warning)
    );
    assert_eq!(c.object.kind, ObjectKind::Unique);
    assert!(c.summary.contains("same guarantee"), "{}", c.summary);
    // A partial unique index is not the same guarantee.
    let mut partial = genes();
    let p = Index {
        predicate: Some("(id > 0)".into()),
        ..ix
    };
    partial.indexes.insert("genes_symbol_key".into(), p);
    assert_eq!(
        diff(&with_table("genes", d), &with_table("genes", partial)).len(),
        2
    );
}
