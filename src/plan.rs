//! `pgdrift plan`: turns the drift between the declared and the live schema into ordered SQL.
//!
//! The change list says *what* differs; the two full schemas say what each object looks like on
//! either side, so the SQL is derived from both. Statements come out in dependency order:
//!
//! 1. renames (tables, then columns, constraints, indexes), so nothing declared as renamed is
//!    dropped and re-added;
//! 2. drops of views that must go (undeclared views, views whose body changes, and every view
//!    that reads a column whose type changes or that is dropped, transitively), in reverse
//!    topological order;
//! 3. drops of undeclared or redefined foreign keys, constraints and indexes;
//! 4. schemas, extensions, enums (`ADD VALUE` in place, or a rebuild), sequences;
//! 5. new tables, new columns, column changes (type with `USING`, default, nullability,
//!    identity, generated, collation);
//! 6. drops of undeclared columns and tables, then undeclared sequences and enums;
//! 7. constraints and foreign keys (after every table exists), indexes;
//! 8. views in topological order, each materialized view followed by its indexes;
//! 9. comments; undeclared extensions last.
//!
//! Nothing is dropped with CASCADE: dependents are dropped explicitly first.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use serde::{Deserialize, Deserializer, Serialize};
use sha2::{Digest, Sha256};

use crate::ddl::{self, EnumValuePosition};
use crate::diff::{Category, Change, ObjectKind};
use crate::model::{quote_ident, Column, QualifiedName, Schema, Table, View};

/// What a statement risks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hazard {
    /// Drops data: a table, a column, enum values in use, a narrowing type change.
    DataLoss,
    /// Rewrites the whole table under an exclusive lock.
    Rewrite,
    /// Holds a lock that blocks writes while it scans or builds (plain CREATE INDEX, validating
    /// a foreign key or check, SET NOT NULL).
    LongLock,
    /// Cannot run inside the transaction (CREATE INDEX CONCURRENTLY); runs after COMMIT.
    NotTransactional,
}

impl Hazard {
    pub fn as_str(self) -> &'static str {
        match self {
            Hazard::DataLoss => "data_loss",
            Hazard::Rewrite => "rewrite",
            Hazard::LongLock => "long_lock",
            Hazard::NotTransactional => "not_transactional",
        }
    }
}

/// One statement of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The SQL, without a trailing semicolon.
    pub sql: String,
    /// The change this statement serves, for people.
    pub change: String,
    #[serde(deserialize_with = "category_from_str")]
    pub category: Category,
    #[serde(default)]
    pub hazards: Vec<Hazard>,
    pub transactional: bool,
    /// For `CREATE INDEX CONCURRENTLY`: the index, so an interrupted build (an INVALID index)
    /// can be found and rebuilt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resume_index: Option<QualifiedName>,
    /// Runs before the transaction (not transactional either): `ALTER TYPE .. ADD VALUE IF NOT
    /// EXISTS` for a label that later steps use, since PostgreSQL refuses to use a label in the
    /// transaction that added it. Idempotent, so a rerun after a failure is safe.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub before_transaction: bool,
}

fn category_from_str<'de, D: Deserializer<'de>>(d: D) -> Result<Category, D::Error> {
    let text = String::deserialize(d)?;
    text.parse().map_err(serde::de::Error::custom)
}

/// An ordered migration from the live schema to the declared one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub steps: Vec<Step>,
    /// sha256 of the live schema the plan was computed from; `apply --plan` refuses a plan whose
    /// database has changed since.
    pub live_fingerprint: String,
    /// Differences the plan cannot resolve (e.g. column order), for people to handle.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Plan {
    pub fn transactional_steps(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| s.transactional)
    }
    pub fn non_transactional_steps(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| !s.transactional)
    }
    pub fn destructive_steps(&self) -> Vec<(usize, &Step)> {
        self.steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.hazards.contains(&Hazard::DataLoss))
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct PlanOptions {
    /// Plain views whose declared body keeps the live view's output columns (same names, types,
    /// collations, same order) and only adds columns after them: these are replaced with
    /// `CREATE OR REPLACE VIEW` instead of dropped and created. See [`appendable_views`].
    pub appendable_views: HashSet<QualifiedName>,
    /// Build indexes concurrently (outside the transaction) and add foreign keys and checks as
    /// NOT VALID followed by VALIDATE.
    pub online: bool,
    /// Zone a `timestamp` holds its values in, for conversions to and from `timestamptz`.
    pub tz: String,
    /// The normalization cache `check` uses (see `app::CompareOptions`); `None` normalizes anew.
    pub cache_dir: Option<PathBuf>,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            appendable_views: HashSet::new(),
            online: false,
            tz: "UTC".to_string(),
            cache_dir: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("cannot plan: {0}")]
    Unsupported(String),
    #[error("cannot serialize the live schema for its fingerprint: {0}")]
    Fingerprint(String),
    #[error("{path}: not a pgdrift plan: {message}")]
    BadPlanFile { path: PathBuf, message: String },
}

/// sha256 of the live schema's canonical YAML.
pub fn fingerprint(live: &Schema) -> Result<String, PlanError> {
    let text = serde_saphyr::to_string(live).map_err(|e| PlanError::Fingerprint(e.to_string()))?;
    let digest = Sha256::digest(text.as_bytes());
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

// ---------------------------------------------------------------------------------------------
// Building

struct Builder {
    steps: Vec<Step>,
}

impl Builder {
    fn push(&mut self, sql: String, change: &str, category: Category, hazards: &[Hazard]) {
        self.steps.push(Step {
            sql,
            change: change.to_string(),
            category,
            hazards: hazards.to_vec(),
            transactional: true,
            resume_index: None,
            before_transaction: false,
        });
    }
}

/// Changes grouped by the object they are about, for step labels.
fn label(changes: &[&Change]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in changes {
        let s = format!("{}: {}", c.object.describe(), c.summary);
        if !parts.contains(&s) {
            parts.push(s);
        }
    }
    parts.join("; ")
}

type MemberKey = (QualifiedName, String);

/// PostgreSQL's `format_type` spelling of a type name (unqualified in `public`, quoted only
/// when needed), to find the columns that use an enum.
fn type_spelling(q: &QualifiedName) -> String {
    fn part(p: &str) -> String {
        let plain = p
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
            && p.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$');
        if plain {
            p.to_string()
        } else {
            quote_ident(p)
        }
    }
    if q.schema == crate::model::DEFAULT_SCHEMA {
        part(&q.name)
    } else {
        format!("{}.{}", part(&q.schema), part(&q.name))
    }
}

/// Splits `character varying(10)` into (`character varying`, [10]); arrays keep `[]` in the base.
fn type_parts(t: &str) -> (String, Vec<i64>, bool) {
    let t = t.trim();
    let (t, array) = match t.strip_suffix("[]") {
        Some(x) => (x, true),
        None => (t, false),
    };
    if let (Some(open), true) = (t.find('('), t.ends_with(')')) {
        let inner = &t[open + 1..t.len() - 1];
        let mods: Vec<i64> = inner
            .split(',')
            .filter_map(|x| x.trim().parse().ok())
            .collect();
        let base = format!("{}{}", t[..open].trim(), &t[t.len()..]);
        return (base, mods, array);
    }
    // `timestamp(3) without time zone`: modifiers sit in the middle.
    if let (Some(open), Some(close)) = (t.find('('), t.find(')')) {
        if open < close {
            let mods: Vec<i64> = t[open + 1..close]
                .split(',')
                .filter_map(|x| x.trim().parse().ok())
                .collect();
            let base = format!("{}{}", &t[..open], &t[close + 1..]);
            return (base, mods, array);
        }
    }
    (t.to_string(), Vec::new(), array)
}

fn int_rank(base: &str) -> Option<u8> {
    match base {
        "smallint" => Some(1),
        "integer" => Some(2),
        "bigint" => Some(3),
        _ => None,
    }
}

fn is_string_type(base: &str) -> bool {
    matches!(base, "text" | "character varying" | "character")
}

fn is_tz_pair(a: &str, b: &str) -> bool {
    let strip = |s: &str| {
        s.replace(" without time zone", "")
            .replace(" with time zone", "")
    };
    a != b && strip(a) == strip(b) && a.starts_with("timestamp")
}

/// Hazards of `ALTER COLUMN TYPE old -> new`, and the USING expression it needs.
fn type_change(col: &str, old: &str, new: &str, tz: &str) -> (Vec<Hazard>, Option<String>) {
    let (ob, om, oa) = type_parts(old);
    let (nb, nm, na) = type_parts(new);
    let qcol = quote_ident(col);
    if oa == na && is_tz_pair(&ob, &nb) {
        let mut h = vec![Hazard::Rewrite];
        if nm.first().copied().unwrap_or(6) < om.first().copied().unwrap_or(6) {
            h.insert(0, Hazard::DataLoss);
        }
        if oa {
            return (h, None);
        }
        return (
            h,
            Some(format!(
                "{qcol} AT TIME ZONE {}",
                crate::model::quote_literal(tz)
            )),
        );
    }
    if oa != na {
        return (vec![Hazard::Rewrite], Some(format!("{qcol}::{new}")));
    }
    if let (Some(o), Some(n)) = (int_rank(&ob), int_rank(&nb)) {
        let h = if n < o {
            vec![Hazard::DataLoss, Hazard::Rewrite]
        } else {
            vec![Hazard::Rewrite]
        };
        return (h, None);
    }
    if is_string_type(&ob) && is_string_type(&nb) {
        let olen = if ob == "text" {
            None
        } else {
            om.first().copied()
        };
        let nlen = if nb == "text" {
            None
        } else {
            nm.first().copied()
        };
        let narrower = match (olen, nlen) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(o), Some(n)) => n < o,
        };
        // varchar(n) -> varchar(m >= n) and anything -> text only relabel; char pads, so it
        // rewrites.
        let cheap = !narrower && ob != "character" && nb != "character";
        let mut h = Vec::new();
        if narrower {
            h.push(Hazard::DataLoss);
        }
        if !cheap {
            h.push(Hazard::Rewrite);
        }
        return (h, None);
    }
    if ob == "numeric" && nb == "numeric" {
        let (op, os) = (om.first().copied(), om.get(1).copied().unwrap_or(0));
        let (np, ns) = (nm.first().copied(), nm.get(1).copied().unwrap_or(0));
        let widening = match (op, np) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(o), Some(n)) => n - ns >= o - os && ns >= os,
        };
        if widening && os == ns {
            return (Vec::new(), None);
        }
        let mut h = Vec::new();
        if !widening || ns < os {
            h.push(Hazard::DataLoss);
        }
        h.push(Hazard::Rewrite);
        return (h, None);
    }
    if (ob == "real" && nb == "double precision")
        || (int_rank(&ob).is_some() && (nb == "numeric" || nb == "double precision"))
    {
        return (vec![Hazard::Rewrite], None);
    }
    (vec![Hazard::Rewrite], Some(format!("{qcol}::{new}")))
}

/// The live views that must be dropped: those in `seeds`, those reading a table in
/// `touched_tables`, and, transitively, every view reading one of those.
fn dependent_views(
    live: &Schema,
    touched_tables: &HashSet<QualifiedName>,
    seeds: &HashSet<QualifiedName>,
) -> HashSet<QualifiedName> {
    let mut out: HashSet<QualifiedName> = seeds.clone();
    for (name, v) in &live.views {
        if v.depends_on.iter().any(|d| touched_tables.contains(d)) {
            out.insert(name.clone());
        }
    }
    loop {
        let before = out.len();
        for (name, v) in &live.views {
            if !out.contains(name) && v.depends_on.iter().any(|d| out.contains(d)) {
                out.insert(name.clone());
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

/// Every enum label of `live` is in `declared`, in the same relative order: new labels can be
/// added in place.
fn enum_is_additive(declared: &[String], live: &[String]) -> bool {
    let common: Vec<&String> = declared.iter().filter(|v| live.contains(v)).collect();
    common.len() == live.len() && common.iter().zip(live.iter()).all(|(a, b)| *a == b)
}

/// Computes the plan that makes `live` match `declared`. `changes` is the diff of the two (after
/// ignore rules): only objects it names are touched.
pub fn build_plan(
    declared: &Schema,
    live: &Schema,
    changes: &[Change],
    opts: &PlanOptions,
) -> Result<Plan, PlanError> {
    let live_fingerprint = fingerprint(live)?;
    let mut b = Builder { steps: Vec::new() };
    let mut warnings: Vec<String> = Vec::new();

    // --- Index the changes by object.
    let mut table_renames: Vec<(&Change, QualifiedName, QualifiedName)> = Vec::new(); // (change, old live, new)
    let mut live_of: HashMap<QualifiedName, QualifiedName> = HashMap::new();
    let mut missing_tables: Vec<QualifiedName> = Vec::new();
    let mut extra_tables: Vec<QualifiedName> = Vec::new();
    let mut table_comment: Vec<(&Change, QualifiedName)> = Vec::new();
    let mut column_changes: BTreeMap<usize, (MemberKey, Vec<&Change>)> = BTreeMap::new();
    let mut column_pos: HashMap<MemberKey, usize> = HashMap::new();
    let mut member_changes: Vec<&Change> = Vec::new(); // constraints + indexes
    let mut view_changes: Vec<&Change> = Vec::new();
    let mut enum_changes: Vec<&Change> = Vec::new();
    let mut seq_changes: Vec<&Change> = Vec::new();
    let mut ext_changes: Vec<&Change> = Vec::new();

    for c in changes {
        match c.object.kind {
            ObjectKind::Table => {
                let Some(q) = c.object.qualified.clone() else {
                    continue;
                };
                match (c.category, &c.renamed_from) {
                    (Category::Missing, Some(old)) => {
                        let old_q = QualifiedName::new(q.schema.clone(), old.clone());
                        live_of.insert(q.clone(), old_q.clone());
                        table_renames.push((c, old_q, q));
                    }
                    (Category::Missing, None) => missing_tables.push(q),
                    (Category::Extra, _) => extra_tables.push(q),
                    (Category::Comment, _) => table_comment.push((c, q)),
                    (Category::Type, _) => warnings.push(format!(
                        "{}: {} (declared: {}; live: {}). Columns cannot be reordered in place; rebuild the table by hand if the order matters",
                        c.object.describe(),
                        c.summary,
                        c.declared.clone().unwrap_or_default(),
                        c.live.clone().unwrap_or_default()
                    )),
                    _ => warnings.push(format!("{}: {} (not planned)", c.object.describe(), c.summary)),
                }
            }
            ObjectKind::Column => {
                let (Some(t), Some(m)) = (c.object.table.clone(), c.object.member.clone()) else {
                    continue;
                };
                let key = (t, m);
                let n = column_pos.len();
                let pos = *column_pos.entry(key.clone()).or_insert(n);
                column_changes
                    .entry(pos)
                    .or_insert_with(|| (key, Vec::new()))
                    .1
                    .push(c);
            }
            ObjectKind::PrimaryKey
            | ObjectKind::Unique
            | ObjectKind::Check
            | ObjectKind::ForeignKey
            | ObjectKind::Exclusion
            | ObjectKind::Index => member_changes.push(c),
            ObjectKind::View | ObjectKind::MaterializedView => view_changes.push(c),
            ObjectKind::Enum => enum_changes.push(c),
            ObjectKind::Sequence => seq_changes.push(c),
            ObjectKind::Extension => ext_changes.push(c),
        }
    }
    let live_name = |t: &QualifiedName| -> QualifiedName {
        live_of.get(t).cloned().unwrap_or_else(|| t.clone())
    };
    let live_table = |t: &QualifiedName| -> Option<&Table> { live.tables.get(&live_name(t)) };
    let missing_set: HashSet<QualifiedName> = missing_tables.iter().cloned().collect();
    let extra_set: HashSet<QualifiedName> = extra_tables.iter().cloned().collect();

    // --- 1. Renames.
    for (c, old, new) in &table_renames {
        b.push(
            ddl::rename_table(old, &new.name),
            &label(&[c]),
            c.category,
            &[],
        );
    }
    let columns: Vec<(MemberKey, Vec<&Change>)> = column_changes.into_values().collect();
    for ((t, m), cs) in &columns {
        for c in cs {
            if let (Category::Missing, Some(old)) = (c.category, &c.renamed_from) {
                b.push(ddl::rename_column(t, old, m), &label(&[c]), c.category, &[]);
            }
        }
    }
    for c in &member_changes {
        if let (Category::Missing, Some(old), Some(t), Some(m)) = (
            c.category,
            &c.renamed_from,
            &c.object.table,
            &c.object.member,
        ) {
            let sql = if c.object.kind == ObjectKind::Index {
                ddl::rename_index(t, old, m)
            } else {
                ddl::rename_constraint(t, old, m)
            };
            b.push(sql, &label(&[c]), c.category, &[]);
        }
    }

    // The (declared-name) column, live and declared, after renames.
    let live_column = |t: &QualifiedName, m: &str, cs: &[&Change]| -> Option<&Column> {
        let old = cs
            .iter()
            .find_map(|c| c.renamed_from.clone())
            .unwrap_or_else(|| m.to_string());
        live_table(t).and_then(|lt| lt.columns.get(&old))
    };
    let decl_column =
        |t: &QualifiedName, m: &str| -> Option<&Column> { declared.tables.get(t)?.columns.get(m) };

    // --- Which tables have columns whose change breaks dependent views.
    let mut touched: HashSet<QualifiedName> = HashSet::new(); // live names
    for t in &extra_tables {
        touched.insert(t.clone());
    }
    for ((t, _), cs) in &columns {
        if cs.iter().any(|c| {
            matches!(
                c.category,
                Category::Type
                    | Category::Timezone
                    | Category::Collation
                    | Category::Generated
                    | Category::Extra
            )
        }) {
            touched.insert(live_name(t));
        }
    }
    // Enums that need a rebuild, and the columns that use them.
    let mut enum_rebuilds: Vec<QualifiedName> = Vec::new();
    for c in &enum_changes {
        if c.category != Category::Enum {
            continue;
        }
        let Some(q) = &c.object.qualified else {
            continue;
        };
        let (Some(d), Some(l)) = (declared.enums.get(q), live.enums.get(q)) else {
            continue;
        };
        if !enum_is_additive(d, l) && !enum_rebuilds.contains(q) {
            enum_rebuilds.push(q.clone());
        }
    }
    let enum_users = |q: &QualifiedName| -> Vec<(QualifiedName, String, bool)> {
        let spelled = type_spelling(q);
        let array = format!("{spelled}[]");
        let mut out = Vec::new();
        for (tname, t) in &live.tables {
            for (cname, col) in &t.columns {
                if col.data_type == spelled || col.data_type == array {
                    out.push((tname.clone(), cname.clone(), col.data_type == array));
                }
            }
        }
        out
    };
    for q in &enum_rebuilds {
        for (t, _, _) in enum_users(q) {
            touched.insert(t);
        }
    }

    // Views: undeclared ones and redefined ones are dropped; so is everything reading them.
    let mut view_seeds: HashSet<QualifiedName> = HashSet::new();
    let mut missing_views: HashSet<QualifiedName> = HashSet::new();
    let mut replaced_views: HashSet<QualifiedName> = HashSet::new();
    for c in &view_changes {
        let Some(q) = &c.object.qualified else {
            continue;
        };
        match c.category {
            Category::Extra => {
                view_seeds.insert(q.clone());
            }
            Category::View => {
                let appendable = opts.appendable_views.contains(q)
                    && live.views.get(q).is_some_and(|v| !v.materialized)
                    && declared.views.get(q).is_some_and(|v| !v.materialized);
                if appendable {
                    replaced_views.insert(q.clone());
                } else {
                    view_seeds.insert(q.clone());
                }
            }
            Category::Missing => {
                missing_views.insert(q.clone());
            }
            _ => {}
        }
    }
    let dropped_views = dependent_views(live, &touched, &view_seeds);
    let view_label = |q: &QualifiedName| -> String {
        let cs: Vec<&Change> = view_changes
            .iter()
            .copied()
            .filter(|c| c.object.qualified.as_ref() == Some(q))
            .collect();
        if cs.is_empty() {
            format!("view {q}: recreated because what it reads changes")
        } else {
            label(&cs)
        }
    };

    // --- 2. Drop views, dependents first.
    let live_view_order = match ddl::topo_order_views(live) {
        Ok(o) => o,
        Err(_) => live.views.keys().cloned().collect(),
    };
    for q in live_view_order.iter().rev() {
        if dropped_views.contains(q) {
            let Some(v) = live.views.get(q) else { continue };
            b.push(
                ddl::drop_view(q, v.materialized),
                &view_label(q),
                Category::View,
                &[],
            );
        }
    }

    // --- 3. Drop foreign keys, constraints and indexes that are undeclared or redefined.
    let mut fk_rebuild: Vec<(QualifiedName, String, String)> = Vec::new(); // (table, fk, label)
    let mut dropped_members: HashSet<(QualifiedName, String)> = HashSet::new();
    let mut rebuilt_key_tables: HashSet<QualifiedName> = HashSet::new();
    let mut member_drops: Vec<(u8, String, String, Category)> = Vec::new();
    // Foreign keys of undeclared tables go first, so tables that reference each other drop.
    for t in &extra_tables {
        if let Some(lt) = live.tables.get(t) {
            for fk in lt.foreign_keys.keys() {
                b.push(
                    ddl::drop_constraint(t, fk),
                    &format!("table {t} is not declared: its foreign key {fk} goes first"),
                    Category::Extra,
                    &[],
                );
                dropped_members.insert((t.clone(), fk.clone()));
            }
        }
    }
    for c in &member_changes {
        let (Some(t), Some(m)) = (&c.object.table, &c.object.member) else {
            continue;
        };
        let redefined = matches!(
            c.category,
            Category::Constraint | Category::ForeignKey | Category::Index
        );
        if !(c.category == Category::Extra || redefined) {
            continue;
        }
        if extra_set.contains(t) || dropped_views.contains(t) {
            continue; // goes with its table or materialized view
        }
        let lt = live_name(t);
        let name = match c.object.kind {
            ObjectKind::PrimaryKey => live_table(t)
                .and_then(|x| x.primary_key.as_ref())
                .map(|p| p.name.clone())
                .unwrap_or_else(|| m.clone()),
            _ => m.clone(),
        };
        if !dropped_members.insert((lt.clone(), name.clone())) {
            continue;
        }
        let sql = if c.object.kind == ObjectKind::Index {
            if live
                .tables
                .get(&lt)
                .and_then(|x| x.indexes.get(&name))
                .is_some_and(|i| i.unique)
            {
                rebuilt_key_tables.insert(t.clone());
            }
            ddl::drop_index(&lt, &name, false)
        } else {
            if matches!(c.object.kind, ObjectKind::PrimaryKey | ObjectKind::Unique) {
                rebuilt_key_tables.insert(t.clone());
            }
            ddl::drop_constraint(&lt, &name)
        };
        let rank = u8::from(c.object.kind != ObjectKind::ForeignKey);
        member_drops.push((rank, sql, label(&[c]), c.category));
    }
    // Foreign keys that still point at a key being rebuilt must go first, and come back after.
    for (tname, t) in &declared.tables {
        for (fk_name, fk) in &t.foreign_keys {
            if !rebuilt_key_tables.contains(&fk.references.table) {
                continue;
            }
            let lt = live_name(tname);
            let exists = live
                .tables
                .get(&lt)
                .is_some_and(|x| x.foreign_keys.contains_key(fk_name));
            if exists && dropped_members.insert((lt.clone(), fk_name.clone())) {
                let why = format!(
                    "foreign key {fk_name} on {tname}: recreated because the key it references on {} is rebuilt",
                    fk.references.table
                );
                member_drops.push((
                    0,
                    ddl::drop_constraint(&lt, fk_name),
                    why.clone(),
                    Category::ForeignKey,
                ));
                fk_rebuild.push((tname.clone(), fk_name.clone(), why));
            }
        }
    }
    // Foreign keys before the keys and unique indexes they depend on.
    member_drops.sort_by_key(|d| d.0);
    for (_, sql, why, cat) in member_drops {
        b.push(sql, &why, cat, &[]);
    }

    // --- 4. Schemas, extensions, enums, sequences.
    for s in &declared.schemas {
        if s != crate::model::DEFAULT_SCHEMA && !live.schemas.contains(s) {
            b.push(
                ddl::create_schema(s),
                &format!("schema {s} is declared but missing from the database"),
                Category::Missing,
                &[],
            );
        }
    }
    for c in &ext_changes {
        let name = &c.object.name;
        let Some(d) = declared.extensions.get(name) else {
            continue;
        };
        match c.category {
            Category::Missing => b.push(
                ddl::create_extension(name, d),
                &label(&[c]),
                c.category,
                &[],
            ),
            Category::Extension => {
                let l = live.extensions.get(name);
                if let Some(v) = &d.version {
                    if l.and_then(|l| l.version.as_ref()) != Some(v) {
                        b.push(
                            ddl::alter_extension_update(name, v),
                            &label(&[c]),
                            c.category,
                            &[],
                        );
                    }
                }
                let ds = d.schema.as_deref().unwrap_or(crate::model::DEFAULT_SCHEMA);
                let ls = l
                    .and_then(|l| l.schema.as_deref())
                    .unwrap_or(crate::model::DEFAULT_SCHEMA);
                if ds != ls {
                    b.push(
                        ddl::alter_extension_schema(name, ds),
                        &label(&[c]),
                        c.category,
                        &[],
                    );
                }
            }
            _ => {}
        }
    }
    let mut enum_defaults_to_restore: Vec<(QualifiedName, String)> = Vec::new();
    // (step index, quoted label) of every ADD VALUE.
    let mut added_labels: Vec<(usize, String)> = Vec::new();
    // Columns whose default the enum rebuild already set to the declared one.
    let mut enum_restored: HashSet<(QualifiedName, String)> = HashSet::new();
    let mut done_enums: HashSet<QualifiedName> = HashSet::new();
    for c in &enum_changes {
        let Some(q) = &c.object.qualified else {
            continue;
        };
        match c.category {
            Category::Missing => {
                if let Some(d) = declared.enums.get(q) {
                    b.push(ddl::create_enum(q, d), &label(&[c]), c.category, &[]);
                }
            }
            Category::Enum if done_enums.insert(q.clone()) => {
                let (Some(d), Some(l)) = (declared.enums.get(q), live.enums.get(q)) else {
                    continue;
                };
                let all: Vec<&Change> = enum_changes
                    .iter()
                    .copied()
                    .filter(|x| x.object.qualified.as_ref() == Some(q))
                    .collect();
                let why = label(&all);
                if enum_is_additive(d, l) {
                    for (i, v) in d.iter().enumerate() {
                        if l.contains(v) {
                            continue;
                        }
                        let pos = if i == 0 {
                            d.get(1).map(|n| EnumValuePosition::Before(n.as_str()))
                        } else {
                            Some(EnumValuePosition::After(d[i - 1].as_str()))
                        };
                        added_labels.push((b.steps.len(), crate::model::quote_literal(v)));
                        b.push(
                            ddl::alter_enum_add_value(q, v, pos),
                            &why,
                            Category::Enum,
                            &[],
                        );
                    }
                } else {
                    let removes = l.iter().any(|v| !d.contains(v));
                    let hz: Vec<Hazard> = if removes {
                        vec![Hazard::DataLoss, Hazard::Rewrite]
                    } else {
                        vec![Hazard::Rewrite]
                    };
                    let tmp =
                        QualifiedName::new(q.schema.clone(), format!("{}__pgdrift_new", q.name));
                    b.push(ddl::create_enum(&tmp, d), &why, Category::Enum, &[]);
                    for (t, col, array) in enum_users(q) {
                        let lc = live.tables.get(&t).and_then(|x| x.columns.get(&col));
                        if lc.is_some_and(|lc| lc.default.is_some()) {
                            b.push(ddl::drop_default(&t, &col), &why, Category::Enum, &[]);
                        }
                        let (new_type, using) = if array {
                            (
                                format!("{}[]", tmp.sql()),
                                format!("{}::text[]::{}[]", quote_ident(&col), tmp.sql()),
                            )
                        } else {
                            (
                                tmp.sql(),
                                format!("{}::text::{}", quote_ident(&col), tmp.sql()),
                            )
                        };
                        b.push(
                            ddl::alter_column_type(&t, &col, &new_type, Some(&using)),
                            &why,
                            Category::Enum,
                            &hz,
                        );
                        // The default is restored from the declaration once the type has its name.
                        enum_defaults_to_restore.push((t.clone(), col.clone()));
                    }
                    b.push(ddl::drop_enum(q), &why, Category::Enum, &[]);
                    b.push(ddl::rename_type(&tmp, &q.name), &why, Category::Enum, &[]);
                    for (t, col) in &enum_defaults_to_restore {
                        enum_restored.insert((t.clone(), col.clone()));
                        // `t` is a live name; find the declared table it became.
                        let decl_t = live_of
                            .iter()
                            .find(|(_, l)| *l == t)
                            .map(|(d, _)| d.clone())
                            .unwrap_or_else(|| t.clone());
                        if let Some(def) = decl_column(&decl_t, col).and_then(|c| c.default.clone())
                        {
                            b.push(ddl::set_default(t, col, &def), &why, Category::Enum, &[]);
                        }
                    }
                    enum_defaults_to_restore.clear();
                }
            }
            _ => {}
        }
    }
    let mut new_sequences: Vec<QualifiedName> = Vec::new();
    for c in &seq_changes {
        let Some(q) = &c.object.qualified else {
            continue;
        };
        let Some(d) = declared.sequences.get(q) else {
            continue;
        };
        match c.category {
            Category::Missing => {
                b.push(ddl::create_sequence(q, d), &label(&[c]), c.category, &[]);
                new_sequences.push(q.clone());
            }
            Category::Sequence => {
                b.push(ddl::alter_sequence(q, d), &label(&[c]), c.category, &[]);
                let lo = live.sequences.get(q).and_then(|s| s.owned_by.clone());
                if lo != d.owned_by {
                    new_sequences.push(q.clone());
                }
            }
            _ => {}
        }
    }

    // --- 5. Tables, columns.
    for t in &missing_tables {
        if let Some(dt) = declared.tables.get(t) {
            b.push(
                ddl::create_table(t, dt),
                &format!("table {t} is declared but missing from the database"),
                Category::Missing,
                &[],
            );
        }
    }
    let mut added_columns: Vec<(QualifiedName, String)> = Vec::new();
    let mut dropped_columns: Vec<(QualifiedName, String, String)> = Vec::new();
    for ((t, m), cs) in &columns {
        let why = label(cs);
        let lt = live_name(t);
        if cs
            .iter()
            .any(|c| c.category == Category::Missing && c.renamed_from.is_none())
        {
            if let Some(dc) = decl_column(t, m) {
                let mut hz = Vec::new();
                if dc.generated.is_some() {
                    hz.push(Hazard::Rewrite);
                }
                b.push(ddl::add_column(&lt, m, dc), &why, Category::Missing, &hz);
                added_columns.push((t.clone(), m.clone()));
            }
            continue;
        }
        if cs.iter().any(|c| c.category == Category::Extra) {
            dropped_columns.push((lt.clone(), m.clone(), why));
            continue;
        }
        let (Some(lc), Some(dc)) = (live_column(t, m, cs), decl_column(t, m)) else {
            continue;
        };
        let has = |cat: Category| cs.iter().any(|c| c.category == cat);
        // A generated expression cannot be changed in place before PostgreSQL 17: drop and add.
        if has(Category::Generated) && (dc.generated.is_some()) {
            b.push(ddl::drop_column(&lt, m), &why, Category::Generated, &[]);
            b.push(
                ddl::add_column(&lt, m, dc),
                &why,
                Category::Generated,
                &[Hazard::Rewrite],
            );
            continue;
        }
        if has(Category::Generated) && lc.generated.is_some() && dc.generated.is_none() {
            b.push(ddl::drop_expression(&lt, m), &why, Category::Generated, &[]);
        }
        if lc.identity.is_some() && dc.identity.is_none() {
            b.push(ddl::drop_identity(&lt, m), &why, Category::Identity, &[]);
        }
        let type_changes = lc.data_type != dc.data_type;
        let live_default = if enum_restored.contains(&(lt.clone(), m.clone())) {
            dc.default.clone()
        } else {
            lc.default.clone()
        };
        let mut default_dropped = false;
        if live_default.is_some() && (dc.default != live_default || type_changes) {
            b.push(ddl::drop_default(&lt, m), &why, Category::Default, &[]);
            default_dropped = true;
        }
        if type_changes {
            let cat = if has(Category::Timezone) {
                Category::Timezone
            } else {
                Category::Type
            };
            let (hz, using) = type_change(m, &lc.data_type, &dc.data_type, &opts.tz);
            let sql = if lc.collation != dc.collation {
                let base =
                    ddl::alter_column_collation(&lt, m, &dc.data_type, dc.collation.as_deref());
                match &using {
                    Some(u) => format!("{base} USING {u}"),
                    None => base,
                }
            } else {
                ddl::alter_column_type(&lt, m, &dc.data_type, using.as_deref())
            };
            b.push(sql, &why, cat, &hz);
        } else if lc.collation != dc.collation {
            b.push(
                ddl::alter_column_collation(&lt, m, &dc.data_type, dc.collation.as_deref()),
                &why,
                Category::Collation,
                &[Hazard::LongLock],
            );
        }
        if dc.default.is_some() && (default_dropped || dc.default != live_default) {
            if let Some(def) = &dc.default {
                b.push(ddl::set_default(&lt, m, def), &why, Category::Default, &[]);
            }
        }
        if lc.nullable && !dc.nullable && dc.identity.is_none() {
            b.push(
                ddl::set_not_null(&lt, m),
                &why,
                Category::Nullability,
                &[Hazard::LongLock],
            );
        }
        if !lc.nullable && dc.nullable {
            b.push(ddl::drop_not_null(&lt, m), &why, Category::Nullability, &[]);
        }
        match (lc.identity, dc.identity) {
            (None, Some(i)) => {
                if lc.nullable {
                    b.push(
                        ddl::set_not_null(&lt, m),
                        &why,
                        Category::Identity,
                        &[Hazard::LongLock],
                    );
                }
                b.push(ddl::add_identity(&lt, m, i), &why, Category::Identity, &[]);
            }
            (Some(a), Some(i)) if a != i => {
                b.push(ddl::set_identity(&lt, m, i), &why, Category::Identity, &[]);
            }
            _ => {}
        }
    }

    // --- 6. Drops of undeclared columns, tables, sequences and enums.
    for (t, m, why) in &dropped_columns {
        b.push(
            ddl::drop_column(t, m),
            why,
            Category::Extra,
            &[Hazard::DataLoss],
        );
    }
    for t in &extra_tables {
        b.push(
            ddl::drop_table(t),
            &format!("table {t} exists in the database but is not declared"),
            Category::Extra,
            &[Hazard::DataLoss],
        );
    }
    for c in &seq_changes {
        if c.category != Category::Extra {
            continue;
        }
        let Some(q) = &c.object.qualified else {
            continue;
        };
        let owner_dropped = live
            .sequences
            .get(q)
            .and_then(|s| s.owned_by.as_deref())
            .and_then(|o| ddl::parse_owned_by(o).ok())
            .is_some_and(|(t, col)| {
                extra_set.contains(&t)
                    || dropped_columns
                        .iter()
                        .any(|(dt, dc, _)| *dt == t && *dc == col)
            });
        if !owner_dropped {
            b.push(
                ddl::drop_sequence(q),
                &label(&[c]),
                c.category,
                &[Hazard::DataLoss],
            );
        }
    }
    for c in &enum_changes {
        if c.category == Category::Extra {
            if let Some(q) = &c.object.qualified {
                b.push(ddl::drop_enum(q), &label(&[c]), c.category, &[]);
            }
        }
    }
    for q in &new_sequences {
        if let Some(d) = declared.sequences.get(q) {
            let sql =
                ddl::sequence_owned_by(q, d).unwrap_or_else(|| ddl::sequence_owned_by_none(q));
            b.push(
                sql,
                &format!("sequence {q}: ownership"),
                Category::Sequence,
                &[],
            );
        }
    }

    // --- 7. Constraints, foreign keys, indexes.
    let mut add_constraints: Vec<(QualifiedName, ObjectKind, String, String)> = Vec::new();
    let mut add_indexes: Vec<(QualifiedName, String, String)> = Vec::new();
    let mut index_comments: Vec<(QualifiedName, String, String)> = Vec::new();
    for c in &member_changes {
        let (Some(t), Some(m)) = (&c.object.table, &c.object.member) else {
            continue;
        };
        let add = match c.category {
            Category::Missing => c.renamed_from.is_none(),
            Category::Constraint | Category::ForeignKey | Category::Index => true,
            Category::Comment => {
                index_comments.push((t.clone(), m.clone(), label(&[c])));
                false
            }
            _ => false,
        };
        if !add || dropped_views.contains(t) || missing_views.contains(t) {
            continue;
        }
        if c.object.kind == ObjectKind::Index {
            add_indexes.push((t.clone(), m.clone(), label(&[c])));
        } else {
            add_constraints.push((t.clone(), c.object.kind, m.clone(), label(&[c])));
        }
    }
    for t in &missing_tables {
        if let Some(dt) = declared.tables.get(t) {
            for fk in dt.foreign_keys.keys() {
                add_constraints.push((
                    t.clone(),
                    ObjectKind::ForeignKey,
                    fk.clone(),
                    format!("table {t} is declared but missing from the database"),
                ));
            }
            for ix in dt.indexes.keys() {
                add_indexes.push((
                    t.clone(),
                    ix.clone(),
                    format!("table {t} is declared but missing from the database"),
                ));
            }
        }
    }
    for (t, fk, why) in &fk_rebuild {
        add_constraints.push((t.clone(), ObjectKind::ForeignKey, fk.clone(), why.clone()));
    }
    // Keys first (foreign keys need them), then checks, exclusions, foreign keys.
    let rank = |k: ObjectKind| match k {
        ObjectKind::PrimaryKey => 0,
        ObjectKind::Unique => 1,
        ObjectKind::Check => 2,
        ObjectKind::Exclusion => 3,
        _ => 4,
    };
    add_constraints.sort_by_key(|(_, k, _, _)| rank(*k));
    let mut fk_targets: HashSet<QualifiedName> = HashSet::new();
    let mut validations: Vec<(String, String, Category)> = Vec::new();
    for (t, kind, m, why) in &add_constraints {
        let Some(dt) = declared.tables.get(t) else {
            continue;
        };
        let fresh = missing_set.contains(t);
        match kind {
            ObjectKind::PrimaryKey => {
                if let Some(pk) = &dt.primary_key {
                    b.push(
                        ddl::add_constraint_primary_key(t, pk),
                        why,
                        Category::Constraint,
                        &[Hazard::LongLock],
                    );
                }
            }
            ObjectKind::Unique => {
                if let Some(u) = dt.unique.get(m) {
                    b.push(
                        ddl::add_constraint_unique(t, m, u),
                        why,
                        Category::Constraint,
                        &[Hazard::LongLock],
                    );
                }
            }
            ObjectKind::Check => {
                if let Some(ck) = dt.checks.get(m) {
                    if opts.online && !fresh {
                        b.push(
                            ddl::add_constraint_check(t, m, ck, true),
                            why,
                            Category::Constraint,
                            &[],
                        );
                        validations.push((
                            ddl::validate_constraint(t, m),
                            why.clone(),
                            Category::Constraint,
                        ));
                    } else {
                        b.push(
                            ddl::add_constraint_check(t, m, ck, false),
                            why,
                            Category::Constraint,
                            &[Hazard::LongLock],
                        );
                    }
                }
            }
            ObjectKind::Exclusion => {
                if let Some(ex) = dt.exclusions.get(m) {
                    b.push(
                        ddl::add_constraint_exclusion(t, m, ex),
                        why,
                        Category::Constraint,
                        &[Hazard::LongLock],
                    );
                }
            }
            ObjectKind::ForeignKey => {
                if let Some(fk) = dt.foreign_keys.get(m) {
                    fk_targets.insert(fk.references.table.clone());
                    let hz: &[Hazard] = if fresh { &[] } else { &[Hazard::LongLock] };
                    if opts.online && !fresh {
                        b.push(
                            ddl::add_constraint_foreign_key(t, m, fk, true),
                            why,
                            Category::ForeignKey,
                            &[],
                        );
                        validations.push((
                            ddl::validate_constraint(t, m),
                            why.clone(),
                            Category::ForeignKey,
                        ));
                    } else {
                        b.push(
                            ddl::add_constraint_foreign_key(t, m, fk, false),
                            why,
                            Category::ForeignKey,
                            hz,
                        );
                    }
                }
            }
            _ => {}
        }
    }
    for (sql, why, cat) in validations {
        b.push(sql, &why, cat, &[]);
    }
    for (t, m, why) in &add_indexes {
        let Some(ix) = declared_index(declared, t, m) else {
            continue;
        };
        // Concurrent builds only pay off on tables that already hold rows, and an index a new
        // foreign key relies on must exist inside the transaction.
        let concurrent =
            opts.online && !missing_set.contains(t) && !(ix.unique && fk_targets.contains(t));
        if concurrent {
            b.steps.push(Step {
                sql: ddl::create_index(t, m, ix, true),
                change: why.clone(),
                category: Category::Index,
                hazards: vec![Hazard::NotTransactional],
                transactional: false,
                resume_index: Some(QualifiedName::new(t.schema.clone(), m.clone())),
                before_transaction: false,
            });
        } else {
            let hz: &[Hazard] = if missing_set.contains(t) {
                &[]
            } else {
                &[Hazard::LongLock]
            };
            b.push(ddl::create_index(t, m, ix, false), why, Category::Index, hz);
        }
    }

    // --- 8. Views, in the declared topological order.
    let recreate: HashSet<QualifiedName> = dropped_views
        .iter()
        .filter(|q| declared.views.contains_key(*q))
        .cloned()
        .chain(missing_views.iter().cloned())
        .collect();
    // A view dropped anyway (it reads a changed column) is created, not replaced.
    replaced_views.retain(|q| !dropped_views.contains(q));
    let order = match ddl::topo_order_views(declared) {
        Ok(o) => o,
        Err(cycle) => {
            return Err(PlanError::Unsupported(format!(
                "declared views depend on each other in a cycle: {}",
                cycle
                    .iter()
                    .map(|q| q.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )))
        }
    };
    let mut created_views: Vec<(QualifiedName, &View)> = Vec::new();
    for q in &order {
        if replaced_views.contains(q) {
            if let Some(v) = declared.views.get(q) {
                b.push(
                    ddl::create_view(q, v, true),
                    &view_label(q),
                    Category::View,
                    &[],
                );
            }
            continue;
        }
        if !recreate.contains(q) {
            continue;
        }
        let Some(v) = declared.views.get(q) else {
            continue;
        };
        let why = view_label(q);
        let cat = if missing_views.contains(q) {
            Category::Missing
        } else {
            Category::View
        };
        b.push(ddl::create_view(q, v, false), &why, cat, &[]);
        for (ix_name, ix) in &v.indexes {
            b.push(
                ddl::create_index(q, ix_name, ix, false),
                &why,
                Category::Index,
                &[],
            );
        }
        created_views.push((q.clone(), v));
    }

    // --- 9. Comments.
    for (c, t) in &table_comment {
        if let Some(dt) = declared.tables.get(t) {
            b.push(
                ddl::comment_on_table(t, dt.comment.as_deref()),
                &label(&[c]),
                Category::Comment,
                &[],
            );
        }
    }
    for ((t, m), cs) in &columns {
        let dc = decl_column(t, m);
        let commented = cs.iter().any(|c| c.category == Category::Comment)
            || (added_columns.contains(&(t.clone(), m.clone()))
                && dc.is_some_and(|d| d.comment.is_some()))
            || cs.iter().any(|c| c.category == Category::Generated)
                && dc.is_some_and(|d| d.generated.is_some() && d.comment.is_some());
        if commented {
            if let Some(dc) = dc {
                b.push(
                    ddl::comment_on_column(t, m, dc.comment.as_deref()),
                    &label(cs),
                    Category::Comment,
                    &[],
                );
            }
        }
    }
    for t in &missing_tables {
        let Some(dt) = declared.tables.get(t) else {
            continue;
        };
        let why = format!("table {t} is declared but missing from the database");
        if let Some(cm) = &dt.comment {
            b.push(
                ddl::comment_on_table(t, Some(cm)),
                &why,
                Category::Comment,
                &[],
            );
        }
        for (cn, col) in &dt.columns {
            if let Some(cm) = &col.comment {
                b.push(
                    ddl::comment_on_column(t, cn, Some(cm)),
                    &why,
                    Category::Comment,
                    &[],
                );
            }
        }
    }
    for (t, m, why) in &add_indexes {
        if let Some(cm) = declared_index(declared, t, m).and_then(|i| i.comment.as_deref()) {
            push_comment(
                &mut b,
                ddl::comment_on_index(t, m, Some(cm)),
                why,
                opts.online && !missing_set.contains(t),
            );
        }
    }
    for (t, m, why) in &index_comments {
        if dropped_views.contains(t) || missing_views.contains(t) {
            continue;
        }
        let ix = declared
            .tables
            .get(t)
            .and_then(|dt| dt.indexes.get(m))
            .or_else(|| declared.views.get(t).and_then(|v| v.indexes.get(m)));
        if add_indexes.iter().any(|(a, n, _)| a == t && n == m) {
            continue;
        }
        if let Some(ix) = ix {
            b.push(
                ddl::comment_on_index(t, m, ix.comment.as_deref()),
                why,
                Category::Comment,
                &[],
            );
        }
    }
    for c in &view_changes {
        if c.category != Category::Comment {
            continue;
        }
        let Some(q) = &c.object.qualified else {
            continue;
        };
        if recreate.contains(q) {
            continue;
        }
        if let Some(v) = declared.views.get(q) {
            b.push(
                ddl::comment_on_view(q, v.materialized, v.comment.as_deref()),
                &label(&[c]),
                Category::Comment,
                &[],
            );
        }
    }
    for (q, v) in &created_views {
        let why = view_label(q);
        if let Some(cm) = &v.comment {
            b.push(
                ddl::comment_on_view(q, v.materialized, Some(cm)),
                &why,
                Category::Comment,
                &[],
            );
        }
        for (ix_name, ix) in &v.indexes {
            if let Some(cm) = &ix.comment {
                b.push(
                    ddl::comment_on_index(q, ix_name, Some(cm)),
                    &why,
                    Category::Comment,
                    &[],
                );
            }
        }
    }
    for c in &ext_changes {
        if c.category == Category::Extra {
            b.push(
                ddl::drop_extension(&c.object.name),
                &label(&[c]),
                c.category,
                &[],
            );
        }
    }

    // A new label that later steps mention must be committed before they run.
    for (i, literal) in added_labels {
        let used_later = b.steps[i + 1..].iter().any(|st| st.sql.contains(&literal));
        if used_later {
            let st = &mut b.steps[i];
            st.sql = st
                .sql
                .replacen(" ADD VALUE ", " ADD VALUE IF NOT EXISTS ", 1);
            st.transactional = false;
            st.before_transaction = true;
            st.hazards.push(Hazard::NotTransactional);
        }
    }

    Ok(Plan {
        steps: b.steps,
        live_fingerprint,
        warnings,
    })
}

/// An index of a table or of a materialized view.
fn declared_index<'a>(
    declared: &'a Schema,
    t: &QualifiedName,
    m: &str,
) -> Option<&'a crate::model::Index> {
    declared
        .tables
        .get(t)
        .and_then(|dt| dt.indexes.get(m))
        .or_else(|| declared.views.get(t).and_then(|v| v.indexes.get(m)))
}

/// A comment on an index built concurrently must wait until the index exists, after COMMIT.
fn push_comment(b: &mut Builder, sql: String, why: &str, after_commit: bool) {
    b.steps.push(Step {
        sql,
        change: why.to_string(),
        category: Category::Comment,
        hazards: Vec::new(),
        transactional: !after_commit,
        resume_index: None,
        before_transaction: false,
    });
}

// ---------------------------------------------------------------------------------------------
// Rendering

fn hazard_list(h: &[Hazard]) -> String {
    if h.is_empty() {
        "none".to_string()
    } else {
        h.iter().map(|h| h.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// One comment line per line of `text` (a label may span lines).
fn comment_lines(text: &str) -> String {
    text.lines()
        .map(|l| format!("-- {l}\n"))
        .collect::<String>()
}

fn step_sql(i: usize, st: &Step) -> String {
    format!(
        "{}-- [{}] hazards: {} (step {})\n{};\n\n",
        comment_lines(&st.change),
        st.category.as_str(),
        hazard_list(&st.hazards),
        i + 1,
        st.sql
    )
}

/// Counts by category and by hazard, for the summary.
pub fn summary_counts(
    plan: &Plan,
) -> (BTreeMap<&'static str, usize>, BTreeMap<&'static str, usize>) {
    let mut kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut hazards: BTreeMap<&'static str, usize> = BTreeMap::new();
    for st in &plan.steps {
        *kinds.entry(st.category.as_str()).or_default() += 1;
        for h in &st.hazards {
            *hazards.entry(h.as_str()).or_default() += 1;
        }
    }
    (kinds, hazards)
}

fn summary_lines(plan: &Plan) -> Vec<String> {
    let (kinds, hazards) = summary_counts(plan);
    let mut out = vec![format!(
        "{} statement{} ({} in the transaction, {} after it)",
        plan.steps.len(),
        if plan.steps.len() == 1 { "" } else { "s" },
        plan.transactional_steps().count(),
        plan.non_transactional_steps().count()
    )];
    if !kinds.is_empty() {
        out.push(format!(
            "by kind: {}",
            kinds
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out.push(if hazards.is_empty() {
        "hazards: none".to_string()
    } else {
        format!(
            "hazards: {}",
            hazards
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    });
    for w in &plan.warnings {
        out.push(format!("warning: {w}"));
    }
    out
}

/// A script psql runs as is: the transactional part between BEGIN and COMMIT, statements that
/// cannot run in a transaction after it, and a summary.
pub fn render_sql(plan: &Plan) -> String {
    let mut out = String::from("-- pgdrift plan\n");
    out.push_str(&format!(
        "-- live schema fingerprint: {}\n",
        plan.live_fingerprint
    ));
    out.push_str("\\set ON_ERROR_STOP on\n");
    out.push_str(&format!("{};\n\n", ddl::set_search_path()));
    let tx: Vec<(usize, &Step)> = plan
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| s.transactional)
        .collect();
    let non: Vec<(usize, &Step)> = plan
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.transactional && !s.before_transaction)
        .collect();
    let pre: Vec<(usize, &Step)> = plan
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| s.before_transaction)
        .collect();
    if !pre.is_empty() {
        out.push_str("-- Before the transaction (a new enum label cannot be used in the transaction that adds it):\n\n");
        for (i, st) in &pre {
            out.push_str(&step_sql(*i, st));
        }
    }
    if !tx.is_empty() {
        out.push_str("BEGIN;\n\n");
        for (i, st) in &tx {
            out.push_str(&step_sql(*i, st));
        }
        out.push_str("COMMIT;\n\n");
    }
    if !non.is_empty() {
        out.push_str(
            "-- Outside the transaction (CREATE INDEX CONCURRENTLY cannot run inside one):\n\n",
        );
        for (i, st) in &non {
            out.push_str(&step_sql(*i, st));
        }
    }
    out.push_str("-- Summary\n");
    for l in summary_lines(plan) {
        out.push_str(&comment_lines(&l));
    }
    out
}

#[derive(Serialize, Deserialize)]
struct PlanDocument {
    format: String,
    version: u32,
    #[serde(flatten)]
    plan: Plan,
}

pub const PLAN_FORMAT: &str = "pgdrift.plan";
pub const PLAN_VERSION: u32 = 1;

/// `{"format": "pgdrift.plan", "version": 1, "steps": [...], "live_fingerprint": ..., "summary": ...}`.
pub fn render_json(plan: &Plan) -> String {
    let doc = PlanDocument {
        format: PLAN_FORMAT.to_string(),
        version: PLAN_VERSION,
        plan: plan.clone(),
    };
    let mut value = serde_json::to_value(&doc).unwrap_or(serde_json::Value::Null);
    let (kinds, hazards) = summary_counts(plan);
    if let serde_json::Value::Object(map) = &mut value {
        map.insert(
            "summary".to_string(),
            serde_json::json!({ "statements": plan.steps.len(), "by_kind": kinds, "by_hazard": hazards }),
        );
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads a plan written by [`render_json`].
pub fn parse_json(text: &str, path: &std::path::Path) -> Result<Plan, PlanError> {
    let bad = |message: String| PlanError::BadPlanFile {
        path: path.to_path_buf(),
        message,
    };
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
    if let serde_json::Value::Object(map) = &mut value {
        map.remove("summary");
    }
    let doc: PlanDocument = serde_json::from_value(value).map_err(|e| bad(e.to_string()))?;
    if doc.format != PLAN_FORMAT || doc.version != PLAN_VERSION {
        return Err(bad(format!(
            "format {} version {}; this pgdrift reads {PLAN_FORMAT} version {PLAN_VERSION}",
            doc.format, doc.version
        )));
    }
    Ok(doc.plan)
}

/// For people: numbered statements with their hazards, then the summary.
pub fn render_human(plan: &Plan) -> String {
    if plan.steps.is_empty() {
        let mut out = "Nothing to do: the database matches the declared schema.\n".to_string();
        for w in &plan.warnings {
            out.push_str(&format!("warning: {w}\n"));
        }
        return out;
    }
    let mut out = String::new();
    for (i, st) in plan.steps.iter().enumerate() {
        let flags = if st.hazards.is_empty() {
            String::new()
        } else {
            format!("  [{}]", hazard_list(&st.hazards))
        };
        out.push_str(&format!(
            "{:>3}. {}{}\n",
            i + 1,
            st.change.lines().next().unwrap_or(""),
            flags
        ));
        for l in st.sql.lines() {
            out.push_str(&format!("       {l}\n"));
        }
    }
    out.push('\n');
    for l in summary_lines(plan) {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The command

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanFormat {
    Sql,
    Json,
    Human,
}

/// What the plan is computed from; shared by `plan` and `apply`.
#[derive(clap::Args, Debug, Clone)]
pub struct PlanSourceArgs {
    #[command(flatten)]
    pub db: crate::app::DbArgs,
    /// The declared schema file.
    #[arg(long, value_name = "FILE", default_value = "schema.yaml")]
    pub schema_file: PathBuf,
    /// The folder of view files.
    #[arg(long, value_name = "DIR", default_value = "views")]
    pub views: PathBuf,
    /// Where declared SQL is normalized: a database URL or `ephemeral` (default: the target's
    /// server, in a scratch database).
    #[arg(long, value_name = "URL")]
    pub dev_url: Option<String>,
    /// Build indexes concurrently after the transaction; add foreign keys and checks NOT VALID,
    /// then VALIDATE.
    #[arg(long)]
    pub online: bool,
    /// Zone `timestamp` values are in, for conversions to and from `timestamptz`.
    #[arg(long, value_name = "ZONE", default_value = "UTC")]
    pub tz: String,
    /// Normalize the declared schema anew instead of reusing `check`'s cache for unchanged
    /// declared files.
    #[arg(long)]
    pub no_cache: bool,
}

impl PlanSourceArgs {
    pub fn options(&self) -> PlanOptions {
        PlanOptions {
            appendable_views: HashSet::new(),
            online: self.online,
            tz: self.tz.clone(),
            cache_dir: if self.no_cache {
                None
            } else {
                crate::app::default_cache_dir()
            },
        }
    }
    pub fn declared(&self) -> crate::app::Source {
        crate::app::Source::Declared {
            schema_file: self.schema_file.clone(),
            views_dir: self.views.clone(),
        }
    }
}

/// Arguments of `pgdrift plan`.
#[derive(clap::Args, Debug)]
pub struct PlanArgs {
    #[command(flatten)]
    pub source: PlanSourceArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "sql")]
    pub format: PlanFormat,
    /// Write the plan to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Compares the declared project with the database at `url` and plans the migration. Returns
/// the plan and the comparison it came from.
pub async fn plan_for(
    declared: &crate::app::Source,
    url: &crate::conn::DbUrl,
    dev: Option<&crate::normalize::DevServer>,
    schemas: &[String],
    opts: &PlanOptions,
) -> Result<(Plan, crate::app::Comparison), crate::Error> {
    let compare_options = crate::app::CompareOptions {
        cache_dir: opts.cache_dir.clone(),
    };
    let cmp = crate::app::compare_with(
        declared,
        &crate::app::Source::Db(url.clone()),
        dev,
        schemas,
        &compare_options,
    )
    .await?;
    let (changes, _ignored) =
        crate::diff::apply_ignores(cmp.changes.clone(), &cmp.left.schema.ignore);
    let mut opts = opts.clone();
    let candidates: Vec<QualifiedName> = changes
        .iter()
        .filter(|c| c.category == Category::View && c.object.kind == ObjectKind::View)
        .filter_map(|c| c.object.qualified.clone())
        .collect();
    if !candidates.is_empty() {
        let dev = match dev {
            Some(d) => d.clone(),
            None => crate::normalize::DevServer::Url(url.clone()),
        };
        opts.appendable_views =
            appendable_views(&cmp.left.schema, url, &dev, schemas, &candidates).await;
    }
    let plan = build_plan(&cmp.left.schema, &cmp.right.schema, &changes, &opts)?;
    Ok((plan, cmp))
}

/// Runs `pgdrift plan`; returns the exit code (0: plan written, whether or not it is empty).
pub async fn run(args: PlanArgs) -> Result<u8, crate::Error> {
    let target = crate::app::target(&args.source.db).await?;
    let dev = crate::app::dev_server(args.source.dev_url.as_deref())?;
    let (plan, _) = plan_for(
        &args.source.declared(),
        &target.url,
        dev.as_ref(),
        &args.source.db.schemas,
        &args.source.options(),
    )
    .await?;
    let text = match args.format {
        PlanFormat::Sql => render_sql(&plan),
        PlanFormat::Json => render_json(&plan),
        PlanFormat::Human => render_human(&plan),
    };
    match &args.out {
        Some(path) => std::fs::write(path, text).map_err(|e| crate::Error::Io {
            path: path.clone(),
            source: e,
        })?,
        None => print!("{text}"),
    }
    Ok(0)
}

// ---------------------------------------------------------------------------------------------
// Which changed views can be replaced in place

/// (name, type, collation) of each output column of each plain view in `schemas`.
async fn view_columns(
    client: &tokio_postgres::Client,
    schemas: &[String],
) -> Result<HashMap<QualifiedName, Vec<(String, String, String)>>, tokio_postgres::Error> {
    let rows = client
        .query(
            "SELECT n.nspname::text, c.relname::text, a.attname::text, \
                    format_type(a.atttypid, a.atttypmod), coalesce(co.collname::text, '') \
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             LEFT JOIN pg_collation co ON co.oid = a.attcollation \
             WHERE c.relkind = 'v' AND a.attnum > 0 AND NOT a.attisdropped \
               AND n.nspname = ANY($1) ORDER BY c.oid, a.attnum",
            &[&schemas],
        )
        .await?;
    let mut out: HashMap<QualifiedName, Vec<(String, String, String)>> = HashMap::new();
    for r in rows {
        let q = QualifiedName::new(r.get::<_, String>(0), r.get::<_, String>(1));
        out.entry(q)
            .or_default()
            .push((r.get(2), r.get(3), r.get(4)));
    }
    Ok(out)
}

/// The views among `candidates` whose declared output columns start with the live view's
/// columns: PostgreSQL's own condition for `CREATE OR REPLACE VIEW`. The declared columns are
/// read from a scratch database where the (normalized) declared schema is built; anything that
/// goes wrong there just means "drop and create", which is always correct.
pub async fn appendable_views(
    declared: &Schema,
    url: &crate::conn::DbUrl,
    dev: &crate::normalize::DevServer,
    schemas: &[String],
    candidates: &[QualifiedName],
) -> HashSet<QualifiedName> {
    let mut out = HashSet::new();
    let schemas = crate::app::default_schemas(schemas);
    let Ok(live_client) = url.connect().await else {
        return out;
    };
    let Ok(live_cols) = view_columns(&live_client, &schemas).await else {
        return out;
    };
    let Ok(scratch) = crate::normalize::Scratch::create(dev).await else {
        return out;
    };
    let mut ok = true;
    for st in ddl::create_script(declared) {
        if scratch.client.batch_execute(&st.sql).await.is_err() {
            ok = false;
            break;
        }
    }
    let decl_cols = if ok {
        view_columns(&scratch.client, &schemas).await.ok()
    } else {
        None
    };
    scratch.drop_now().await;
    let Some(decl_cols) = decl_cols else {
        return out;
    };
    for q in candidates {
        if let (Some(l), Some(d)) = (live_cols.get(q), decl_cols.get(q)) {
            if d.len() >= l.len() && d[..l.len()] == l[..] {
                out.insert(q.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_change_hazards() {
        let h = |a: &str, b: &str| type_change("c", a, b, "UTC");
        assert_eq!(h("integer", "bigint"), (vec![Hazard::Rewrite], None));
        assert_eq!(
            h("bigint", "integer").0,
            vec![Hazard::DataLoss, Hazard::Rewrite]
        );
        assert_eq!(
            h("character varying(10)", "character varying(20)").0,
            vec![]
        );
        assert_eq!(h("character varying(10)", "text").0, vec![]);
        assert_eq!(
            h("text", "character varying(5)").0,
            vec![Hazard::DataLoss, Hazard::Rewrite]
        );
        assert_eq!(
            h("timestamp without time zone", "timestamp with time zone"),
            (
                vec![Hazard::Rewrite],
                Some("\"c\" AT TIME ZONE 'UTC'".to_string())
            )
        );
        assert_eq!(
            h(
                "timestamp(6) without time zone",
                "timestamp(3) with time zone"
            )
            .0,
            vec![Hazard::DataLoss, Hazard::Rewrite]
        );
        assert_eq!(h("numeric(10,2)", "numeric(12,2)").0, vec![]);
        assert_eq!(
            h("numeric(12,2)", "numeric(10,2)").0,
            vec![Hazard::DataLoss, Hazard::Rewrite]
        );
        assert_eq!(h("text", "integer").1, Some("\"c\"::integer".to_string()));
    }

    #[test]
    fn enum_additivity() {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(enum_is_additive(&v(&["a", "x", "b"]), &v(&["a", "b"])));
        assert!(!enum_is_additive(&v(&["b", "a"]), &v(&["a", "b"])));
        assert!(!enum_is_additive(&v(&["a"]), &v(&["a", "b"])));
    }

    #[test]
    fn type_spelling_matches_format_type() {
        assert_eq!(type_spelling(&QualifiedName::new("public", "mood")), "mood");
        assert_eq!(
            type_spelling(&QualifiedName::new("public", "Mood")),
            "\"Mood\""
        );
        assert_eq!(
            type_spelling(&QualifiedName::new("app", "color")),
            "app.color"
        );
    }

    #[test]
    fn json_round_trips() {
        let plan = Plan {
            steps: vec![Step {
                sql: "CREATE INDEX CONCURRENTLY \"i\" ON \"public\".\"t\" USING \"btree\" (a)"
                    .into(),
                change: "index i on t: missing".into(),
                category: Category::Index,
                hazards: vec![Hazard::NotTransactional],
                transactional: false,
                resume_index: Some(QualifiedName::new("public", "i")),
                before_transaction: false,
            }],
            live_fingerprint: "abc".into(),
            warnings: vec!["w".into()],
        };
        let text = render_json(&plan);
        assert!(text.contains("\"format\": \"pgdrift.plan\""));
        assert!(text.contains("\"not_transactional\""));
        let back = parse_json(&text, std::path::Path::new("p.json")).unwrap();
        assert_eq!(back, plan);
        assert!(parse_json(
            "{\"format\": \"x\", \"version\": 1, \"steps\": [], \"live_fingerprint\": \"\"}",
            std::path::Path::new("p")
        )
        .is_err());
        let sql = render_sql(&plan);
        assert!(sql.contains("-- Outside the transaction"));
        assert!(!sql.contains("BEGIN;"));
    }
}
