//! Generated columns: `GENERATED ALWAYS AS (expr) STORED` (PostgreSQL 12+) and `VIRTUAL`
//! (PostgreSQL 18+, where a bare `GENERATED ALWAYS AS (expr)` is virtual).
//!
//! In YAML `generated: "a * 2"` keeps meaning what it always meant, a STORED column, on every
//! major (so a project written before PostgreSQL 18 does not change meaning on 18), and
//! `generated: {expression: "a * 2", kind: virtual}` declares a virtual one. The SQL pgdrift
//! emits always spells the kind, never relying on the server's default.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::load::ObjectKey;
use crate::model::Schema;

/// Where a generated column's values live: computed on write and stored, or computed on read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GeneratedKind {
    #[default]
    Stored,
    Virtual,
}

impl GeneratedKind {
    /// The keyword after `GENERATED ALWAYS AS (expr)`.
    pub fn sql(self) -> &'static str {
        match self {
            GeneratedKind::Stored => "STORED",
            GeneratedKind::Virtual => "VIRTUAL",
        }
    }

    /// `pg_attribute.attgenerated`: `s` or `v` (`''` is not a generated column: `None`).
    pub fn from_catalog(code: &str) -> Option<Result<Self, String>> {
        match code {
            "" => None,
            "s" => Some(Ok(GeneratedKind::Stored)),
            "v" => Some(Ok(GeneratedKind::Virtual)),
            other => Some(Err(format!("attgenerated `{other}`"))),
        }
    }
}

/// `GENERATED ALWAYS AS (expr) STORED|VIRTUAL`, as CREATE TABLE and the reports spell it.
pub fn clause(expression: &str, kind: GeneratedKind) -> String {
    format!("GENERATED ALWAYS AS ({expression}) {}", kind.sql())
}

/// A declared `generated:`: the short form (a string, STORED) or the long one.
pub(crate) struct GeneratedDecl(pub String, pub GeneratedKind);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GeneratedLong {
    expression: String,
    #[serde(default)]
    kind: GeneratedKind,
}

impl<'de> Deserialize<'de> for GeneratedDecl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct GenVisitor;
        impl<'de> Visitor<'de> for GenVisitor {
            type Value = GeneratedDecl;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an expression (a STORED column), or a map with `expression` and `kind: stored|virtual`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<GeneratedDecl, E> {
                Ok(GeneratedDecl(v.to_string(), GeneratedKind::Stored))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<GeneratedDecl, A::Error> {
                let l = GeneratedLong::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(GeneratedDecl(l.expression, l.kind))
            }
        }
        d.deserialize_any(GenVisitor)
    }
}

/// `generated` as written: the short form for STORED (what every existing project holds), the
/// long one for VIRTUAL.
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum GeneratedField<'a> {
    Short(&'a str),
    Long {
        expression: &'a str,
        kind: GeneratedKind,
    },
}

impl<'a> GeneratedField<'a> {
    pub(crate) fn of(expression: Option<&'a str>, kind: GeneratedKind) -> Option<Self> {
        let expression = expression?;
        Some(match kind {
            GeneratedKind::Stored => GeneratedField::Short(expression),
            GeneratedKind::Virtual => GeneratedField::Long { expression, kind },
        })
    }
}

/// The first declared virtual generated column, as the declaration a server older than 18
/// cannot create (it would read `VIRTUAL` as a syntax error); `None` when `major` has them.
pub(crate) fn needs_newer_server(schema: &Schema, major: u32) -> Option<(ObjectKey, String)> {
    if major >= 18 {
        return None;
    }
    schema.tables.iter().find_map(|(tq, t)| {
        let (name, _) = t.columns.iter().find(|(_, c)| {
            c.generated.is_some() && c.generated_kind == GeneratedKind::Virtual
        })?;
        let msg = format!(
            "`generated: {{kind: virtual}}` needs PostgreSQL 18 or later; the normalizing server runs PostgreSQL {major} (declare `kind: stored` there)"
        );
        Some((ObjectKey::Column(tq.clone(), name.clone()), msg))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Column;

    #[test]
    fn short_form_is_stored_and_long_form_round_trips() {
        let c: Column = serde_saphyr::from_str("{type: int, generated: \"a * 2\"}").expect("short");
        assert_eq!(c.generated_kind, GeneratedKind::Stored);
        assert_eq!(
            serde_saphyr::to_string(&c).expect("yaml"),
            "type: int\ngenerated: a * 2\n"
        );
        let text = "{type: int, generated: {expression: \"a * 2\", kind: virtual}}";
        let v: Column = serde_saphyr::from_str(text).expect("long");
        assert_eq!(
            (v.generated.as_deref(), v.generated_kind),
            (Some("a * 2"), GeneratedKind::Virtual)
        );
        let back: Column =
            serde_saphyr::from_str(&serde_saphyr::to_string(&v).expect("yaml")).expect("back");
        assert_eq!(back, v);
        let err = serde_saphyr::from_str::<Column>(
            "{type: int, generated: {expression: x, kind: sometimes}}",
        );
        assert!(err.is_err());
    }
}
