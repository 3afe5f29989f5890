//! Event triggers: database-wide triggers on DDL (`ddl_command_start`, `ddl_command_end`,
//! `sql_drop`, `table_rewrite`, and `login` from PostgreSQL 17).
//!
//! Declared top-level in schema.yaml under `event_triggers:`, by name (event trigger names are
//! database-wide, not per schema). Creating one needs a superuser, and the scratch database
//! used for normalization may not allow that, so declared event triggers are never created
//! there: [`carry`] copies them into the normalized schema in canonical form (the function
//! schema-qualified, tags upper-case), the form the catalog reader produces too.
//!
//! `load` validates, `catalog` reads `pg_event_trigger`, `diff` compares, `ddl` emits SQL,
//! `plan` orders the steps (drops first, creations last).

pub mod catalog;
pub mod ddl;
pub mod diff;
pub mod load;
pub mod plan;

use serde::{Deserialize, Serialize};

use crate::kinds::trigger::TriggerEnabled;
use crate::load::{Declared, ObjectKey};
use crate::model::{split_name_parts, Schema, DEFAULT_SCHEMA};
use crate::normalize::NormalizeError;

/// The events PostgreSQL knows, and the first major version that has each.
pub const EVENTS: &[(&str, u32)] = &[
    ("ddl_command_start", 9),
    ("ddl_command_end", 9),
    ("sql_drop", 9),
    ("table_rewrite", 9),
    ("login", 17),
];

/// One event trigger.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventTrigger {
    /// `ddl_command_start`, `ddl_command_end`, `sql_drop`, `table_rewrite` or `login`.
    pub event: String,
    /// `WHEN TAG IN (...)`: command tags (`CREATE TABLE`); none means every command.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The function it executes (`audit.log_ddl`; `public` when unqualified; a trailing `()`
    /// is accepted).
    pub function: String,
    #[serde(default, skip_serializing_if = "is_default_enabled")]
    pub enabled: TriggerEnabled,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

fn is_default_enabled(e: &TriggerEnabled) -> bool {
    *e == TriggerEnabled::Enabled
}

/// `name`, `name()`, `s.name`, `"S"."n"()` -> (schema, name); `None` when it is not a name.
pub fn function_parts(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    let t = t.strip_suffix("()").map(str::trim_end).unwrap_or(t);
    // `f(x)`: arguments (an event trigger function takes none), not a name.
    if t.ends_with(')') {
        return None;
    }
    let parts = split_name_parts(t).ok()?;
    match parts.as_slice() {
        [name] => Some((DEFAULT_SCHEMA.to_string(), name.clone())),
        [schema, name] => Some((schema.clone(), name.clone())),
        _ => None,
    }
}

/// The canonical spelling of a function name: always schema-qualified, a part quoted only when
/// it contains a dot or a double quote (the YAML name rule), no `()`.
pub fn canonical_function(schema: &str, name: &str) -> String {
    format!("{}.{}", name_part(schema), name_part(name))
}

fn name_part(p: &str) -> String {
    if p.is_empty() || p.contains('.') || p.contains('"') {
        format!("\"{}\"", p.replace('"', "\"\""))
    } else {
        p.to_string()
    }
}

/// Tags as PostgreSQL stores them (upper case, single spaces), in their order, without
/// duplicates. The order is kept (pg_dump shows it) but not compared: see [`same_tags`].
pub fn canonical_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = t
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_uppercase();
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// `WHEN TAG IN` is a set: the same tags in another order are the same trigger.
pub fn same_tags(a: &[String], b: &[String]) -> bool {
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    a.sort();
    b.sort();
    a == b
}

/// `t` in canonical form (see the module docs).
pub fn canonical(t: &EventTrigger) -> EventTrigger {
    let function = match function_parts(&t.function) {
        Some((s, n)) => canonical_function(&s, &n),
        None => t.function.clone(),
    };
    EventTrigger {
        event: t.event.trim().to_ascii_lowercase(),
        tags: canonical_tags(&t.tags),
        function,
        enabled: t.enabled,
        comment: t.comment.clone(),
    }
}

/// Copies the declared event triggers into the normalized schema (they are not created in the
/// scratch database). Refuses an event the normalizing server's major version does not have,
/// naming the declaration.
pub fn carry(
    declared: &Declared,
    normalized: &mut Schema,
    major: u32,
) -> Result<(), NormalizeError> {
    normalized.event_triggers.clear();
    for (name, t) in &declared.schema.event_triggers {
        let c = canonical(t);
        if let Some((_, since)) = EVENTS.iter().find(|(e, _)| *e == c.event) {
            if major < *since {
                let key = ObjectKey::EventTrigger(name.clone());
                return Err(NormalizeError::Rejected {
                    location: declared.sources.describe(&key),
                    object: key.to_string(),
                    message: format!(
                        "event `{}` needs PostgreSQL {since} or later; the normalizing server runs PostgreSQL {major}",
                        c.event
                    ),
                });
            }
        }
        normalized.event_triggers.insert(name.clone(), c);
    }
    normalized.event_triggers.sort_keys();
    Ok(())
}

/// `message` (PostgreSQL's error for `sql`), with a hint when the statement creates or alters an
/// event trigger and the role is not a superuser: the only case pgdrift needs one.
pub fn explain_error(sql: &str, e: &tokio_postgres::Error, message: String) -> String {
    let event_trigger =
        sql.starts_with("CREATE EVENT TRIGGER ") || sql.starts_with("ALTER EVENT TRIGGER ");
    if event_trigger && e.code() == Some(&tokio_postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
        format!("{message}\n  hint: creating an event trigger needs a superuser; connect as a superuser role to this server, or leave the event trigger out of the declaration (or ignore it)")
    } else {
        message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        let t = EventTrigger {
            event: "ddl_command_end".into(),
            tags: vec![
                "alter  table".into(),
                "CREATE TABLE".into(),
                "create table".into(),
            ],
            function: "log_ddl()".into(),
            ..Default::default()
        };
        let c = canonical(&t);
        assert_eq!(c.function, "public.log_ddl");
        assert_eq!(c.tags, vec!["ALTER TABLE", "CREATE TABLE"]);
        assert!(same_tags(
            &c.tags,
            &["CREATE TABLE".into(), "ALTER TABLE".into()]
        ));
        assert_eq!(
            function_parts("\"Odd.S\".\"f\"\"x\"()"),
            Some(("Odd.S".into(), "f\"x".into()))
        );
        assert_eq!(canonical_function("Odd.S", "f"), "\"Odd.S\".f");
        assert_eq!(function_parts("a.b.c"), None);
        assert_eq!(function_parts(""), None);
    }

    #[test]
    fn login_needs_17() {
        let mut d = Declared::default();
        d.schema.event_triggers.insert(
            "on_login".into(),
            EventTrigger {
                event: "login".into(),
                function: "f".into(),
                ..Default::default()
            },
        );
        let mut n = Schema::default();
        assert!(carry(&d, &mut n, 16).is_err());
        assert!(carry(&d, &mut n, 17).is_ok());
        assert_eq!(n.event_triggers["on_login"].function, "public.f");
    }
}
