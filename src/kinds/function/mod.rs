//! Functions, procedures and aggregates ("routines"): compared as PostgreSQL prints them.
//!
//! A routine is kept as the whole `CREATE` statement text: `pg_get_functiondef` for functions and
//! procedures (it prints the body byte-exact and every option that differs from the default), a
//! `CREATE AGGREGATE` rebuilt from `pg_aggregate` for aggregates (`pg_get_functiondef` refuses
//! them). The declared side is the user's own statement; normalization creates it in the scratch
//! database and reads it back with the same query, so spelling (`$$` or `$function$`, `LANGUAGE`
//! before or after the body, `int` or `integer`) never shows as drift.
//!
//! Routines are keyed by schema-qualified name plus identity arguments
//! (`pg_get_function_identity_arguments`), so overloads are distinct objects.
//!
//! `catalog` reads them, `load` reads the declared files, `normalize` creates them in the scratch
//! database, `diff` compares, `ddl` emits SQL, `plan` orders the changes.

pub mod catalog;
pub mod ddl;
pub mod dependents;
pub mod diff;
pub mod load;
pub mod normalize;
pub mod plan;
pub mod write;

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

use crate::model::QualifiedName;

/// A routine's identity: name plus identity arguments (`f(integer, text)`), so overloads differ.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoutineKey {
    pub name: QualifiedName,
    /// The input argument types without parentheses (`integer, text`): what tells overloads
    /// apart, so renaming a parameter changes a routine instead of replacing it. Aggregates
    /// keep `pg_get_function_identity_arguments` (`float8 ORDER BY float8`). For a declared
    /// routine before normalization: the declared parameters without defaults.
    pub args: String,
}

impl RoutineKey {
    pub fn new(name: QualifiedName, args: impl Into<String>) -> Self {
        RoutineKey {
            name,
            args: args.into(),
        }
    }

    /// `touch()`, `audit.f(integer, text)`: the snapshot key and the name in reports.
    pub fn display_name(&self) -> String {
        format!("{}({})", self.name.display_name(), self.args)
    }

    /// The SQL that names this routine in DROP / COMMENT ON / ALTER: `"public"."f"(integer)`.
    pub fn sql(&self) -> String {
        format!("{}({})", self.name.sql(), self.args)
    }

    /// Reads [`RoutineKey::display_name`] back: the arguments are the group the final `)`
    /// closes (found backwards, so a name may hold a parenthesis), the name is what precedes it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let shape = || format!("`{text}` should look like `name(arguments)`");
        let body = text.strip_suffix(')').ok_or_else(shape)?;
        let mut depth = 0usize;
        let mut open = None;
        for (i, c) in body.char_indices().rev() {
            match c {
                ')' => depth += 1,
                '(' if depth == 0 => {
                    open = Some(i);
                    break;
                }
                '(' => depth -= 1,
                _ => {}
            }
        }
        let open = open.ok_or_else(shape)?;
        Ok(RoutineKey::new(
            QualifiedName::parse(&body[..open])?,
            body[open + 1..].to_string(),
        ))
    }
}

impl fmt::Display for RoutineKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_name())
    }
}

impl Serialize for RoutineKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.display_name())
    }
}

impl<'de> Deserialize<'de> for RoutineKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        RoutineKey::parse(&text).map_err(de::Error::custom)
    }
}

/// `prokind`: what CREATE statement builds it and what DROP removes it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoutineKind {
    #[default]
    Function,
    Procedure,
    Aggregate,
}

impl RoutineKind {
    /// The SQL keyword: `FUNCTION`, `PROCEDURE`, `AGGREGATE`.
    pub fn keyword(self) -> &'static str {
        match self {
            RoutineKind::Function => "FUNCTION",
            RoutineKind::Procedure => "PROCEDURE",
            RoutineKind::Aggregate => "AGGREGATE",
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            RoutineKind::Function => "function",
            RoutineKind::Procedure => "procedure",
            RoutineKind::Aggregate => "aggregate",
        }
    }

    fn is_function(&self) -> bool {
        *self == RoutineKind::Function
    }
}

/// A function, procedure or aggregate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Function {
    #[serde(default, skip_serializing_if = "RoutineKind::is_function")]
    pub kind: RoutineKind,
    /// The whole CREATE statement, without a trailing `;`: as PostgreSQL prints it once
    /// normalized, as the user wrote it before.
    pub definition: String,
    /// `pg_get_function_arguments` (names, modes, defaults): with `result`, decides whether
    /// `CREATE OR REPLACE` can change the routine in place. Absent before normalization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arguments: Option<String>,
    /// `pg_get_function_result` (absent for procedures and before normalization).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Tables and views the signature (row types) or a `BEGIN ATOMIC` body refers to, from
    /// `pg_depend` (derived, never written by hand): such a routine is created after them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<QualifiedName>,
    /// What uses this routine, from `pg_depend` (derived, never written by hand): a routine
    /// that must be dropped and created anew takes these with it and brings them back, and a
    /// script creates a view or index that calls it after it. Kept in snapshots and in the
    /// normalization cache (the normalized declared side orders its script by it too).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub used_by: Vec<dependents::Dependent>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        let k = RoutineKey::new(QualifiedName::new("audit", "f"), "integer, text");
        assert_eq!(k.display_name(), "audit.f(integer, text)");
        assert_eq!(RoutineKey::parse(&k.display_name()).unwrap(), k);
        let q = RoutineKey::new(QualifiedName::new("public", "a(b"), "");
        assert_eq!(RoutineKey::parse(&q.display_name()).unwrap(), q);
        assert_eq!(q.sql(), "\"public\".\"a(b\"()");
        assert!(RoutineKey::parse("f").is_err());
    }
}
