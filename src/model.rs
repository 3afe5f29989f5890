//! The one model every stage speaks.
//!
//! `Schema` is what the loader builds from `schema.yaml` + `views/`, what introspection reads from
//! a live database, and what a snapshot file is (a `Schema` serialized to YAML). Maps are
//! `IndexMap`s so file order, and therefore every output, is deterministic.
//!
//! Text that PostgreSQL parses (types, defaults, check expressions, index keys, predicates, view
//! bodies) is kept as text. It is never compared raw: the declared side is normalized by running
//! it through PostgreSQL and reading it back with the same deparsers as the live side.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// The schema objects live in unless a name says otherwise.
pub const DEFAULT_SCHEMA: &str = "public";

/// A schema-qualified name. Written in YAML as `name` (schema `public`) or `schema.name`; a part
/// that itself contains a dot or a double quote is written in double quotes (`"my.table"`).
/// Names are exact: no case folding happens, `Users` means the table named `Users`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QualifiedName {
    pub schema: String,
    pub name: String,
}

impl QualifiedName {
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        QualifiedName {
            schema: schema.into(),
            name: name.into(),
        }
    }

    /// Parses the YAML spelling (`name`, `schema.name`, `"a.b"`, `s."a.b"`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let parts = split_name_parts(text)?;
        match parts.as_slice() {
            [name] => Ok(QualifiedName::new(DEFAULT_SCHEMA, name.clone())),
            [schema, name] => Ok(QualifiedName::new(schema.clone(), name.clone())),
            _ => Err(format!("`{text}` has more than two dot-separated parts; write schema.name and quote a part that contains a dot")),
        }
    }

    /// The SQL spelling, always quoted: `"public"."genes"`.
    pub fn sql(&self) -> String {
        format!("{}.{}", quote_ident(&self.schema), quote_ident(&self.name))
    }

    /// The YAML / display spelling: `genes`, `audit.events`.
    pub fn display_name(&self) -> String {
        let name = yaml_part(&self.name);
        if self.schema == DEFAULT_SCHEMA {
            name
        } else {
            format!("{}.{}", yaml_part(&self.schema), name)
        }
    }
}

fn yaml_part(part: &str) -> String {
    if part.is_empty() || part.contains('.') || part.contains('"') {
        format!("\"{}\"", part.replace('"', "\"\""))
    } else {
        part.to_string()
    }
}

/// Splits a dotted name (`a.b`, `"x.y".b`, `s."We""ird"`) into its exact parts.
pub fn split_name_parts(text: &str) -> Result<Vec<String>, String> {
    let mut parts = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        let mut part = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        part.push('"');
                    }
                    Some('"') => break,
                    Some(c) => part.push(c),
                    None => return Err(format!("unterminated quote in name `{text}`")),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == '.' {
                    break;
                }
                part.push(c);
                chars.next();
            }
        }
        if part.is_empty() {
            return Err(format!("empty name part in `{text}`"));
        }
        parts.push(part);
        match chars.next() {
            None => return Ok(parts),
            Some('.') => continue,
            Some(c) => return Err(format!("unexpected `{c}` after a quoted part in `{text}`")),
        }
    }
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_name())
    }
}

impl Serialize for QualifiedName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.display_name())
    }
}

impl<'de> Deserialize<'de> for QualifiedName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        QualifiedName::parse(&text).map_err(de::Error::custom)
    }
}

/// Quotes an identifier for SQL, always: names with capitals, spaces, quotes and reserved words
/// must round-trip, and always quoting is simpler than knowing the keyword list.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Quotes a string literal for SQL (standard_conforming_strings is on since PostgreSQL 9.1).
pub fn quote_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn is_false(b: &bool) -> bool {
    !*b
}
fn is_true(b: &bool) -> bool {
    *b
}
fn yes() -> bool {
    true
}

/// The whole declared or introspected schema.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// The PostgreSQL major version whose deparser printed the SQL text in this model. Set in
    /// snapshots (so a check against one can refuse a normalizer of another major version);
    /// absent in declared files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postgres: Option<u32>,
    /// Schemas other than `public` that the objects live in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<String>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub extensions: IndexMap<String, Extension>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub enums: IndexMap<QualifiedName, Vec<String>>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub sequences: IndexMap<QualifiedName, Sequence>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub tables: IndexMap<QualifiedName, Table>,
    /// Views and materialized views. In a declared project they come from `views/*.sql`; a
    /// snapshot keeps them inline.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub views: IndexMap<QualifiedName, View>,
    /// Objects `check` leaves out (not part of the schema itself).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<IgnoreRule>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    /// Schema the extension's objects live in (`public` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Compared only when declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sequence {
    /// `smallint`, `integer` or `bigint`.
    #[serde(default = "bigint", rename = "type")]
    pub data_type: String,
    #[serde(default = "one")]
    pub start: i64,
    #[serde(default = "one")]
    pub increment: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_value: Option<i64>,
    #[serde(default = "one")]
    pub cache: i64,
    #[serde(default, skip_serializing_if = "is_false")]
    pub cycle: bool,
    /// `table.column` (or `schema.table.column`) whose drop drops the sequence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owned_by: Option<String>,
}

fn bigint() -> String {
    "bigint".to_string()
}
fn one() -> i64 {
    1
}

impl Default for Sequence {
    fn default() -> Self {
        Sequence {
            data_type: bigint(),
            start: 1,
            increment: 1,
            min_value: None,
            max_value: None,
            cache: 1,
            cycle: false,
            owned_by: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Column order is part of the schema: `SELECT *` and a rebuilt table depend on it.
    pub columns: IndexMap<String, Column>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<PrimaryKey>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub unique: IndexMap<String, UniqueConstraint>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub checks: IndexMap<String, Check>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub foreign_keys: IndexMap<String, ForeignKey>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub exclusions: IndexMap<String, Exclusion>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub indexes: IndexMap<String, Index>,
    /// Explicit rename: the table used to be called this (same schema).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Identity {
    Always,
    ByDefault,
}

impl Identity {
    pub fn sql(self) -> &'static str {
        match self {
            Identity::Always => "GENERATED ALWAYS AS IDENTITY",
            Identity::ByDefault => "GENERATED BY DEFAULT AS IDENTITY",
        }
    }
}

/// A column. In YAML a column can be just its type (`name: text`), or a map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    #[serde(rename = "type")]
    pub data_type: String,
    #[serde(skip_serializing_if = "is_true")]
    pub nullable: bool,
    /// A SQL expression: a string literal needs its quotes (`"'active'"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// `GENERATED ALWAYS AS (expr) STORED`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

impl Column {
    pub fn of_type(data_type: impl Into<String>) -> Self {
        Column {
            data_type: data_type.into(),
            nullable: true,
            default: None,
            identity: None,
            generated: None,
            collation: None,
            comment: None,
            renamed_from: None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnLong {
    #[serde(rename = "type")]
    data_type: String,
    #[serde(default = "yes")]
    nullable: bool,
    #[serde(default, deserialize_with = "sql_scalar_opt")]
    default: Option<String>,
    #[serde(default)]
    identity: Option<Identity>,
    #[serde(default)]
    generated: Option<String>,
    #[serde(default)]
    collation: Option<String>,
    #[serde(default)]
    comment: Option<String>,
    #[serde(default)]
    renamed_from: Option<String>,
}

impl<'de> Deserialize<'de> for Column {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ColumnVisitor;
        impl<'de> Visitor<'de> for ColumnVisitor {
            type Value = Column;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a type name (e.g. `text`) or a map with `type:` and other column keys")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Column, E> {
                Ok(Column::of_type(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Column, A::Error> {
                let long = ColumnLong::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Column {
                    data_type: long.data_type,
                    nullable: long.nullable,
                    default: long.default,
                    identity: long.identity,
                    generated: long.generated,
                    collation: long.collation,
                    comment: long.comment,
                    renamed_from: long.renamed_from,
                })
            }
        }
        d.deserialize_any(ColumnVisitor)
    }
}

/// Accepts a YAML string, number or boolean as SQL text (`default: 0`, `default: true`).
pub fn sql_scalar_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct ScalarVisitor;
    impl<'de> Visitor<'de> for ScalarVisitor {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a SQL expression (string, number or boolean)")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(ScalarVisitor)
}

/// `primary_key: [id]` or `primary_key: {name: genes_pkey, columns: [id]}`. An empty name is
/// filled in by the loader with PostgreSQL's default (`<table>_pkey`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PrimaryKey {
    pub name: String,
    pub columns: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PrimaryKeyLong {
    #[serde(default)]
    name: String,
    columns: Vec<String>,
}

impl<'de> Deserialize<'de> for PrimaryKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PkVisitor;
        impl<'de> Visitor<'de> for PkVisitor {
            type Value = PrimaryKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a column list (e.g. `[id]`), a column name, or a map with `name` and `columns`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PrimaryKey, E> {
                Ok(PrimaryKey {
                    name: String::new(),
                    columns: vec![v.to_string()],
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<PrimaryKey, A::Error> {
                let columns =
                    Vec::<String>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(PrimaryKey {
                    name: String::new(),
                    columns,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PrimaryKey, A::Error> {
                let long = PrimaryKeyLong::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(PrimaryKey {
                    name: long.name,
                    columns: long.columns,
                })
            }
        }
        d.deserialize_any(PkVisitor)
    }
}

/// `name: [col, ...]` or the long form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UniqueConstraint {
    pub columns: Vec<String>,
    #[serde(skip_serializing_if = "is_false")]
    pub nulls_not_distinct: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub deferrable: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub initially_deferred: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UniqueLong {
    columns: Vec<String>,
    #[serde(default)]
    nulls_not_distinct: bool,
    #[serde(default)]
    deferrable: bool,
    #[serde(default)]
    initially_deferred: bool,
    #[serde(default)]
    renamed_from: Option<String>,
}

impl<'de> Deserialize<'de> for UniqueConstraint {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct UqVisitor;
        impl<'de> Visitor<'de> for UqVisitor {
            type Value = UniqueConstraint;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a column list (e.g. `[symbol]`) or a map with `columns`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(UniqueConstraint {
                    columns: vec![v.to_string()],
                    ..Default::default()
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                let columns =
                    Vec::<String>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(UniqueConstraint {
                    columns,
                    ..Default::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let l = UniqueLong::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(UniqueConstraint {
                    columns: l.columns,
                    nulls_not_distinct: l.nulls_not_distinct,
                    deferrable: l.deferrable,
                    initially_deferred: l.initially_deferred,
                    renamed_from: l.renamed_from,
                })
            }
        }
        d.deserialize_any(UqVisitor)
    }
}

/// `name: "expression"` or `{expression: ..., renamed_from: ...}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Check {
    pub expression: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckLong {
    expression: String,
    #[serde(default)]
    renamed_from: Option<String>,
}

impl<'de> Deserialize<'de> for Check {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CkVisitor;
        impl<'de> Visitor<'de> for CkVisitor {
            type Value = Check;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a boolean SQL expression or a map with `expression`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Check {
                    expression: v.to_string(),
                    renamed_from: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let l = CheckLong::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Check {
                    expression: l.expression,
                    renamed_from: l.renamed_from,
                })
            }
        }
        d.deserialize_any(CkVisitor)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FkAction {
    #[default]
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl FkAction {
    pub fn sql(self) -> &'static str {
        match self {
            FkAction::NoAction => "NO ACTION",
            FkAction::Restrict => "RESTRICT",
            FkAction::Cascade => "CASCADE",
            FkAction::SetNull => "SET NULL",
            FkAction::SetDefault => "SET DEFAULT",
        }
    }
    fn is_default(&self) -> bool {
        *self == FkAction::NoAction
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForeignKey {
    pub columns: Vec<String>,
    pub references: Reference,
    #[serde(default, skip_serializing_if = "FkAction::is_default")]
    pub on_delete: FkAction,
    #[serde(default, skip_serializing_if = "FkAction::is_default")]
    pub on_update: FkAction,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deferrable: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub initially_deferred: bool,
    /// `MATCH FULL` instead of the default `MATCH SIMPLE`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub match_full: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

/// What a foreign key points at. YAML: `genes(id)`, `audit.events(id, at)`, or
/// `{table: genes, columns: [id]}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub table: QualifiedName,
    pub columns: Vec<String>,
}

impl Reference {
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let open = text
            .find('(')
            .ok_or_else(|| format!("`{text}` should look like `table(column, ...)`"))?;
        if !text.ends_with(')') {
            return Err(format!("`{text}` should look like `table(column, ...)`"));
        }
        let table = QualifiedName::parse(text[..open].trim())?;
        let columns: Vec<String> = text[open + 1..text.len() - 1]
            .split(',')
            .map(|c| c.trim().trim_matches('"').to_string())
            .filter(|c| !c.is_empty())
            .collect();
        if columns.is_empty() {
            return Err(format!("`{text}` names no referenced column"));
        }
        Ok(Reference { table, columns })
    }

    pub fn display(&self) -> String {
        let cols: Vec<String> = self
            .columns
            .iter()
            .map(|c| {
                if c.contains(',') || c.contains('(') || c.contains(')') {
                    format!("\"{c}\"")
                } else {
                    c.clone()
                }
            })
            .collect();
        format!("{}({})", self.table.display_name(), cols.join(", "))
    }
}

impl Serialize for Reference {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.display())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferenceLong {
    table: QualifiedName,
    columns: Vec<String>,
}

impl<'de> Deserialize<'de> for Reference {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RefVisitor;
        impl<'de> Visitor<'de> for RefVisitor {
            type Value = Reference;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`table(column, ...)` or a map with `table` and `columns`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Reference::parse(v).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let l = ReferenceLong::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Reference {
                    table: l.table,
                    columns: l.columns,
                })
            }
        }
        d.deserialize_any(RefVisitor)
    }
}

/// An exclusion constraint, kept as PostgreSQL prints it after `EXCLUDE`:
/// `USING gist (room WITH =, during WITH &&)`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Exclusion {
    pub definition: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExclusionLong {
    definition: String,
    #[serde(default)]
    renamed_from: Option<String>,
}

impl<'de> Deserialize<'de> for Exclusion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ExVisitor;
        impl<'de> Visitor<'de> for ExVisitor {
            type Value = Exclusion;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the text after EXCLUDE (e.g. `USING gist (room WITH =)`) or a map with `definition`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Exclusion {
                    definition: v.to_string(),
                    renamed_from: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let l = ExclusionLong::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Exclusion {
                    definition: l.definition,
                    renamed_from: l.renamed_from,
                })
            }
        }
        d.deserialize_any(ExVisitor)
    }
}

/// An index. `columns` are SQL key elements exactly as they would appear inside
/// `CREATE INDEX ... (...)`: a column (`symbol`, `"Symbol"`), an expression (`lower(symbol)`),
/// with opclass, collation, `DESC`, `NULLS FIRST` as needed. YAML short form: `name: [keys]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Index {
    #[serde(skip_serializing_if = "is_false")]
    pub unique: bool,
    #[serde(rename = "using", skip_serializing_if = "is_btree")]
    pub method: String,
    pub columns: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    #[serde(rename = "where", skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    #[serde(skip_serializing_if = "is_false")]
    pub nulls_not_distinct: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

fn is_btree(m: &String) -> bool {
    m == "btree"
}

impl Default for Index {
    fn default() -> Self {
        Index {
            unique: false,
            method: "btree".to_string(),
            columns: Vec::new(),
            include: Vec::new(),
            predicate: None,
            nulls_not_distinct: false,
            comment: None,
            renamed_from: None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndexLong {
    #[serde(default)]
    unique: bool,
    #[serde(default, rename = "using")]
    method: Option<String>,
    columns: Vec<String>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default, rename = "where")]
    predicate: Option<String>,
    #[serde(default)]
    nulls_not_distinct: bool,
    #[serde(default)]
    comment: Option<String>,
    #[serde(default)]
    renamed_from: Option<String>,
}

impl<'de> Deserialize<'de> for Index {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct IxVisitor;
        impl<'de> Visitor<'de> for IxVisitor {
            type Value = Index;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a list of key columns/expressions or a map with `columns` and index options",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Index {
                    columns: vec![v.to_string()],
                    ..Default::default()
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                let columns =
                    Vec::<String>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Index {
                    columns,
                    ..Default::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let l = IndexLong::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Index {
                    unique: l.unique,
                    method: l.method.unwrap_or_else(|| "btree".to_string()),
                    columns: l.columns,
                    include: l.include,
                    predicate: l.predicate,
                    nulls_not_distinct: l.nulls_not_distinct,
                    comment: l.comment,
                    renamed_from: l.renamed_from,
                })
            }
        }
        d.deserialize_any(IxVisitor)
    }
}

/// A view or materialized view.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    #[serde(default, skip_serializing_if = "is_false")]
    pub materialized: bool,
    /// The query after `AS`, as `pg_get_viewdef(oid, true)` prints it once normalized.
    pub definition: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Indexes on a materialized view.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub indexes: IndexMap<String, Index>,
    /// Relations this view reads, from `pg_depend` (derived, never written by hand).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<QualifiedName>,
}

/// Leaves objects out of `check`: `{kind: table, name: "alembic_*", reason: "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreRule {
    /// `table`, `view`, `column`, `index`, `constraint`, `sequence`, `enum`, `extension` or `*`.
    #[serde(default = "any_kind")]
    pub kind: String,
    /// A glob on the object's display name (`*` and `?`), e.g. `alembic_version`, `audit.*`,
    /// `genes.legacy_*` for columns.
    pub name: String,
    pub reason: String,
}

fn any_kind() -> String {
    "*".to_string()
}

impl Schema {
    /// Every relation name (tables, views) that a foreign key or view may reference.
    pub fn has_relation(&self, name: &QualifiedName) -> bool {
        self.tables.contains_key(name) || self.views.contains_key(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualified_names_parse_and_print() {
        let q = QualifiedName::parse("audit.events").unwrap();
        assert_eq!(q, QualifiedName::new("audit", "events"));
        assert_eq!(q.sql(), "\"audit\".\"events\"");
        assert_eq!(
            QualifiedName::parse("genes").unwrap().display_name(),
            "genes"
        );
        let dotted = QualifiedName::new("public", "my.table");
        assert_eq!(dotted.display_name(), "\"my.table\"");
        assert_eq!(QualifiedName::parse("\"my.table\"").unwrap(), dotted);
        assert!(QualifiedName::parse("a.b.c").is_err());
        assert!(QualifiedName::parse("\"open").is_err());
    }

    #[test]
    fn quoting_doubles_quotes() {
        assert_eq!(quote_ident("we\"ird Name"), "\"we\"\"ird Name\"");
        assert_eq!(quote_literal("it's"), "'it''s'");
    }

    #[test]
    fn references_parse() {
        let r = Reference::parse("audit.events(id, at)").unwrap();
        assert_eq!(r.table, QualifiedName::new("audit", "events"));
        assert_eq!(r.columns, vec!["id", "at"]);
        assert!(Reference::parse("genes").is_err());
    }
}
