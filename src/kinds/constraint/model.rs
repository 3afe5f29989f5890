//! The constraint models: primary key, unique, check, foreign key, exclusion.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::on_delete::OnDelete;
use crate::model::{is_false, QualifiedName};

/// `primary_key: [id]` or `primary_key: {name: genes_pkey, columns: [id]}`. An empty name is
/// filled in by the loader with PostgreSQL's default (`<table>_pkey`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PrimaryKey {
    pub name: String,
    pub columns: Vec<String>,
    /// `INCLUDE (…)`: columns stored in the key's index but not part of the key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    #[serde(skip_serializing_if = "is_false")]
    pub deferrable: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub initially_deferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `COMMENT ON INDEX` of the index that enforces the key (named like the constraint).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_comment: Option<String>,
    /// `USING INDEX TABLESPACE name` of the index that enforces it; absent: the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tablespace: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PrimaryKeyLong {
    #[serde(default)]
    name: String,
    columns: Vec<String>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    deferrable: bool,
    #[serde(default)]
    initially_deferred: bool,
    #[serde(default)]
    comment: Option<String>,
    #[serde(default)]
    index_comment: Option<String>,
    #[serde(default)]
    tablespace: Option<String>,
}

impl<'de> Deserialize<'de> for PrimaryKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let columns = |columns| PrimaryKey {
            columns,
            ..Default::default()
        };
        let long = |l: PrimaryKeyLong| PrimaryKey {
            name: l.name,
            columns: l.columns,
            include: l.include,
            deferrable: l.deferrable,
            initially_deferred: l.initially_deferred,
            comment: l.comment,
            index_comment: l.index_comment,
            tablespace: l.tablespace,
        };
        let expecting =
            "a column list (e.g. `[id]`), a column name, or a map with `name` and `columns`";
        column_list_or_long(d, expecting, columns, long)
    }
}

/// `name: [col, ...]` or the long form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UniqueConstraint {
    pub columns: Vec<String>,
    /// `INCLUDE (…)`: columns stored in the constraint's index but not part of the key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    #[serde(skip_serializing_if = "is_false")]
    pub nulls_not_distinct: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub deferrable: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub initially_deferred: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `COMMENT ON INDEX` of the index that enforces the constraint (named like it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_comment: Option<String>,
    /// `USING INDEX TABLESPACE name` of the index that enforces it; absent: the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tablespace: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UniqueLong {
    columns: Vec<String>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    nulls_not_distinct: bool,
    #[serde(default)]
    deferrable: bool,
    #[serde(default)]
    initially_deferred: bool,
    #[serde(default)]
    renamed_from: Option<String>,
    #[serde(default)]
    comment: Option<String>,
    #[serde(default)]
    index_comment: Option<String>,
    #[serde(default)]
    tablespace: Option<String>,
}

impl<'de> Deserialize<'de> for UniqueConstraint {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let columns = |columns| UniqueConstraint {
            columns,
            ..Default::default()
        };
        let long = |l: UniqueLong| UniqueConstraint {
            columns: l.columns,
            include: l.include,
            nulls_not_distinct: l.nulls_not_distinct,
            deferrable: l.deferrable,
            initially_deferred: l.initially_deferred,
            renamed_from: l.renamed_from,
            comment: l.comment,
            index_comment: l.index_comment,
            tablespace: l.tablespace,
        };
        let expecting = "a column list (e.g. `[symbol]`) or a map with `columns`";
        column_list_or_long(d, expecting, columns, long)
    }
}

/// `name: "expression"` or `{expression: ..., renamed_from: ...}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Check {
    pub expression: String,
    /// Added `NOT VALID`: rows that were there before are not checked (until `VALIDATE`).
    #[serde(skip_serializing_if = "is_false")]
    pub not_valid: bool,
    /// `NOT ENFORCED` (PostgreSQL 18): declared, never checked (nor validated).
    #[serde(skip_serializing_if = "is_false")]
    pub not_enforced: bool,
    /// `NO INHERIT`: inheritance children do not get it (nor can a partitioned table have one).
    #[serde(skip_serializing_if = "is_false")]
    pub no_inherit: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckLong {
    expression: String,
    #[serde(default)]
    not_valid: bool,
    #[serde(default)]
    not_enforced: bool,
    #[serde(default)]
    no_inherit: bool,
    #[serde(default)]
    renamed_from: Option<String>,
    #[serde(default)]
    comment: Option<String>,
}

impl<'de> Deserialize<'de> for Check {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let short = |expression| Check {
            expression,
            ..Default::default()
        };
        let long = |l: CheckLong| Check {
            expression: l.expression,
            not_valid: l.not_valid,
            not_enforced: l.not_enforced,
            no_inherit: l.no_inherit,
            renamed_from: l.renamed_from,
            comment: l.comment,
        };
        let expecting = "a boolean SQL expression or a map with `expression`";
        short_or_long(d, expecting, short, long)
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
    pub(crate) fn is_default(&self) -> bool {
        *self == FkAction::NoAction
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForeignKey {
    pub columns: Vec<String>,
    pub references: Reference,
    #[serde(default, skip_serializing_if = "OnDelete::is_default")]
    pub on_delete: OnDelete,
    #[serde(
        default,
        skip_serializing_if = "FkAction::is_default",
        deserialize_with = "super::on_delete::deserialize_action"
    )]
    pub on_update: FkAction,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deferrable: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub initially_deferred: bool,
    /// `MATCH FULL` instead of the default `MATCH SIMPLE`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub match_full: bool,
    /// Added `NOT VALID`: rows that were there before are not checked (until `VALIDATE`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub not_valid: bool,
    /// `NOT ENFORCED` (PostgreSQL 18): declared, never checked (nor validated).
    #[serde(default, skip_serializing_if = "is_false")]
    pub not_enforced: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
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
        if !text.contains(')') {
            // `{references: t(a, b)}`: YAML's flow map ended the value at the comma.
            return Err(format!(
                "`{text}` is cut short: inside `{{...}}` a comma ends a YAML value; quote it (`references: \"{text}, ...)\"`) or write `references:` on a line of its own"
            ));
        }
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `COMMENT ON INDEX` of the index that enforces the constraint (named like it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_comment: Option<String>,
    /// `USING INDEX TABLESPACE name` of the index that enforces it; absent: the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tablespace: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExclusionLong {
    definition: String,
    #[serde(default)]
    renamed_from: Option<String>,
    #[serde(default)]
    comment: Option<String>,
    #[serde(default)]
    index_comment: Option<String>,
    #[serde(default)]
    tablespace: Option<String>,
}

impl<'de> Deserialize<'de> for Exclusion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let short = |definition| Exclusion {
            definition,
            ..Default::default()
        };
        let long = |l: ExclusionLong| Exclusion {
            definition: l.definition,
            renamed_from: l.renamed_from,
            comment: l.comment,
            index_comment: l.index_comment,
            tablespace: l.tablespace,
        };
        let expecting =
            "the text after EXCLUDE (e.g. `USING gist (room WITH =)`) or a map with `definition`";
        short_or_long(d, expecting, short, long)
    }
}

/// A value written either as one string (`short`) or as a map of its long form `L` (`long`).
fn short_or_long<'de, D, T, L>(
    d: D,
    expecting: &'static str,
    short: fn(String) -> T,
    long: fn(L) -> T,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    L: Deserialize<'de>,
{
    d.deserialize_any(ShortOrLong {
        expecting,
        short: Short::Text(short),
        long,
    })
}

/// A key written as a column list (`[a, b]`), one column (`a`), or a map of its long form.
fn column_list_or_long<'de, D, T, L>(
    d: D,
    expecting: &'static str,
    columns: fn(Vec<String>) -> T,
    long: fn(L) -> T,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    L: Deserialize<'de>,
{
    d.deserialize_any(ShortOrLong {
        expecting,
        short: Short::List(columns),
        long,
    })
}

/// The short form: one string, or a list of strings (a string alone is then a list of one).
enum Short<T> {
    Text(fn(String) -> T),
    List(fn(Vec<String>) -> T),
}

struct ShortOrLong<T, L> {
    expecting: &'static str,
    short: Short<T>,
    long: fn(L) -> T,
}

impl<'de, T, L: Deserialize<'de>> Visitor<'de> for ShortOrLong<T, L> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok(match self.short {
            Short::List(list) => list(vec![v.to_string()]),
            Short::Text(text) => text(v.to_string()),
        })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        let Short::List(list) = self.short else {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self));
        };
        let items = Vec::<String>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(list(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        let l = L::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok((self.long)(l))
    }
}
