//! Validation: references between declared objects, names that would clash in PostgreSQL, and
//! attributes that cannot go together — reported at their declaration, all at once. Each kind's
//! own rules live in its module (`kinds::<kind>::load`); this file holds what spans kinds.

use std::collections::BTreeMap;

use super::{Cx, ObjectKey};
use crate::kinds::{column, constraint, enum_type, index, sequence};
use crate::model::{QualifiedName, Schema, Table};

pub(super) fn validate(schema: &Schema, cx: &mut Cx) {
    enum_type::load::validate(schema, cx);
    crate::kinds::domain::load::validate(schema, cx);
    crate::kinds::collation::load::validate(schema, cx);
    crate::kinds::type_order::validate_names(schema, cx);
    let mut names = Namespace::of(schema, cx);
    for (tq, table) in &schema.tables {
        if table.renamed_from.as_deref() == Some(tq.name.as_str()) {
            let msg = "`renamed_from` names the table itself".into();
            cx.at(&ObjectKey::Table(tq.clone()), msg);
        }
        for (cname, col) in &table.columns {
            column::load::check_column(cx, tq, cname, col);
        }
        crate::kinds::table::load::validate(schema, tq, table, cx);
        // Keys and indexes may name the columns a partition or child gets from its parents.
        let full = crate::kinds::table::load::with_inherited_columns(schema, table);
        let table = full.as_ref();
        constraint::load::validate(schema, tq, table, cx, &mut names);
        for (name, ix) in &table.indexes {
            let key = ObjectKey::Index(tq.clone(), name.clone());
            index::load::check_index(cx, &key, ix, table);
            renamed_self(cx, &key, name, &ix.renamed_from);
            names.claim(cx, tq, name, key);
        }
        crate::kinds::statistics::load::validate(cx, tq, table);
    }
    crate::kinds::statistics::load::validate_names(schema, cx);
    for (vq, view) in &schema.views {
        for (name, ix) in &view.indexes {
            let key = ObjectKey::Index(vq.clone(), name.clone());
            index::load::check_view_index(cx, &key, ix, view.materialized);
            names.claim(cx, vq, name, key);
        }
    }
    sequence::load::validate(schema, cx);
    validate_ignore_rules(schema, cx);
    crate::kinds::event_trigger::load::validate(schema, cx);
    crate::kinds::publication::load::validate(schema, cx);
    crate::kinds::foreign::load::validate(schema, cx);
}

/// The relation namespace of each schema: tables, views, sequences and every index (primary
/// key, unique and exclusion constraints are indexes too) share it, so two of them with one
/// name would fail in PostgreSQL.
pub(crate) struct Namespace {
    relations: BTreeMap<QualifiedName, ObjectKey>,
}

impl Namespace {
    fn of(schema: &Schema, cx: &mut Cx) -> Namespace {
        let mut relations: BTreeMap<QualifiedName, ObjectKey> = BTreeMap::new();
        for q in schema.tables.keys() {
            relations.insert(q.clone(), ObjectKey::Table(q.clone()));
        }
        for q in schema.views.keys() {
            relations
                .entry(q.clone())
                .or_insert(ObjectKey::View(q.clone()));
        }
        for q in schema.sequences.keys() {
            if let Some(other) = relations.get(q) {
                let msg = format!("the name is already used by {other}");
                cx.at(&ObjectKey::Sequence(q.clone()), msg);
            } else {
                relations.insert(q.clone(), ObjectKey::Sequence(q.clone()));
            }
        }
        Namespace { relations }
    }

    /// Takes `name` in `owner`'s schema for `key`, or reports who has it already.
    pub(crate) fn claim(&mut self, cx: &mut Cx, owner: &QualifiedName, name: &str, key: ObjectKey) {
        let q = QualifiedName::new(owner.schema.clone(), name);
        if let Some(other) = self.relations.get(&q) {
            let where_ = cx.sources.describe(other);
            let msg = format!(
                "the name `{name}` is already used by {other} ({where_}); index and key names must be unique within schema `{}`",
                owner.schema
            );
            cx.at(&key, msg);
        } else {
            self.relations.insert(q, key);
        }
    }
}

/// The kinds an ignore rule may name.
const IGNORE_KINDS: &[&str] = &[
    "table",
    "view",
    "column",
    "index",
    "statistics",
    "constraint",
    "sequence",
    "enum",
    "domain",
    "type",
    "collation",
    "extension",
    "policy",
    "privilege",
    "owner",
    "event_trigger",
    "publication",
    "foreign_server",
    "role",
    "*",
];

fn validate_ignore_rules(schema: &Schema, cx: &mut Cx) {
    for (i, rule) in schema.ignore.iter().enumerate() {
        let (l, c) = cx.ignore_locs.get(i).copied().unwrap_or((1, 1));
        let object = Some(format!("ignore rule #{} ({})", i + 1, rule.name));
        if rule.reason.trim().is_empty() {
            let msg = "give a `reason` for ignoring objects".into();
            cx.problem(l, c, object.clone(), msg);
        }
        if !IGNORE_KINDS.contains(&rule.kind.as_str()) {
            let msg = format!(
                "unknown kind `{}`{}; use one of {}",
                rule.kind,
                crate::suggest::did_you_mean(&rule.kind, IGNORE_KINDS.iter().copied()),
                IGNORE_KINDS.join(", ")
            );
            cx.problem(l, c, object, msg);
        }
    }
}

pub(crate) fn missing_column(what: &str, col: &str, tq: &QualifiedName, table: &Table) -> String {
    let known: Vec<&str> = table.columns.keys().map(String::as_str).collect();
    format!(
        "{what} column `{col}` is not a column of table `{tq}` (columns: {})",
        known.join(", ")
    )
}

pub(crate) fn renamed_self(
    cx: &mut Cx,
    key: &ObjectKey,
    name: &str,
    renamed_from: &Option<String>,
) {
    if renamed_from.as_deref() == Some(name) {
        cx.at(key, "`renamed_from` names the object itself".into());
    }
}
