//! trigger: CREATE (PostgreSQL's or the user's text), DROP, the enabled state (which
//! `pg_get_triggerdef` leaves out, so pg_dump emits it separately too) and COMMENT ON.

use crate::ddl::Statement;
use crate::model::{quote_ident, quote_literal, QualifiedName, Schema};

use super::{Trigger, TriggerEnabled};

pub fn create(t: &Trigger) -> String {
    t.definition.clone()
}

pub fn drop(table: &QualifiedName, name: &str) -> String {
    format!("DROP TRIGGER {} ON {}", quote_ident(name), table.sql())
}

pub fn set_enabled(table: &QualifiedName, name: &str, state: TriggerEnabled) -> String {
    format!(
        "ALTER TABLE {} {} {}",
        table.sql(),
        state.clause(),
        quote_ident(name)
    )
}

pub fn comment(table: &QualifiedName, name: &str, comment: Option<&str>) -> String {
    let value = comment.map(quote_literal).unwrap_or_else(|| "NULL".into());
    format!(
        "COMMENT ON TRIGGER {} ON {} IS {value}",
        quote_ident(name),
        table.sql()
    )
}

pub fn object(table: &QualifiedName, name: &str) -> String {
    format!("trigger {name} on {table}")
}

/// Everything that builds one trigger: CREATE, then its state and comment when not default.
pub fn build(table: &QualifiedName, name: &str, t: &Trigger) -> Vec<Statement> {
    let object = object(table, name);
    let mut out = vec![Statement::new(create(t), object.clone())];
    if t.enabled != TriggerEnabled::Enabled {
        out.push(Statement::new(
            set_enabled(table, name, t.enabled),
            object.clone(),
        ));
    }
    if t.comment.is_some() {
        out.push(Statement::new(
            comment(table, name, t.comment.as_deref()),
            object,
        ));
    }
    out
}

/// Every trigger of `schema` (after the tables, views and functions they need).
pub fn script_part(schema: &Schema, out: &mut Vec<Statement>) {
    for (table, triggers) in &schema.triggers {
        for (name, t) in triggers {
            out.extend(build(table, name, t));
        }
    }
}
