//! A foreign key's `ON DELETE` action, with the column list PostgreSQL 15 lets `SET NULL` and
//! `SET DEFAULT` name (`ON DELETE SET NULL (item)`: only those columns are cleared).
//!
//! YAML: `cascade`, `set_null`, … as before, or `set null (a, b)` / `set_default (a)` (words
//! joined by a space or `_`, any case). A column with `,`, `(`, `)` or `"` in its name, or
//! spaces at its ends, is written in double quotes.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::model::FkAction;
use crate::model::quote_ident;

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct OnDelete {
    pub action: FkAction,
    /// The columns `SET NULL`/`SET DEFAULT` sets; empty means every column of the key.
    pub columns: Vec<String>,
}

impl From<FkAction> for OnDelete {
    fn from(action: FkAction) -> Self {
        OnDelete {
            action,
            columns: Vec::new(),
        }
    }
}

impl OnDelete {
    pub(crate) fn is_default(&self) -> bool {
        *self == OnDelete::default()
    }

    /// `SET NULL ("a", "b")`, as it follows `ON DELETE`.
    pub fn sql(&self) -> String {
        if self.columns.is_empty() {
            return self.action.sql().to_string();
        }
        let cols: Vec<String> = self.columns.iter().map(|c| quote_ident(c)).collect();
        format!("{} ({})", self.action.sql(), cols.join(", "))
    }

    /// `SET NULL (a, b)` for findings, as pg_get_constraintdef prints it (names unquoted).
    pub fn describe(&self) -> String {
        if self.columns.is_empty() {
            return self.action.sql().to_string();
        }
        format!("{} ({})", self.action.sql(), self.columns.join(", "))
    }

    /// The YAML spelling: `cascade`, `set null (a, "b, c")`.
    pub fn display(&self) -> String {
        let action = action_name(self.action);
        if self.columns.is_empty() {
            return action.to_string();
        }
        let cols: Vec<String> = self.columns.iter().map(|c| yaml_column(c)).collect();
        format!("{} ({})", action.replace('_', " "), cols.join(", "))
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let (words, list) = match text.find('(') {
            Some(open) => (&text[..open], Some(&text[open..])),
            None => (text, None),
        };
        let action = parse_action(words)?;
        let Some(list) = list else {
            return Ok(action.into());
        };
        if !matches!(action, FkAction::SetNull | FkAction::SetDefault) {
            return Err(format!(
                "`{}`: only `set null` and `set default` take a column list",
                text.trim()
            ));
        }
        let inner = list
            .trim()
            .strip_prefix('(')
            .and_then(|l| l.strip_suffix(')'))
            .ok_or_else(|| {
                format!(
                    "`{}` should look like `set null (column, ...)`",
                    text.trim()
                )
            })?;
        let columns = crate::load::sql::split_top_level(inner)
            .iter()
            .map(|c| parse_column(c))
            .collect::<Result<Vec<_>, _>>()?;
        if columns.is_empty() {
            return Err(format!("`{}` names no column", text.trim()));
        }
        Ok(OnDelete { action, columns })
    }
}

/// `no_action`, `set_null`, …: the names FkAction's serde form uses.
fn action_name(action: FkAction) -> &'static str {
    match action {
        FkAction::NoAction => "no_action",
        FkAction::Restrict => "restrict",
        FkAction::Cascade => "cascade",
        FkAction::SetNull => "set_null",
        FkAction::SetDefault => "set_default",
    }
}

fn parse_action(words: &str) -> Result<FkAction, String> {
    let key = words
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
        .to_ascii_lowercase();
    [
        FkAction::NoAction,
        FkAction::Restrict,
        FkAction::Cascade,
        FkAction::SetNull,
        FkAction::SetDefault,
    ]
    .into_iter()
    .find(|a| action_name(*a) == key)
    .ok_or_else(|| {
        format!(
            "unknown foreign key action `{}`; use no_action, restrict, cascade, set_null or set_default",
            words.trim()
        )
    })
}

/// `on_update` in any spelling `on_delete` takes (`SET NULL`, `Cascade`, `no_action`), so the
/// two keys of one foreign key read alike (SQLAlchemy's `onupdate="SET NULL"` copied as is).
pub(crate) fn deserialize_action<'de, D: Deserializer<'de>>(d: D) -> Result<FkAction, D::Error> {
    let text = String::deserialize(d)?;
    parse_action(&text).map_err(de::Error::custom)
}

/// One column of the list: `"quoted"` (with `""` for a quote) or written as is.
fn parse_column(text: &str) -> Result<String, String> {
    let text = text.trim();
    if !text.starts_with('"') {
        return Ok(text.to_string());
    }
    match crate::model::split_name_parts(text)?.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!("`{text}` should be one column name")),
    }
}

fn yaml_column(c: &str) -> String {
    let plain =
        !c.is_empty() && c.trim() == c && !c.contains([',', '(', ')', '"']) && !c.starts_with('"');
    if plain {
        c.to_string()
    } else {
        quote_ident(c)
    }
}

impl Serialize for OnDelete {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.display())
    }
}

impl<'de> Deserialize<'de> for OnDelete {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = OnDelete;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a foreign key action (`cascade`, `set_null`, `set null (column, ...)`, ...)",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OnDelete, E> {
                OnDelete::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        let p = |t: &str| OnDelete::parse(t).unwrap();
        assert_eq!(p("set_null"), FkAction::SetNull.into());
        assert_eq!(p("SET NULL"), FkAction::SetNull.into());
        let odd = p(r#"set null (item, "A, ""b""", Mixed Case)"#);
        assert_eq!(odd.columns, ["item", "A, \"b\"", "Mixed Case"]);
        assert_eq!(odd.display(), r#"set null (item, "A, ""b""", Mixed Case)"#);
        assert_eq!(p(&odd.display()), odd);
        assert_eq!(odd.sql(), r#"SET NULL ("item", "A, ""b""", "Mixed Case")"#);
        assert_eq!(p("set_default (a)").display(), "set default (a)");
        assert!(OnDelete::parse("cascade (a)").is_err());
        assert!(OnDelete::parse("set null ()").is_err());
        assert!(OnDelete::parse("set nul").is_err());
    }

    #[test]
    fn on_update_takes_the_same_spellings() {
        let fk = |action: &str| {
            let json =
                format!(r#"{{"columns": ["a"], "references": "p(id)", "on_update": "{action}"}}"#);
            serde_json::from_str::<super::super::model::ForeignKey>(&json).map(|f| f.on_update)
        };
        assert_eq!(fk("SET NULL").ok(), Some(FkAction::SetNull));
        assert_eq!(fk("Cascade").ok(), Some(FkAction::Cascade));
        assert_eq!(fk("no_action").ok(), Some(FkAction::NoAction));
        let err = fk("cascad").unwrap_err().to_string();
        assert!(err.contains("unknown foreign key action `cascad`"), "{err}");
    }
}
