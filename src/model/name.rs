//! Schema-qualified names and SQL quoting.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

use super::DEFAULT_SCHEMA;

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

    /// PostgreSQL's `format_type` spelling of a type with this name, as sessions with
    /// `search_path = public` print it: unqualified in `public`, quoted only when needed. Used to
    /// find the columns that use a declared type.
    pub fn type_spelling(&self) -> String {
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
        if self.schema == DEFAULT_SCHEMA {
            part(&self.name)
        } else {
            format!("{}.{}", part(&self.schema), part(&self.name))
        }
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
