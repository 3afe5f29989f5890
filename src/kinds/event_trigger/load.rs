//! Validating declared event triggers: a known event, a function name, tags only where the
//! event takes them. Problems are placed at the trigger's entry in schema.yaml.

use super::{function_parts, EVENTS};
use crate::load::{Cx, ObjectKey, MAX_IDENT_BYTES};
use crate::model::Schema;

pub(crate) fn validate(schema: &Schema, cx: &mut Cx) {
    for (name, t) in &schema.event_triggers {
        let key = ObjectKey::EventTrigger(name.clone());
        if name.is_empty() || name.len() > MAX_IDENT_BYTES {
            let msg = format!("an event trigger name must have 1 to {MAX_IDENT_BYTES} bytes");
            cx.at(&key, msg);
        }
        let event = t.event.trim().to_ascii_lowercase();
        if !EVENTS.iter().any(|(e, _)| *e == event) {
            let known: Vec<String> = EVENTS
                .iter()
                .map(|(e, v)| {
                    if *v > 9 {
                        format!("{e} (PostgreSQL {v}+)")
                    } else {
                        e.to_string()
                    }
                })
                .collect();
            let msg = format!(
                "unknown event `{}`; use one of {}",
                t.event,
                known.join(", ")
            );
            cx.at(&key, msg);
        }
        if event == "login" && !t.tags.is_empty() {
            cx.at(
                &key,
                "a `login` event trigger cannot filter by `tags`".into(),
            );
        }
        if t.tags.iter().any(|tag| tag.trim().is_empty()) {
            cx.at(&key, "a tag is empty".into());
        }
        if t.function.trim().is_empty() {
            cx.at(
                &key,
                "`function` is empty; name the function it executes (`schema.name`)".into(),
            );
        } else if function_parts(&t.function).is_none() {
            let msg = format!(
                "`function: {}` is not a function name; write `name` or `schema.name` (with no arguments: an event trigger function takes none)",
                t.function
            );
            cx.at(&key, msg);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::load::load_schema_str;

    fn problems(yaml: &str) -> Vec<String> {
        match load_schema_str(yaml, "schema.yaml") {
            Ok(_) => Vec::new(),
            Err(e) => e.problems().iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn valid_and_invalid() {
        let ok = "event_triggers:\n  audit:\n    event: ddl_command_end\n    tags: [create table]\n    function: audit.log_ddl()\n";
        assert!(problems(ok).is_empty(), "{:?}", problems(ok));
        let bad = "event_triggers:\n  audit:\n    event: ddl_command_finish\n    function: f\n  other:\n    event: login\n    tags: [CREATE TABLE]\n    function: \"a.b(x)\"\n";
        let p = problems(bad);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(
            p[0].starts_with(
                "schema.yaml:2:3: event trigger audit: unknown event `ddl_command_finish`"
            ),
            "{p:?}"
        );
        assert!(
            p[1].starts_with("schema.yaml:5:3: event trigger other: a `login`"),
            "{p:?}"
        );
        assert!(p[2].contains("is not a function name"), "{p:?}");
        let empty = "event_triggers:\n  audit:\n    event: sql_drop\n    function: ''\n";
        assert!(problems(empty)[0].contains("`function` is empty"));
    }
}
