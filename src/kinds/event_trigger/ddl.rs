//! Event trigger SQL: CREATE, DROP, ALTER ... ENABLE/DISABLE, COMMENT ON, and the kind's part
//! of `ddl::create_script` (after every routine).

use super::{function_parts, EventTrigger};
use crate::ddl::Statement;
use crate::kinds::trigger::TriggerEnabled;
use crate::model::{quote_ident, quote_literal, Schema};

/// The function as SQL: `"audit"."log_ddl"`.
pub fn function_sql(function: &str) -> String {
    match function_parts(function) {
        Some((s, n)) => format!("{}.{}", quote_ident(&s), quote_ident(&n)),
        None => quote_ident(function),
    }
}

pub fn create(name: &str, t: &EventTrigger) -> String {
    let mut sql = format!(
        "CREATE EVENT TRIGGER {} ON {}",
        quote_ident(name),
        quote_ident(t.event.trim())
    );
    if !t.tags.is_empty() {
        let tags: Vec<String> = t.tags.iter().map(|g| quote_literal(g)).collect();
        sql.push_str(&format!(" WHEN TAG IN ({})", tags.join(", ")));
    }
    sql.push_str(&format!(
        " EXECUTE FUNCTION {}()",
        function_sql(&t.function)
    ));
    sql
}

pub fn drop(name: &str) -> String {
    format!("DROP EVENT TRIGGER {}", quote_ident(name))
}

pub fn set_enabled(name: &str, state: TriggerEnabled) -> String {
    let clause = match state {
        TriggerEnabled::Enabled => "ENABLE",
        TriggerEnabled::Disabled => "DISABLE",
        TriggerEnabled::Replica => "ENABLE REPLICA",
        TriggerEnabled::Always => "ENABLE ALWAYS",
    };
    format!("ALTER EVENT TRIGGER {} {clause}", quote_ident(name))
}

pub fn comment(name: &str, comment: Option<&str>) -> String {
    let value = comment.map(quote_literal).unwrap_or_else(|| "NULL".into());
    format!("COMMENT ON EVENT TRIGGER {} IS {value}", quote_ident(name))
}

/// Everything that builds one event trigger: CREATE, then its state and comment when not default.
pub fn build(name: &str, t: &EventTrigger) -> Vec<Statement> {
    let object = format!("event trigger {name}");
    let mut out = vec![Statement::new(create(name, t), object.clone())];
    if t.enabled != TriggerEnabled::Enabled {
        out.push(Statement::new(set_enabled(name, t.enabled), object.clone()));
    }
    if t.comment.is_some() {
        out.push(Statement::new(comment(name, t.comment.as_deref()), object));
    }
    out
}

/// Every event trigger of `schema`, in model order: last, after the routines they execute.
pub fn script_part(schema: &Schema, out: &mut Vec<Statement>) {
    for (name, t) in &schema.event_triggers {
        out.extend(build(name, t));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sql_is_quoted() {
        let t = EventTrigger {
            event: "ddl_command_end".into(),
            tags: vec!["CREATE TABLE".into(), "it's".into()],
            function: "\"Au.dit\".log_ddl".into(),
            enabled: TriggerEnabled::Always,
            comment: Some("c".into()),
        };
        let s = build("Odd \"n\"", &t);
        assert_eq!(
            s[0].sql,
            "CREATE EVENT TRIGGER \"Odd \"\"n\"\"\" ON \"ddl_command_end\" WHEN TAG IN ('CREATE TABLE', 'it''s') EXECUTE FUNCTION \"Au.dit\".\"log_ddl\"()"
        );
        assert_eq!(
            s[1].sql,
            "ALTER EVENT TRIGGER \"Odd \"\"n\"\"\" ENABLE ALWAYS"
        );
        assert_eq!(
            s[2].sql,
            "COMMENT ON EVENT TRIGGER \"Odd \"\"n\"\"\" IS 'c'"
        );
        assert_eq!(drop("x"), "DROP EVENT TRIGGER \"x\"");
    }
}
