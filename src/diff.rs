//! Compares a declared [`Schema`] with a live one into typed [`Change`]s.
//!
//! Both sides come out of PostgreSQL's own deparsers (the declared side is normalized through a
//! scratch database first), so SQL text is compared exactly: no parsing, no evaluation. Every
//! report, plan and exit code is derived from the one list [`diff`] returns.
//!
//! The order of the list is part of the contract (reports and tests depend on it): extensions,
//! enums, sequences, tables (each table's own changes, then its columns, primary key, unique,
//! check, foreign key and exclusion constraints, indexes), then views (each followed by its
//! indexes). Within every kind, declared objects come first in declared order, then objects only
//! the live database has, in live order.

use std::collections::HashSet;
use std::fmt;
use std::hash::Hash;
use std::str::FromStr;

use indexmap::IndexMap;
use serde::Serialize;

use crate::model::{
    Check, Column, Exclusion, Extension, ForeignKey, IgnoreRule, Index, PrimaryKey, QualifiedName,
    Schema, Sequence, Table, UniqueConstraint, View, DEFAULT_SCHEMA,
};

/// Why an object differs. The CLI's `--category`, `--fail-on` and `--warn-on` take these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Declared but absent from the database (also: declared renames not yet applied).
    Missing,
    /// Present in the database but not declared.
    Extra,
    /// Column type differs (other than time zone only); also column order.
    Type,
    /// `timestamp` vs `timestamptz` (or `time` vs `timetz`), arrays included.
    Timezone,
    Default,
    Nullability,
    Identity,
    Generated,
    Collation,
    Index,
    ForeignKey,
    /// Primary key, unique, check and exclusion constraints defined differently.
    Constraint,
    View,
    Enum,
    Sequence,
    Extension,
    Comment,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Category; 17] = [
        Category::Missing,
        Category::Extra,
        Category::Type,
        Category::Timezone,
        Category::Default,
        Category::Nullability,
        Category::Identity,
        Category::Generated,
        Category::Collation,
        Category::Index,
        Category::ForeignKey,
        Category::Constraint,
        Category::View,
        Category::Enum,
        Category::Sequence,
        Category::Extension,
        Category::Comment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Missing => "missing",
            Category::Extra => "extra",
            Category::Type => "type",
            Category::Timezone => "timezone",
            Category::Default => "default",
            Category::Nullability => "nullability",
            Category::Identity => "identity",
            Category::Generated => "generated",
            Category::Collation => "collation",
            Category::Index => "index",
            Category::ForeignKey => "foreign_key",
            Category::Constraint => "constraint",
            Category::View => "view",
            Category::Enum => "enum",
            Category::Sequence => "sequence",
            Category::Extension => "extension",
            Category::Comment => "comment",
        }
    }

    /// Parses a comma-separated list (`tz,type,fk`), as `--fail-on` takes it.
    pub fn parse_list(text: &str) -> Result<Vec<Category>, ParseCategoryError> {
        let mut out = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let c: Category = part.parse()?;
            if !out.contains(&c) {
                out.push(c);
            }
        }
        Ok(out)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown category name on the command line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown drift category `{given}`; valid categories are: {}",
    valid_category_names()
)]
pub struct ParseCategoryError {
    pub given: String,
}

fn valid_category_names() -> String {
    Category::ALL
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl FromStr for Category {
    type Err = ParseCategoryError;

    /// Accepts the snake_case names, `-` for `_`, any case, and the short aliases people type
    /// in CI files (`tz`, `fk`, `null`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase().replace('-', "_");
        let alias = match key.as_str() {
            "tz" | "time_zone" => Some(Category::Timezone),
            "fk" | "foreign_keys" | "fks" => Some(Category::ForeignKey),
            "null" | "nullable" | "not_null" => Some(Category::Nullability),
            "indexes" => Some(Category::Index),
            "constraints" => Some(Category::Constraint),
            "views" => Some(Category::View),
            "enums" => Some(Category::Enum),
            "sequences" => Some(Category::Sequence),
            "extensions" => Some(Category::Extension),
            "comments" => Some(Category::Comment),
            "defaults" => Some(Category::Default),
            _ => None,
        };
        alias
            .or_else(|| Category::ALL.iter().copied().find(|c| c.as_str() == key))
            .ok_or_else(|| ParseCategoryError {
                given: s.to_string(),
            })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Breaks code or loses data.
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    Extension,
    Enum,
    Sequence,
    Table,
    Column,
    PrimaryKey,
    Unique,
    Check,
    ForeignKey,
    Exclusion,
    Index,
    View,
    MaterializedView,
}

impl ObjectKind {
    /// The spelling JSON uses: `primary_key`, `materialized_view`.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Extension => "extension",
            ObjectKind::Enum => "enum",
            ObjectKind::Sequence => "sequence",
            ObjectKind::Table => "table",
            ObjectKind::Column => "column",
            ObjectKind::PrimaryKey => "primary_key",
            ObjectKind::Unique => "unique",
            ObjectKind::Check => "check",
            ObjectKind::ForeignKey => "foreign_key",
            ObjectKind::Exclusion => "exclusion",
            ObjectKind::Index => "index",
            ObjectKind::View => "view",
            ObjectKind::MaterializedView => "materialized_view",
        }
    }

    /// The words used in human output: `primary key`, `materialized view`.
    pub fn as_words(self) -> &'static str {
        match self {
            ObjectKind::Extension => "extension",
            ObjectKind::Enum => "enum",
            ObjectKind::Sequence => "sequence",
            ObjectKind::Table => "table",
            ObjectKind::Column => "column",
            ObjectKind::PrimaryKey => "primary key",
            ObjectKind::Unique => "unique constraint",
            ObjectKind::Check => "check constraint",
            ObjectKind::ForeignKey => "foreign key",
            ObjectKind::Exclusion => "exclusion constraint",
            ObjectKind::Index => "index",
            ObjectKind::View => "view",
            ObjectKind::MaterializedView => "materialized view",
        }
    }

    /// The `kind` an ignore rule uses for this object.
    pub fn ignore_kind(self) -> &'static str {
        match self {
            ObjectKind::Extension => "extension",
            ObjectKind::Enum => "enum",
            ObjectKind::Sequence => "sequence",
            ObjectKind::Table => "table",
            ObjectKind::Column => "column",
            ObjectKind::PrimaryKey
            | ObjectKind::Unique
            | ObjectKind::Check
            | ObjectKind::ForeignKey
            | ObjectKind::Exclusion => "constraint",
            ObjectKind::Index => "index",
            ObjectKind::View | ObjectKind::MaterializedView => "view",
        }
    }

    fn is_member(self) -> bool {
        matches!(
            self,
            ObjectKind::Column
                | ObjectKind::PrimaryKey
                | ObjectKind::Unique
                | ObjectKind::Check
                | ObjectKind::ForeignKey
                | ObjectKind::Exclusion
                | ObjectKind::Index
        )
    }
}

/// Which object a change is about, precise enough to find it in either [`Schema`].
///
/// - extensions: `name` is the extension name; `table`, `member` are `None`.
/// - enums, sequences, tables, views: `qualified` is the object's name; `name` is its display
///   spelling (which [`QualifiedName::parse`] reads back exactly).
/// - columns, constraints, indexes: `table` is the owning table or (materialized) view,
///   `member` the exact name inside it; `name` is `genes.symbol` for columns and the bare
///   constraint/index name otherwise (PostgreSQL names those per schema, not per table).
///
/// For a table declared with `renamed_from`, objects inside it carry the declared (new) table
/// name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ObjectRef {
    pub kind: ObjectKind,
    pub table: Option<QualifiedName>,
    pub name: String,
    pub member: Option<String>,
    #[serde(skip)]
    pub qualified: Option<QualifiedName>,
}

impl ObjectRef {
    pub fn extension(name: &str) -> Self {
        ObjectRef {
            kind: ObjectKind::Extension,
            table: None,
            name: name.to_string(),
            member: None,
            qualified: None,
        }
    }

    /// An enum, sequence, table, view or materialized view.
    pub fn top(kind: ObjectKind, name: &QualifiedName) -> Self {
        ObjectRef {
            kind,
            table: None,
            name: name.display_name(),
            member: None,
            qualified: Some(name.clone()),
        }
    }

    /// A column, constraint or index of `table`.
    pub fn member(kind: ObjectKind, table: &QualifiedName, member: &str) -> Self {
        let name = if kind == ObjectKind::Column {
            format!("{}.{}", table.display_name(), display_part(member))
        } else {
            display_part(member)
        };
        ObjectRef {
            kind,
            table: Some(table.clone()),
            name,
            member: Some(member.to_string()),
            qualified: None,
        }
    }
}

/// Spells a member name like [`QualifiedName::display_name`] spells its parts.
fn display_part(part: &str) -> String {
    QualifiedName::new(DEFAULT_SCHEMA, part).display_name()
}

impl ObjectRef {
    /// For people: `check constraint t_a_check on t`, `column genes.symbol`.
    pub fn describe(&self) -> String {
        match (&self.table, self.kind) {
            (Some(table), kind) if kind.is_member() && kind != ObjectKind::Column => {
                format!(
                    "{} {} on {}",
                    kind.as_words(),
                    self.name,
                    table.display_name()
                )
            }
            _ => format!("{} {}", self.kind.as_words(), self.name),
        }
    }
}

/// The stable, compact spelling `<kind> <name>` (`column genes.symbol`, `foreign_key ev_fkey`),
/// with the kind as in JSON. Test corpora and scripts match on it; people read [`ObjectRef::describe`].
impl fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind.as_str(), self.name)
    }
}

/// One difference between the declared and the live schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub category: Category,
    pub severity: Severity,
    pub object: ObjectRef,
    /// One human line: `type is bigint in the declaration but integer in the database`.
    pub summary: String,
    /// The declared side of what differs (a type, a default, a definition), if it exists.
    pub declared: Option<String>,
    /// The live side of what differs, if it exists.
    pub live: Option<String>,
    /// More lines: a unified diff of view bodies, a rename hint.
    pub detail: Option<String>,
    /// `old -> new` when a missing and an extra column look like a rename. A hint only: both
    /// the Missing and the Extra change carry it, and nothing acts on it.
    pub possible_rename: Option<String>,
    /// Set when the declaration says `renamed_from: <this>` and the database still has the old
    /// name: the plan renames instead of dropping and adding. The old member name for columns,
    /// constraints and indexes; the old table name (same schema) for tables.
    pub renamed_from: Option<String>,
}

impl Change {
    fn new(category: Category, severity: Severity, object: ObjectRef, summary: String) -> Self {
        Change {
            category,
            severity,
            object,
            summary,
            declared: None,
            live: None,
            detail: None,
            possible_rename: None,
            renamed_from: None,
        }
    }

    fn values(mut self, declared: Option<String>, live: Option<String>) -> Self {
        self.declared = declared;
        self.live = live;
        self
    }

    fn detail(mut self, detail: String) -> Self {
        self.detail = Some(detail);
        self
    }
}

/// Compares `declared` with `live`. Deterministic; see the module docs for the order.
pub fn diff(declared: &Schema, live: &Schema) -> Vec<Change> {
    let mut out = Vec::new();
    diff_extensions(declared, live, &mut out);
    diff_enums(declared, live, &mut out);
    diff_sequences(declared, live, &mut out);
    diff_tables(declared, live, &mut out);
    diff_views(declared, live, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Pairing declared objects with live ones (by name, or through `renamed_from`).

struct Pair<'a, K, T> {
    decl_key: &'a K,
    decl: &'a T,
    /// The live object with the same name, or the one named by `renamed_from`.
    live: Option<(&'a K, &'a T)>,
    renamed: bool,
}

/// Declared objects with their live counterparts, and the live objects nobody declared.
type Pairing<'a, K, T> = (Vec<Pair<'a, K, T>>, Vec<(&'a K, &'a T)>);

/// Pairs each declared object with its live counterpart. A declared `renamed_from: old` pairs
/// with live `old` only when live lacks the new name and `old` is not itself declared (then the
/// rename is still pending); otherwise it is a plain name match.
fn pair<'a, K: Hash + Eq, T>(
    decl: &'a IndexMap<K, T>,
    live: &'a IndexMap<K, T>,
    old_key: impl Fn(&K, &T) -> Option<K>,
) -> Pairing<'a, K, T> {
    let mut used: HashSet<&K> = HashSet::new();
    let mut pairs = Vec::new();
    for (k, d) in decl {
        if let Some(l) = live.get(k) {
            used.insert(k);
            pairs.push(Pair {
                decl_key: k,
                decl: d,
                live: Some((k, l)),
                renamed: false,
            });
            continue;
        }
        let renamed = old_key(k, d).and_then(|old| {
            if decl.contains_key(&old) {
                return None;
            }
            live.get_key_value(&old)
        });
        match renamed {
            Some((lk, l)) if !used.contains(lk) => {
                used.insert(lk);
                pairs.push(Pair {
                    decl_key: k,
                    decl: d,
                    live: Some((lk, l)),
                    renamed: true,
                });
            }
            _ => pairs.push(Pair {
                decl_key: k,
                decl: d,
                live: None,
                renamed: false,
            }),
        }
    }
    let extras = live.iter().filter(|(k, _)| !used.contains(k)).collect();
    (pairs, extras)
}

fn missing(object: ObjectRef, severity: Severity, declared: Option<String>) -> Change {
    let summary = format!(
        "{} is declared but missing from the database",
        object.describe()
    );
    Change::new(Category::Missing, severity, object, summary).values(declared, None)
}

fn extra(object: ObjectRef, severity: Severity, live: Option<String>) -> Change {
    let summary = format!(
        "{} exists in the database but is not declared",
        object.describe()
    );
    Change::new(Category::Extra, severity, object, summary).values(None, live)
}

fn renamed(object: ObjectRef, old: &str, old_display: String) -> Change {
    let summary = format!(
        "{} is declared as renamed from {}; the database still has the old name",
        object.describe(),
        old_display
    );
    let new_display = object.name.clone();
    let mut c = Change::new(Category::Missing, Severity::Error, object, summary)
        .values(Some(new_display), Some(old_display));
    c.renamed_from = Some(old.to_string());
    c
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "(none)".to_string())
}

/// `X is a in the declaration but b in the database`.
fn differs(what: &str, declared: &str, live: &str) -> String {
    format!("{what} is {declared} in the declaration but {live} in the database")
}

// ---------------------------------------------------------------------------------------------
// Extensions, enums, sequences.

fn extension_schema(e: &Extension) -> &str {
    e.schema.as_deref().unwrap_or(DEFAULT_SCHEMA)
}

fn diff_extensions(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let (pairs, extras) = pair(&declared.extensions, &live.extensions, |_, _| None);
    for p in pairs {
        let obj = ObjectRef::extension(p.decl_key);
        let Some((_, l)) = p.live else {
            out.push(missing(obj, Severity::Error, p.decl.version.clone()));
            continue;
        };
        if let Some(v) = &p.decl.version {
            if l.version.as_ref() != Some(v) {
                let lv = opt(&l.version);
                out.push(
                    Change::new(
                        Category::Extension,
                        Severity::Warning,
                        obj.clone(),
                        differs("version", v, &lv),
                    )
                    .values(Some(v.clone()), l.version.clone()),
                );
            }
        }
        let (ds, ls) = (extension_schema(p.decl), extension_schema(l));
        if ds != ls {
            out.push(
                Change::new(
                    Category::Extension,
                    Severity::Warning,
                    obj,
                    differs("schema", ds, ls),
                )
                .values(Some(ds.to_string()), Some(ls.to_string())),
            );
        }
    }
    for (name, l) in extras {
        out.push(extra(
            ObjectRef::extension(name),
            Severity::Warning,
            l.version.clone(),
        ));
    }
}

fn enum_values(values: &[String]) -> String {
    let quoted: Vec<String> = values
        .iter()
        .map(|v| crate::model::quote_literal(v))
        .collect();
    format!("({})", quoted.join(", "))
}

fn quoted_list<'a>(values: impl IntoIterator<Item = &'a String>) -> String {
    let quoted: Vec<String> = values
        .into_iter()
        .map(|v| crate::model::quote_literal(v))
        .collect();
    quoted.join(", ")
}

fn diff_enums(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let (pairs, extras) = pair(&declared.enums, &live.enums, |_, _| None);
    for p in pairs {
        let obj = ObjectRef::top(ObjectKind::Enum, p.decl_key);
        let Some((_, l)) = p.live else {
            out.push(missing(obj, Severity::Error, Some(enum_values(p.decl))));
            continue;
        };
        let d = p.decl;
        let values = (Some(enum_values(d)), Some(enum_values(l)));
        let absent: Vec<&String> = d.iter().filter(|v| !l.contains(v)).collect();
        let added: Vec<&String> = l.iter().filter(|v| !d.contains(v)).collect();
        if !absent.is_empty() {
            let s = format!(
                "values {} are missing from the database",
                quoted_list(absent)
            );
            out.push(
                Change::new(Category::Enum, Severity::Error, obj.clone(), s)
                    .values(values.0.clone(), values.1.clone()),
            );
        }
        if !added.is_empty() {
            let s = format!("the database has undeclared values {}", quoted_list(added));
            out.push(
                Change::new(Category::Enum, Severity::Warning, obj.clone(), s)
                    .values(values.0.clone(), values.1.clone()),
            );
        }
        let common_d: Vec<&String> = d.iter().filter(|v| l.contains(v)).collect();
        let common_l: Vec<&String> = l.iter().filter(|v| d.contains(v)).collect();
        if common_d != common_l {
            let s = "values are in a different order".to_string();
            out.push(
                Change::new(Category::Enum, Severity::Warning, obj, s).values(values.0, values.1),
            );
        }
    }
    for (name, l) in extras {
        out.push(extra(
            ObjectRef::top(ObjectKind::Enum, name),
            Severity::Warning,
            Some(enum_values(l)),
        ));
    }
}

fn sequence_options(s: &Sequence) -> Vec<(&'static str, String)> {
    let mut v = vec![
        ("type", s.data_type.clone()),
        ("start", s.start.to_string()),
        ("increment", s.increment.to_string()),
        (
            "min_value",
            s.min_value.map_or("default".to_string(), |n| n.to_string()),
        ),
        (
            "max_value",
            s.max_value.map_or("default".to_string(), |n| n.to_string()),
        ),
        ("cache", s.cache.to_string()),
        ("cycle", s.cycle.to_string()),
    ];
    v.push((
        "owned_by",
        s.owned_by.clone().unwrap_or_else(|| "none".to_string()),
    ));
    v
}

fn sequence_text(s: &Sequence) -> String {
    let mut t = format!(
        "AS {} START {} INCREMENT {}",
        s.data_type, s.start, s.increment
    );
    if let Some(n) = s.min_value {
        t.push_str(&format!(" MINVALUE {n}"));
    }
    if let Some(n) = s.max_value {
        t.push_str(&format!(" MAXVALUE {n}"));
    }
    t.push_str(&format!(" CACHE {}", s.cache));
    if s.cycle {
        t.push_str(" CYCLE");
    }
    if let Some(o) = &s.owned_by {
        t.push_str(&format!(" OWNED BY {o}"));
    }
    t
}

/// `start is 1 in the declaration but 100 in the database; cache ...` for each differing pair.
fn describe_differences(d: &[(&'static str, String)], l: &[(&'static str, String)]) -> String {
    d.iter()
        .zip(l.iter())
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, b)| differs(a.0, &a.1, &b.1))
        .collect::<Vec<_>>()
        .join("; ")
}

fn diff_sequences(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let (pairs, extras) = pair(&declared.sequences, &live.sequences, |_, _| None);
    for p in pairs {
        let obj = ObjectRef::top(ObjectKind::Sequence, p.decl_key);
        let Some((_, l)) = p.live else {
            out.push(missing(obj, Severity::Error, Some(sequence_text(p.decl))));
            continue;
        };
        if p.decl != l {
            let s = describe_differences(&sequence_options(p.decl), &sequence_options(l));
            out.push(
                Change::new(Category::Sequence, Severity::Warning, obj, s)
                    .values(Some(sequence_text(p.decl)), Some(sequence_text(l))),
            );
        }
    }
    for (name, l) in extras {
        let obj = ObjectRef::top(ObjectKind::Sequence, name);
        out.push(extra(obj, Severity::Warning, Some(sequence_text(l))));
    }
}

// ---------------------------------------------------------------------------------------------
// Tables.

fn diff_tables(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
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
        diff_table(p.decl_key, p.decl, l, out);
    }
    for (name, l) in extras {
        let obj = ObjectRef::top(ObjectKind::Table, name);
        let cols = l.columns.len();
        let mut c = extra(obj, Severity::Warning, None);
        c.live = Some(format!("{cols} column{}", if cols == 1 { "" } else { "s" }));
        out.push(c);
    }
}

fn comment_change(obj: ObjectRef, d: &Option<String>, l: &Option<String>) -> Option<Change> {
    if d == l {
        return None;
    }
    let s = match (d, l) {
        (Some(_), None) => "comment is declared but the database has none".to_string(),
        (None, Some(_)) => "the database has a comment that is not declared".to_string(),
        _ => "comment differs".to_string(),
    };
    Some(Change::new(Category::Comment, Severity::Warning, obj, s).values(d.clone(), l.clone()))
}

fn diff_table(name: &QualifiedName, d: &Table, l: &Table, out: &mut Vec<Change>) {
    let obj = ObjectRef::top(ObjectKind::Table, name);
    out.extend(comment_change(obj.clone(), &d.comment, &l.comment));
    diff_columns(name, d, l, out);
    diff_primary_key(name, &d.primary_key, &l.primary_key, out);
    diff_members(
        name,
        ObjectKind::Unique,
        &d.unique,
        &l.unique,
        |u| u.renamed_from.as_ref(),
        unique_text,
        Category::Constraint,
        out,
    );
    diff_members(
        name,
        ObjectKind::Check,
        &d.checks,
        &l.checks,
        |c| c.renamed_from.as_ref(),
        check_text,
        Category::Constraint,
        out,
    );
    diff_members(
        name,
        ObjectKind::ForeignKey,
        &d.foreign_keys,
        &l.foreign_keys,
        |f| f.renamed_from.as_ref(),
        fk_text,
        Category::ForeignKey,
        out,
    );
    diff_members(
        name,
        ObjectKind::Exclusion,
        &d.exclusions,
        &l.exclusions,
        |e| e.renamed_from.as_ref(),
        exclusion_text,
        Category::Constraint,
        out,
    );
    diff_indexes(name, &d.indexes, &l.indexes, out);
}

fn column_text(c: &Column) -> String {
    let mut t = c.data_type.clone();
    if let Some(coll) = &c.collation {
        t.push_str(&format!(" COLLATE {coll}"));
    }
    if let Some(g) = &c.generated {
        t.push_str(&format!(" GENERATED ALWAYS AS ({g}) STORED"));
    }
    if let Some(i) = c.identity {
        t.push(' ');
        t.push_str(i.sql());
    }
    if !c.nullable {
        t.push_str(" NOT NULL");
    }
    if let Some(def) = &c.default {
        t.push_str(&format!(" DEFAULT {def}"));
    }
    t
}

/// Removes the time zone part of a type so `timestamp(3) with time zone` and
/// `timestamp(3) without time zone` compare equal (arrays keep their `[]`).
fn without_time_zone(t: &str) -> String {
    let t = t
        .replace(" without time zone", "")
        .replace(" with time zone", "");
    let t = t.replace("timestamptz", "timestamp");
    t.replace("timetz", "time")
}

/// Columns a plain `INSERT` must supply: without them, code that inserts rows breaks.
fn insert_requires(c: &Column) -> bool {
    !c.nullable && c.default.is_none() && c.identity.is_none() && c.generated.is_none()
}

/// Two columns look like the same column under another name.
fn rename_candidate(a: &Column, b: &Column) -> bool {
    a.data_type == b.data_type
        && a.nullable == b.nullable
        && a.default == b.default
        && a.identity == b.identity
        && a.generated == b.generated
        && a.collation == b.collation
}

fn diff_columns(table: &QualifiedName, d: &Table, l: &Table, out: &mut Vec<Change>) {
    let (pairs, extras) = pair(&d.columns, &l.columns, |_, c: &Column| {
        c.renamed_from.clone()
    });

    // Rename hints: only unambiguous one-to-one matches, so a hint never guesses between two.
    let missing_cols: Vec<(&String, &Column)> = pairs
        .iter()
        .filter(|p| p.live.is_none())
        .map(|p| (p.decl_key, p.decl))
        .collect();
    let mut hints: IndexMap<String, String> = IndexMap::new(); // name -> "old -> new"
    for (mname, mcol) in &missing_cols {
        let cands: Vec<&&String> = extras
            .iter()
            .filter(|(_, e)| rename_candidate(mcol, e))
            .map(|(n, _)| n)
            .collect();
        if let [ename] = cands.as_slice() {
            let ecol = &l.columns[ename.as_str()];
            let back = missing_cols
                .iter()
                .filter(|(_, m)| rename_candidate(m, ecol))
                .count();
            if back == 1 {
                let hint = format!("{} -> {}", ename, mname);
                hints.insert((*mname).clone(), hint.clone());
                hints.insert((**ename).clone(), hint);
            }
        }
    }
    let hint_detail = |old: &str, new: &str| {
        format!(
            "possible rename of {old} to {new}: same type, nullability and default. pgdrift never renames on a guess; declare `renamed_from: {old}` on column {new} to rename it"
        )
    };

    for p in &pairs {
        let obj = ObjectRef::member(ObjectKind::Column, table, p.decl_key);
        let Some((lname, lc)) = p.live else {
            let mut c = missing(obj, Severity::Error, Some(column_text(p.decl)));
            if let Some(h) = hints.get(p.decl_key.as_str()) {
                c.possible_rename = Some(h.clone());
                if let Some((old, new)) = h.split_once(" -> ") {
                    c.detail = Some(hint_detail(old, new));
                }
            }
            out.push(c);
            continue;
        };
        if p.renamed {
            let old_display = ObjectRef::member(ObjectKind::Column, table, lname).name;
            out.push(renamed(obj.clone(), lname, old_display));
        }
        diff_column(obj, p.decl, lc, out);
    }

    // Order of the columns both sides have: added columns always land at the end, so only the
    // relative order of common columns is drift.
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
                Category::Type,
                Severity::Warning,
                ObjectRef::top(ObjectKind::Table, table),
                "column order differs".to_string(),
            )
            .values(Some(join(&decl_names)), Some(join(&live_order))),
        );
    }

    for (name, lc) in extras {
        let obj = ObjectRef::member(ObjectKind::Column, table, name);
        // A NOT NULL column without default makes every INSERT that omits it fail.
        let sev = if insert_requires(lc) {
            Severity::Error
        } else {
            Severity::Warning
        };
        let mut c = extra(obj, sev, Some(column_text(lc)));
        if sev == Severity::Error {
            c.summary
                .push_str(" (NOT NULL without a default: inserts that omit it fail)");
        }
        if let Some(h) = hints.get(name.as_str()) {
            c.possible_rename = Some(h.clone());
            if let Some((old, new)) = h.split_once(" -> ") {
                c.detail = Some(hint_detail(old, new));
            }
        }
        out.push(c);
    }
}

fn diff_column(obj: ObjectRef, d: &Column, l: &Column, out: &mut Vec<Change>) {
    let push = |out: &mut Vec<Change>,
                cat,
                sev,
                summary: String,
                dv: Option<String>,
                lv: Option<String>| {
        out.push(Change::new(cat, sev, obj.clone(), summary).values(dv, lv));
    };
    if d.data_type != l.data_type {
        let tz_only = without_time_zone(&d.data_type) == without_time_zone(&l.data_type);
        let cat = if tz_only {
            Category::Timezone
        } else {
            Category::Type
        };
        push(
            out,
            cat,
            Severity::Error,
            differs("type", &d.data_type, &l.data_type),
            Some(d.data_type.clone()),
            Some(l.data_type.clone()),
        );
    }
    if d.default != l.default {
        let s = match (&d.default, &l.default) {
            (Some(x), None) => format!("default {x} is declared but the database has none"),
            (None, Some(y)) => format!("the database has default {y} but none is declared"),
            (Some(x), Some(y)) => differs("default", x, y),
            (None, None) => unreachable!("equal defaults are filtered above"),
        };
        push(
            out,
            Category::Default,
            Severity::Warning,
            s,
            d.default.clone(),
            l.default.clone(),
        );
    }
    if d.nullable != l.nullable {
        let word = |n: bool| if n { "NULL" } else { "NOT NULL" };
        let s = if d.nullable {
            "declared nullable but NOT NULL in the database".to_string()
        } else {
            "declared NOT NULL but nullable in the database".to_string()
        };
        push(
            out,
            Category::Nullability,
            Severity::Error,
            s,
            Some(word(d.nullable).to_string()),
            Some(word(l.nullable).to_string()),
        );
    }
    if d.identity != l.identity {
        let text = |i: Option<crate::model::Identity>| {
            i.map_or("no identity".to_string(), |i| i.sql().to_string())
        };
        push(
            out,
            Category::Identity,
            Severity::Error,
            differs("identity", &text(d.identity), &text(l.identity)),
            d.identity.map(|i| i.sql().to_string()),
            l.identity.map(|i| i.sql().to_string()),
        );
    }
    if d.generated != l.generated {
        let text = |g: &Option<String>| {
            g.as_ref().map_or("not generated".to_string(), |g| {
                format!("GENERATED ALWAYS AS ({g}) STORED")
            })
        };
        push(
            out,
            Category::Generated,
            Severity::Error,
            differs("generation", &text(&d.generated), &text(&l.generated)),
            d.generated.clone(),
            l.generated.clone(),
        );
    }
    if d.collation != l.collation {
        let text = |c: &Option<String>| c.clone().unwrap_or_else(|| "the default".to_string());
        push(
            out,
            Category::Collation,
            Severity::Warning,
            differs("collation", &text(&d.collation), &text(&l.collation)),
            d.collation.clone(),
            l.collation.clone(),
        );
    }
    out.extend(comment_change(obj.clone(), &d.comment, &l.comment));
}

fn cols(c: &[String]) -> String {
    c.join(", ")
}

fn pk_text(p: &PrimaryKey) -> String {
    format!("PRIMARY KEY ({})", cols(&p.columns))
}

fn diff_primary_key(
    table: &QualifiedName,
    d: &Option<PrimaryKey>,
    l: &Option<PrimaryKey>,
    out: &mut Vec<Change>,
) {
    let member_name = |p: &PrimaryKey| {
        if p.name.is_empty() {
            format!("{}_pkey", table.name)
        } else {
            p.name.clone()
        }
    };
    match (d, l) {
        (None, None) => {}
        (Some(d), None) => {
            let obj = ObjectRef::member(ObjectKind::PrimaryKey, table, &member_name(d));
            out.push(missing(obj, Severity::Error, Some(pk_text(d))));
        }
        (None, Some(l)) => {
            let obj = ObjectRef::member(ObjectKind::PrimaryKey, table, &l.name);
            out.push(extra(obj, Severity::Warning, Some(pk_text(l))));
        }
        (Some(d), Some(l)) => {
            let obj = ObjectRef::member(ObjectKind::PrimaryKey, table, &member_name(d));
            let mut what = Vec::new();
            if d.columns != l.columns {
                what.push(differs(
                    "the key",
                    &format!("({})", cols(&d.columns)),
                    &format!("({})", cols(&l.columns)),
                ));
            }
            // An empty declared name means "PostgreSQL's default", which the loader fills in.
            if !d.name.is_empty() && d.name != l.name {
                what.push(differs("the name", &d.name, &l.name));
            }
            if !what.is_empty() {
                let dv = format!("{} {}", member_name(d), pk_text(d));
                let lv = format!("{} {}", l.name, pk_text(l));
                out.push(
                    Change::new(
                        Category::Constraint,
                        Severity::Warning,
                        obj,
                        what.join("; "),
                    )
                    .values(Some(dv), Some(lv)),
                );
            }
        }
    }
}

fn unique_text(u: &UniqueConstraint) -> String {
    let mut t = "UNIQUE".to_string();
    if u.nulls_not_distinct {
        t.push_str(" NULLS NOT DISTINCT");
    }
    t.push_str(&format!(" ({})", cols(&u.columns)));
    if u.deferrable {
        t.push_str(" DEFERRABLE");
        if u.initially_deferred {
            t.push_str(" INITIALLY DEFERRED");
        }
    }
    t
}

fn check_text(c: &Check) -> String {
    format!("CHECK ({})", c.expression)
}

fn exclusion_text(e: &Exclusion) -> String {
    format!("EXCLUDE {}", e.definition)
}

fn fk_text(f: &ForeignKey) -> String {
    let mut t = format!(
        "({}) REFERENCES {}",
        cols(&f.columns),
        f.references.display()
    );
    if f.match_full {
        t.push_str(" MATCH FULL");
    }
    if f.on_update != Default::default() {
        t.push_str(&format!(" ON UPDATE {}", f.on_update.sql()));
    }
    if f.on_delete != Default::default() {
        t.push_str(&format!(" ON DELETE {}", f.on_delete.sql()));
    }
    if f.deferrable {
        t.push_str(" DEFERRABLE");
        if f.initially_deferred {
            t.push_str(" INITIALLY DEFERRED");
        }
    }
    t
}

/// The parts of a constraint or index that can differ, for a precise summary line.
trait Aspects {
    fn aspects(&self) -> Vec<(&'static str, String)>;
}

impl Aspects for UniqueConstraint {
    fn aspects(&self) -> Vec<(&'static str, String)> {
        vec![
            ("columns", format!("({})", cols(&self.columns))),
            ("nulls not distinct", self.nulls_not_distinct.to_string()),
            ("deferrable", self.deferrable.to_string()),
            ("initially deferred", self.initially_deferred.to_string()),
        ]
    }
}

impl Aspects for Check {
    fn aspects(&self) -> Vec<(&'static str, String)> {
        vec![("the expression", self.expression.clone())]
    }
}

impl Aspects for Exclusion {
    fn aspects(&self) -> Vec<(&'static str, String)> {
        vec![("the definition", self.definition.clone())]
    }
}

impl Aspects for ForeignKey {
    fn aspects(&self) -> Vec<(&'static str, String)> {
        vec![
            ("columns", format!("({})", cols(&self.columns))),
            ("the target", self.references.display()),
            ("on delete", self.on_delete.sql().to_string()),
            ("on update", self.on_update.sql().to_string()),
            ("deferrable", self.deferrable.to_string()),
            ("initially deferred", self.initially_deferred.to_string()),
            (
                "match",
                if self.match_full { "FULL" } else { "SIMPLE" }.to_string(),
            ),
        ]
    }
}

impl Aspects for Index {
    fn aspects(&self) -> Vec<(&'static str, String)> {
        vec![
            ("unique", self.unique.to_string()),
            ("method", self.method.clone()),
            ("the key", format!("({})", cols(&self.columns))),
            ("include", format!("({})", cols(&self.include))),
            ("the predicate", opt(&self.predicate)),
            ("nulls not distinct", self.nulls_not_distinct.to_string()),
        ]
    }
}

/// Unique, check, foreign key and exclusion constraints: missing/extra by name (renames through
/// `renamed_from`), `category` when the same name is defined differently.
#[allow(clippy::too_many_arguments)]
fn diff_members<T: Aspects>(
    table: &QualifiedName,
    kind: ObjectKind,
    decl: &IndexMap<String, T>,
    live: &IndexMap<String, T>,
    renamed_from: impl Fn(&T) -> Option<&String>,
    text: fn(&T) -> String,
    category: Category,
    out: &mut Vec<Change>,
) {
    let (pairs, extras) = pair(decl, live, |_, t| renamed_from(t).cloned());
    for p in pairs {
        let obj = ObjectRef::member(kind, table, p.decl_key);
        let Some((lname, l)) = p.live else {
            out.push(missing(obj, Severity::Error, Some(text(p.decl))));
            continue;
        };
        if p.renamed {
            out.push(renamed(obj.clone(), lname, display_part(lname)));
        }
        let s = describe_differences(&p.decl.aspects(), &l.aspects());
        if !s.is_empty() {
            let sev = if category == Category::ForeignKey {
                Severity::Error
            } else {
                Severity::Warning
            };
            out.push(Change::new(category, sev, obj, s).values(Some(text(p.decl)), Some(text(l))));
        }
    }
    for (name, l) in extras {
        out.push(extra(
            ObjectRef::member(kind, table, name),
            Severity::Warning,
            Some(text(l)),
        ));
    }
}

fn index_text(i: &Index) -> String {
    let mut t = String::new();
    if i.unique {
        t.push_str("UNIQUE ");
    }
    t.push_str(&format!("USING {} ({})", i.method, cols(&i.columns)));
    if !i.include.is_empty() {
        t.push_str(&format!(" INCLUDE ({})", cols(&i.include)));
    }
    if i.nulls_not_distinct {
        t.push_str(" NULLS NOT DISTINCT");
    }
    if let Some(p) = &i.predicate {
        t.push_str(&format!(" WHERE {p}"));
    }
    t
}

fn diff_indexes(
    table: &QualifiedName,
    decl: &IndexMap<String, Index>,
    live: &IndexMap<String, Index>,
    out: &mut Vec<Change>,
) {
    let (pairs, extras) = pair(decl, live, |_, i: &Index| i.renamed_from.clone());
    for p in pairs {
        let obj = ObjectRef::member(ObjectKind::Index, table, p.decl_key);
        let Some((lname, l)) = p.live else {
            // A missing plain index costs speed; a missing unique index lets duplicates in and
            // breaks ON CONFLICT.
            let sev = if p.decl.unique {
                Severity::Error
            } else {
                Severity::Warning
            };
            out.push(missing(obj, sev, Some(index_text(p.decl))));
            continue;
        };
        if p.renamed {
            out.push(renamed(obj.clone(), lname, display_part(lname)));
        }
        let s = describe_differences(&p.decl.aspects(), &l.aspects());
        if !s.is_empty() {
            out.push(
                Change::new(Category::Index, Severity::Warning, obj.clone(), s)
                    .values(Some(index_text(p.decl)), Some(index_text(l))),
            );
        }
        out.extend(comment_change(obj, &p.decl.comment, &l.comment));
    }
    for (name, l) in extras {
        out.push(extra(
            ObjectRef::member(ObjectKind::Index, table, name),
            Severity::Warning,
            Some(index_text(l)),
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// Views.

fn view_kind(v: &View) -> ObjectKind {
    if v.materialized {
        ObjectKind::MaterializedView
    } else {
        ObjectKind::View
    }
}

fn with_newline(s: &str) -> String {
    if s.ends_with('\n') {
        s.to_string()
    } else {
        format!("{s}\n")
    }
}

/// A unified diff from the live body to the declared one (what applying would change).
pub fn view_body_diff(live: &str, declared: &str) -> String {
    let (l, d) = (with_newline(live), with_newline(declared));
    similar::TextDiff::from_lines(&l, &d)
        .unified_diff()
        .context_radius(3)
        .missing_newline_hint(false)
        .header("live", "declared")
        .to_string()
}

fn diff_views(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let (pairs, extras) = pair(&declared.views, &live.views, |_, _| None);
    for p in pairs {
        let d = p.decl;
        let obj = ObjectRef::top(view_kind(d), p.decl_key);
        let Some((_, l)) = p.live else {
            out.push(missing(obj, Severity::Error, None));
            continue;
        };
        if d.materialized != l.materialized {
            let s = differs("it", d_kind_words(d), d_kind_words(l));
            out.push(
                Change::new(Category::View, Severity::Warning, obj.clone(), s).values(
                    Some(d_kind_words(d).to_string()),
                    Some(d_kind_words(l).to_string()),
                ),
            );
        }
        if d.definition != l.definition {
            let s = "definition differs".to_string();
            out.push(
                Change::new(Category::View, Severity::Warning, obj.clone(), s)
                    .values(Some(d.definition.clone()), Some(l.definition.clone()))
                    .detail(view_body_diff(&l.definition, &d.definition)),
            );
        }
        out.extend(comment_change(obj, &d.comment, &l.comment));
        diff_indexes(p.decl_key, &d.indexes, &l.indexes, out);
    }
    for (name, l) in extras {
        out.push(extra(
            ObjectRef::top(view_kind(l), name),
            Severity::Warning,
            None,
        ));
    }
}

fn d_kind_words(v: &View) -> &'static str {
    if v.materialized {
        "a materialized view"
    } else {
        "a plain view"
    }
}

// ---------------------------------------------------------------------------------------------
// Filtering and exit policy.

/// `*` matches any run of characters (dots included), `?` exactly one.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // Iterative matcher with one backtrack point: linear enough for names.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

fn rule_kind_matches(rule_kind: &str, kind: ObjectKind) -> bool {
    let rk = rule_kind
        .trim()
        .to_ascii_lowercase()
        .replace(['-', ' '], "_");
    rk == "*"
        || rk == kind.ignore_kind()
        || (rk == "materialized_view" && kind == ObjectKind::MaterializedView)
        || (rk == "foreign_key" && kind == ObjectKind::ForeignKey)
}

/// Whether `rule` hides `obj`: same kind and the glob matches the display name, or a `table` /
/// `view` rule whose glob matches the object's owning relation.
pub fn rule_matches(rule: &IgnoreRule, obj: &ObjectRef) -> bool {
    if rule_kind_matches(&rule.kind, obj.kind) && glob_match(&rule.name, &obj.name) {
        return true;
    }
    let rk = rule.kind.trim();
    if let Some(owner) = &obj.table {
        if matches!(rk, "table" | "view" | "materialized_view" | "*")
            && glob_match(&rule.name, &owner.display_name())
        {
            return true;
        }
    }
    false
}

/// Splits `changes` into kept and ignored (with the first matching rule's reason).
pub fn apply_ignores(
    changes: Vec<Change>,
    rules: &[IgnoreRule],
) -> (Vec<Change>, Vec<(Change, String)>) {
    let mut kept = Vec::new();
    let mut ignored = Vec::new();
    for c in changes {
        match rules.iter().find(|r| rule_matches(r, &c.object)) {
            Some(r) => ignored.push((c, r.reason.clone())),
            None => kept.push(c),
        }
    }
    (kept, ignored)
}

/// Keeps only changes in `categories`; an empty list keeps everything (no `--category` given).
pub fn filter_categories(changes: Vec<Change>, categories: &[Category]) -> Vec<Change> {
    if categories.is_empty() {
        return changes;
    }
    changes
        .into_iter()
        .filter(|c| categories.contains(&c.category))
        .collect()
}

/// Which drift fails `check`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// Only these categories fail; `None` means every category fails.
    pub fail_on: Option<Vec<Category>>,
    /// These categories are reported but never fail, even when `fail_on` lists them.
    pub warn_on: Vec<Category>,
}

impl Policy {
    pub fn fails(&self, category: Category) -> bool {
        if self.warn_on.contains(&category) {
            return false;
        }
        self.fail_on.as_ref().is_none_or(|f| f.contains(&category))
    }
}

/// `0` when no change fails under `policy`, `1` otherwise. (`2`, errors, is the binary's.)
pub fn exit_code(changes: &[Change], policy: &Policy) -> i32 {
    if changes.iter().any(|c| policy.fails(c.category)) {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FkAction, Identity, Reference};

    fn q(name: &str) -> QualifiedName {
        QualifiedName::parse(name).unwrap()
    }

    fn col(t: &str) -> Column {
        Column::of_type(t)
    }

    fn table(cols: &[(&str, Column)]) -> Table {
        Table {
            columns: cols
                .iter()
                .map(|(n, c)| (n.to_string(), c.clone()))
                .collect(),
            ..Default::default()
        }
    }

    fn with_table(name: &str, t: Table) -> Schema {
        let mut s = Schema::default();
        s.tables.insert(q(name), t);
        s
    }

    fn genes() -> Table {
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
        });
        t
    }

    /// The (category, severity, object display) triples, for compact assertions.
    fn summary(changes: &[Change]) -> Vec<(Category, Severity, String)> {
        changes
            .iter()
            .map(|c| (c.category, c.severity, c.object.describe()))
            .collect()
    }

    /// Diffs both ways: `a` declared / `b` live, then swapped.
    fn both(a: &Schema, b: &Schema) -> (Vec<Change>, Vec<Change>) {
        (diff(a, b), diff(b, a))
    }

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
            err.contains("`colour`") && err.contains("missing, extra, type, timezone"),
            "{err}"
        );
    }

    #[test]
    fn extensions_missing_extra_version_schema() {
        let mut a = Schema::default();
        a.extensions.insert(
            "pg_trgm".into(),
            Extension {
                schema: None,
                version: Some("1.6".into()),
            },
        );
        let (m, x) = both(&a, &Schema::default());
        assert_eq!(
            summary(&m),
            vec![(
                Category::Missing,
                Severity::Error,
                "extension pg_trgm".into()
            )]
        );
        assert_eq!(
            summary(&x),
            vec![(
                Category::Extra,
                Severity::Warning,
                "extension pg_trgm".into()
            )]
        );

        let mut b = Schema::default();
        b.extensions.insert(
            "pg_trgm".into(),
            Extension {
                schema: Some("public".into()),
                version: Some("1.5".into()),
            },
        );
        let d = diff(&a, &b);
        assert_eq!(
            summary(&d),
            vec![(
                Category::Extension,
                Severity::Warning,
                "extension pg_trgm".into()
            )]
        );
        assert_eq!(
            d[0].summary,
            "version is 1.6 in the declaration but 1.5 in the database"
        );
        // No declared version: the live version is not compared.
        a.extensions[0].version = None;
        assert!(diff(&a, &b).is_empty());
        b.extensions[0].schema = Some("ext".into());
        assert_eq!(
            diff(&a, &b)[0].summary,
            "schema is public in the declaration but ext in the database"
        );
    }

    #[test]
    fn enums_missing_extra_values_and_order() {
        let mut a = Schema::default();
        a.enums
            .insert(q("mood"), vec!["sad".into(), "ok".into(), "happy".into()]);
        let (m, x) = both(&a, &Schema::default());
        assert_eq!(
            summary(&m),
            vec![(Category::Missing, Severity::Error, "enum mood".into())]
        );
        assert_eq!(m[0].declared.as_deref(), Some("('sad', 'ok', 'happy')"));
        assert_eq!(
            summary(&x),
            vec![(Category::Extra, Severity::Warning, "enum mood".into())]
        );

        let mut b = Schema::default();
        b.enums
            .insert(q("mood"), vec!["happy".into(), "sad".into(), "meh".into()]);
        let d = diff(&a, &b);
        assert_eq!(
            d.iter()
                .map(|c| (c.severity, c.summary.as_str()))
                .collect::<Vec<_>>(),
            vec![
                (Severity::Error, "values 'ok' are missing from the database"),
                (
                    Severity::Warning,
                    "the database has undeclared values 'meh'"
                ),
                (Severity::Warning, "values are in a different order"),
            ]
        );
        assert!(d.iter().all(|c| c.category == Category::Enum));
    }

    #[test]
    fn sequences_missing_extra_options() {
        let mut a = Schema::default();
        a.sequences.insert(q("audit.ids"), Sequence::default());
        let (m, x) = both(&a, &Schema::default());
        assert_eq!(
            summary(&m),
            vec![(
                Category::Missing,
                Severity::Error,
                "sequence audit.ids".into()
            )]
        );
        assert_eq!(
            summary(&x),
            vec![(
                Category::Extra,
                Severity::Warning,
                "sequence audit.ids".into()
            )]
        );
        assert_eq!(
            m[0].object.qualified,
            Some(QualifiedName::new("audit", "ids"))
        );

        let mut b = a.clone();
        b.sequences[0].increment = 10;
        b.sequences[0].cycle = true;
        let d = diff(&a, &b);
        assert_eq!(
            summary(&d),
            vec![(
                Category::Sequence,
                Severity::Warning,
                "sequence audit.ids".into()
            )]
        );
        assert_eq!(
            d[0].summary,
            "increment is 1 in the declaration but 10 in the database; cycle is false in the declaration but true in the database"
        );
        assert_eq!(
            d[0].live.as_deref(),
            Some("AS bigint START 1 INCREMENT 10 CACHE 1 CYCLE")
        );
    }

    #[test]
    fn tables_missing_and_extra() {
        let a = with_table("genes", genes());
        let (m, x) = both(&a, &Schema::default());
        assert_eq!(
            summary(&m),
            vec![(Category::Missing, Severity::Error, "table genes".into())]
        );
        assert_eq!(
            summary(&x),
            vec![(Category::Extra, Severity::Warning, "table genes".into())]
        );
        assert_eq!(x[0].live.as_deref(), Some("3 columns"));
    }

    #[test]
    fn columns_missing_and_extra() {
        let a = with_table("genes", genes());
        let mut t = genes();
        t.columns.shift_remove("created_at");
        let b = with_table("genes", t);
        let (m, x) = both(&a, &b);
        assert_eq!(
            summary(&m),
            vec![(
                Category::Missing,
                Severity::Error,
                "column genes.created_at".into()
            )]
        );
        assert_eq!(m[0].object.member.as_deref(), Some("created_at"));
        assert_eq!(m[0].object.table, Some(q("genes")));
        assert_eq!(
            summary(&x),
            vec![(
                Category::Extra,
                Severity::Warning,
                "column genes.created_at".into()
            )]
        );
    }

    #[test]
    fn extra_not_null_column_without_default_is_an_error() {
        let a = with_table("t", table(&[("a", col("int"))]));
        let b = with_table(
            "t",
            table(&[
                ("a", col("int")),
                (
                    "b",
                    Column {
                        nullable: false,
                        ..col("text")
                    },
                ),
            ]),
        );
        let d = diff(&a, &b);
        assert_eq!(
            summary(&d),
            vec![(Category::Extra, Severity::Error, "column t.b".into())]
        );
        assert!(d[0].summary.contains("inserts that omit it fail"));
    }

    #[test]
    fn type_versus_timezone() {
        let cases = [
            (
                "timestamp(3) with time zone",
                "timestamp(3) without time zone",
                Category::Timezone,
            ),
            (
                "timestamp without time zone",
                "timestamp with time zone",
                Category::Timezone,
            ),
            (
                "time with time zone",
                "time without time zone",
                Category::Timezone,
            ),
            (
                "timestamp with time zone[]",
                "timestamp without time zone[]",
                Category::Timezone,
            ),
            (
                "timestamp(3) with time zone",
                "timestamp(6) without time zone",
                Category::Type,
            ),
            (
                "timestamp with time zone",
                "timestamp with time zone[]",
                Category::Type,
            ),
            ("timestamp with time zone", "date", Category::Type),
            ("character varying(100)", "text", Category::Type),
            ("bigint", "integer", Category::Type),
        ];
        for (d, l, cat) in cases {
            for (x, y) in [(d, l), (l, d)] {
                let a = with_table("t", table(&[("c", col(x))]));
                let b = with_table("t", table(&[("c", col(y))]));
                let ch = diff(&a, &b);
                assert_eq!(
                    summary(&ch),
                    vec![(cat, Severity::Error, "column t.c".into())],
                    "{x} vs {y}"
                );
                assert_eq!(
                    ch[0].summary,
                    format!("type is {x} in the declaration but {y} in the database")
                );
                assert_eq!(
                    (ch[0].declared.as_deref(), ch[0].live.as_deref()),
                    (Some(x), Some(y))
                );
            }
        }
    }

    #[test]
    fn column_attributes_each_get_their_category() {
        let base = Column {
            nullable: false,
            ..col("text")
        };
        let variants: Vec<(Column, Category, Severity)> = vec![
            (
                Column {
                    default: Some("'x'::text".into()),
                    ..base.clone()
                },
                Category::Default,
                Severity::Warning,
            ),
            (
                Column {
                    nullable: true,
                    ..base.clone()
                },
                Category::Nullability,
                Severity::Error,
            ),
            (
                Column {
                    identity: Some(Identity::Always),
                    ..base.clone()
                },
                Category::Identity,
                Severity::Error,
            ),
            (
                Column {
                    generated: Some("upper(x)".into()),
                    ..base.clone()
                },
                Category::Generated,
                Severity::Error,
            ),
            (
                Column {
                    collation: Some("\"C\"".into()),
                    ..base.clone()
                },
                Category::Collation,
                Severity::Warning,
            ),
            (
                Column {
                    comment: Some("hi".into()),
                    ..base.clone()
                },
                Category::Comment,
                Severity::Warning,
            ),
        ];
        for (v, cat, sev) in variants {
            let a = with_table("t", table(&[("c", base.clone())]));
            let b = with_table("t", table(&[("c", v)]));
            let (d1, d2) = both(&a, &b);
            assert_eq!(summary(&d1), vec![(cat, sev, "column t.c".into())]);
            assert_eq!(summary(&d2), vec![(cat, sev, "column t.c".into())]);
        }
        let a = with_table(
            "t",
            table(&[(
                "c",
                Column {
                    default: Some("0".into()),
                    ..col("int")
                },
            )]),
        );
        let b = with_table(
            "t",
            table(&[(
                "c",
                Column {
                    default: Some("1".into()),
                    ..col("int")
                },
            )]),
        );
        assert_eq!(
            diff(&a, &b)[0].summary,
            "default is 0 in the declaration but 1 in the database"
        );
        assert_eq!(
            diff(&a, &with_table("t", table(&[("c", col("int"))])))[0].summary,
            "default 0 is declared but the database has none"
        );
    }

    #[test]
    fn column_order_is_a_type_warning() {
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
                (Category::Type, Severity::Warning, "table t".into()),
                (Category::Extra, Severity::Warning, "column t.z".into())
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
    fn possible_rename_is_a_hint_on_both_changes() {
        let a = with_table(
            "t",
            table(&[("id", col("int")), ("full_name", col("text"))]),
        );
        let b = with_table("t", table(&[("id", col("int")), ("name", col("text"))]));
        let d = diff(&a, &b);
        assert_eq!(
            summary(&d),
            vec![
                (
                    Category::Missing,
                    Severity::Error,
                    "column t.full_name".into()
                ),
                (Category::Extra, Severity::Warning, "column t.name".into())
            ]
        );
        for c in &d {
            assert_eq!(c.possible_rename.as_deref(), Some("name -> full_name"));
            assert!(c.detail.as_deref().unwrap().contains("renamed_from: name"));
        }
        // Different type: no hint. Ambiguous (two candidates): no hint.
        let b2 = with_table("t", table(&[("id", col("int")), ("name", col("varchar"))]));
        assert!(diff(&a, &b2).iter().all(|c| c.possible_rename.is_none()));
        let b3 = with_table(
            "t",
            table(&[
                ("id", col("int")),
                ("name", col("text")),
                ("nick", col("text")),
            ]),
        );
        assert!(diff(&a, &b3).iter().all(|c| c.possible_rename.is_none()));
    }

    #[test]
    fn renamed_from_column_is_one_change_and_still_compared() {
        let a = with_table(
            "t",
            table(&[(
                "full_name",
                Column {
                    renamed_from: Some("name".into()),
                    ..col("text")
                },
            )]),
        );
        let b = with_table("t", table(&[("name", col("varchar(10)"))]));
        let d = diff(&a, &b);
        assert_eq!(
            summary(&d),
            vec![
                (
                    Category::Missing,
                    Severity::Error,
                    "column t.full_name".into()
                ),
                (Category::Type, Severity::Error, "column t.full_name".into())
            ]
        );
        assert_eq!(d[0].renamed_from.as_deref(), Some("name"));
        assert_eq!(d[0].summary, "column t.full_name is declared as renamed from t.name; the database still has the old name");
        // Already renamed: nothing to do.
        let done = with_table("t", table(&[("full_name", col("text"))]));
        assert!(diff(&a, &done).is_empty());
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
                renamed_from: Some("gene_id_check".into()),
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
                renamed_from: None,
            },
        );
        let b = with_table("gene", old);
        let d = diff(&a, &b);
        assert_eq!(
            summary(&d),
            vec![
                (Category::Missing, Severity::Error, "table genes".into()),
                (
                    Category::Missing,
                    Severity::Error,
                    "check constraint genes_id_check on genes".into()
                ),
                (
                    Category::Missing,
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

    fn fk() -> ForeignKey {
        ForeignKey {
            columns: vec!["gene_id".into()],
            references: Reference {
                table: q("genes"),
                columns: vec!["id".into()],
            },
            on_delete: FkAction::Cascade,
            on_update: FkAction::NoAction,
            deferrable: false,
            initially_deferred: false,
            match_full: false,
            renamed_from: None,
        }
    }

    #[test]
    fn foreign_keys_missing_extra_and_different() {
        let mut t = table(&[("gene_id", col("bigint"))]);
        t.foreign_keys.insert("x_gene_fk".into(), fk());
        let a = with_table("x", t.clone());
        let b = with_table("x", table(&[("gene_id", col("bigint"))]));
        let (m, x) = both(&a, &b);
        assert_eq!(
            summary(&m),
            vec![(
                Category::Missing,
                Severity::Error,
                "foreign key x_gene_fk on x".into()
            )]
        );
        assert_eq!(
            m[0].declared.as_deref(),
            Some("(gene_id) REFERENCES genes(id) ON DELETE CASCADE")
        );
        assert_eq!(
            summary(&x),
            vec![(
                Category::Extra,
                Severity::Warning,
                "foreign key x_gene_fk on x".into()
            )]
        );

        let mut t2 = t.clone();
        t2.foreign_keys[0].on_delete = FkAction::NoAction;
        t2.foreign_keys[0].match_full = true;
        let d = diff(&a, &with_table("x", t2));
        assert_eq!(
            summary(&d),
            vec![(
                Category::ForeignKey,
                Severity::Error,
                "foreign key x_gene_fk on x".into()
            )]
        );
        assert_eq!(
            d[0].summary,
            "on delete is CASCADE in the declaration but NO ACTION in the database; match is SIMPLE in the declaration but FULL in the database"
        );
        let mut t3 = t.clone();
        t3.foreign_keys[0].references.table = q("audit.genes");
        assert_eq!(
            diff(&a, &with_table("x", t3))[0].summary,
            "the target is genes(id) in the declaration but audit.genes(id) in the database"
        );
    }

    #[test]
    fn constraints_missing_extra_and_different() {
        let mut t = genes();
        t.unique.insert(
            "genes_symbol_key".into(),
            UniqueConstraint {
                columns: vec!["symbol".into()],
                ..Default::default()
            },
        );
        t.checks.insert(
            "genes_id_check".into(),
            Check {
                expression: "(id > 0)".into(),
                renamed_from: None,
            },
        );
        t.exclusions.insert(
            "genes_ex".into(),
            Exclusion {
                definition: "USING gist (symbol WITH =)".into(),
                renamed_from: None,
            },
        );
        let a = with_table("genes", t.clone());
        let mut bare = genes();
        bare.primary_key = None;
        let (m, x) = both(&a, &with_table("genes", bare));
        let expect = |cat, sev| {
            vec![
                (cat, sev, "primary key genes_pkey on genes".to_string()),
                (
                    cat,
                    sev,
                    "unique constraint genes_symbol_key on genes".to_string(),
                ),
                (
                    cat,
                    sev,
                    "check constraint genes_id_check on genes".to_string(),
                ),
                (
                    cat,
                    sev,
                    "exclusion constraint genes_ex on genes".to_string(),
                ),
            ]
        };
        assert_eq!(summary(&m), expect(Category::Missing, Severity::Error));
        assert_eq!(summary(&x), expect(Category::Extra, Severity::Warning));

        let mut t2 = t.clone();
        t2.primary_key = Some(PrimaryKey {
            name: "genes_pkey".into(),
            columns: vec!["id".into(), "symbol".into()],
        });
        t2.unique[0].nulls_not_distinct = true;
        t2.checks[0].expression = "(id >= 0)".into();
        t2.exclusions[0].definition = "USING gist (symbol WITH &&)".into();
        let d = diff(&a, &with_table("genes", t2));
        assert_eq!(summary(&d), expect(Category::Constraint, Severity::Warning));
        assert_eq!(
            d[0].summary,
            "the key is (id) in the declaration but (id, symbol) in the database"
        );
        assert_eq!(d[2].declared.as_deref(), Some("CHECK ((id > 0))"));
    }

    #[test]
    fn indexes_missing_extra_different_and_comment() {
        let mut t = genes();
        t.indexes.insert(
            "genes_symbol_idx".into(),
            Index {
                columns: vec!["symbol".into()],
                ..Default::default()
            },
        );
        t.indexes.insert(
            "genes_symbol_key".into(),
            Index {
                unique: true,
                columns: vec!["symbol".into()],
                ..Default::default()
            },
        );
        let a = with_table("genes", t.clone());
        let (m, x) = both(&a, &with_table("genes", genes()));
        assert_eq!(
            summary(&m),
            vec![
                (
                    Category::Missing,
                    Severity::Warning,
                    "index genes_symbol_idx on genes".into()
                ),
                (
                    Category::Missing,
                    Severity::Error,
                    "index genes_symbol_key on genes".into()
                ),
            ]
        );
        assert_eq!(summary(&x).len(), 2);
        assert!(x
            .iter()
            .all(|c| c.category == Category::Extra && c.severity == Severity::Warning));

        let mut t2 = t.clone();
        t2.indexes[0].predicate = Some("(symbol IS NOT NULL)".into());
        t2.indexes[0].method = "hash".into();
        t2.indexes[1].comment = Some("lookup".into());
        let d = diff(&a, &with_table("genes", t2));
        assert_eq!(
            summary(&d),
            vec![
                (
                    Category::Index,
                    Severity::Warning,
                    "index genes_symbol_idx on genes".into()
                ),
                (
                    Category::Comment,
                    Severity::Warning,
                    "index genes_symbol_key on genes".into()
                ),
            ]
        );
        assert_eq!(
            d[0].live.as_deref(),
            Some("USING hash (symbol) WHERE (symbol IS NOT NULL)")
        );
        assert_eq!(
            d[0].summary,
            "method is btree in the declaration but hash in the database; the predicate is (none) in the declaration but (symbol IS NOT NULL) in the database"
        );
    }

    #[test]
    fn unique_constraint_and_equivalent_index_are_different_objects() {
        let mut t = genes();
        t.unique.insert(
            "genes_symbol_key".into(),
            UniqueConstraint {
                columns: vec!["symbol".into()],
                ..Default::default()
            },
        );
        let mut t2 = genes();
        t2.indexes.insert(
            "genes_symbol_key".into(),
            Index {
                unique: true,
                columns: vec!["symbol".into()],
                ..Default::default()
            },
        );
        let d = diff(&with_table("genes", t), &with_table("genes", t2));
        assert_eq!(
            summary(&d),
            vec![
                (
                    Category::Missing,
                    Severity::Error,
                    "unique constraint genes_symbol_key on genes".into()
                ),
                (
                    Category::Extra,
                    Severity::Warning,
                    "index genes_symbol_key on genes".into()
                ),
            ]
        );
    }

    fn with_view(name: &str, v: View) -> Schema {
        let mut s = Schema::default();
        s.views.insert(q(name), v);
        s
    }

    #[test]
    fn views_missing_extra_kind_body_comment_indexes() {
        let v = View {
            definition: " SELECT genes.id\n   FROM genes;".into(),
            ..Default::default()
        };
        let a = with_view("gene_ids", v.clone());
        let (m, x) = both(&a, &Schema::default());
        assert_eq!(
            summary(&m),
            vec![(Category::Missing, Severity::Error, "view gene_ids".into())]
        );
        assert_eq!(
            summary(&x),
            vec![(Category::Extra, Severity::Warning, "view gene_ids".into())]
        );

        let mut mv = v.clone();
        mv.materialized = true;
        let d = diff(&with_view("gene_ids", mv.clone()), &a);
        assert_eq!(
            summary(&d),
            vec![(
                Category::View,
                Severity::Warning,
                "materialized view gene_ids".into()
            )]
        );
        assert_eq!(
            d[0].summary,
            "it is a materialized view in the declaration but a plain view in the database"
        );

        let mut body = v.clone();
        body.definition = " SELECT genes.id\n   FROM genes\n  WHERE (genes.id > 0);".into();
        body.comment = Some("ids".into());
        body.depends_on = vec![q("genes")];
        let d = diff(&with_view("gene_ids", body), &a);
        assert_eq!(
            summary(&d),
            vec![
                (Category::View, Severity::Warning, "view gene_ids".into()),
                (Category::Comment, Severity::Warning, "view gene_ids".into())
            ]
        );
        assert_eq!(
            d[0].detail.as_deref(),
            Some("--- live\n+++ declared\n@@ -1,2 +1,3 @@\n  SELECT genes.id\n-   FROM genes;\n+   FROM genes\n+  WHERE (genes.id > 0);\n")
        );

        let mut mvi = mv.clone();
        mvi.indexes.insert(
            "gene_ids_idx".into(),
            Index {
                columns: vec!["id".into()],
                ..Default::default()
            },
        );
        let d = diff(&with_view("gene_ids", mvi), &with_view("gene_ids", mv));
        assert_eq!(
            summary(&d),
            vec![(
                Category::Missing,
                Severity::Warning,
                "index gene_ids_idx on gene_ids".into()
            )]
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
            .map(|c| format!("{} {}", c.category, c.object.describe()))
            .collect();
        assert_eq!(
            names,
            vec![
                "missing extension citext",
                "missing enum e",
                "missing table b",
                "type column a.x",
                "extra column a.y",
                "extra table z",
                "missing view v",
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
            filter_categories(changes.clone(), &[Category::Default]).len(),
            1
        );
        assert_eq!(filter_categories(changes.clone(), &[]).len(), 2);

        assert_eq!(exit_code(&[], &Policy::default()), 0);
        assert_eq!(exit_code(&changes, &Policy::default()), 1);
        let only_default = &changes[1..];
        let p = |fail: Option<&[Category]>, warn: &[Category]| Policy {
            fail_on: fail.map(|f| f.to_vec()),
            warn_on: warn.to_vec(),
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
            r#"{"category":"type","severity":"error","object":{"kind":"column","table":"t","name":"t.c","member":"c"},"summary":"type is bigint in the declaration but integer in the database","declared":"bigint","live":"integer","detail":null,"possible_rename":null,"renamed_from":null}"#
        );
    }
}
