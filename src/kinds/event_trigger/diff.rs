//! Diff rules for event triggers: missing, extra, a different definition (event, tags or
//! function: dropped and created again), enabled state and comment. They pair by name.

use super::{ddl, EventTrigger};
use crate::diff::{extra, missing, Category, Change, ObjectKind, ObjectRef, Severity};
use crate::model::Schema;

pub fn event_trigger_ref(name: &str) -> ObjectRef {
    ObjectRef {
        kind: ObjectKind::EventTrigger,
        table: None,
        name: name.to_string(),
        member: None,
        qualified: None,
    }
}

/// What differs in the definition (`event`, `tags`, `function`); empty when only the state or
/// comment differ.
pub fn definition_differences(d: &EventTrigger, l: &EventTrigger) -> Vec<&'static str> {
    let mut out = Vec::new();
    if d.event != l.event {
        out.push("event");
    }
    if !super::same_tags(&d.tags, &l.tags) {
        out.push("tags");
    }
    if d.function != l.function {
        out.push("function");
    }
    out
}

/// Declared event triggers in declared order, then the ones only the database has.
pub fn diff(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    for (name, d) in &declared.event_triggers {
        let obj = event_trigger_ref(name);
        let Some(l) = live.event_triggers.get(name) else {
            out.push(missing(obj, Severity::Error, Some(ddl::create(name, d))));
            continue;
        };
        let parts = definition_differences(d, l);
        if !parts.is_empty() {
            out.push(
                Change::new(
                    Category::Trigger,
                    Severity::Warning,
                    obj.clone(),
                    format!("definition differs ({})", parts.join(", ")),
                )
                .values(Some(ddl::create(name, d)), Some(ddl::create(name, l))),
            );
        }
        if d.enabled != l.enabled {
            out.push(
                Change::new(
                    Category::Trigger,
                    Severity::Warning,
                    obj.clone(),
                    format!(
                        "it is {} in the declaration but {} in the database",
                        d.enabled.words(),
                        l.enabled.words()
                    ),
                )
                .values(
                    Some(d.enabled.words().to_string()),
                    Some(l.enabled.words().to_string()),
                ),
            );
        }
        if d.comment != l.comment {
            out.push(
                Change::new(
                    Category::Comment,
                    Severity::Warning,
                    obj,
                    "comment differs".into(),
                )
                .values(d.comment.clone(), l.comment.clone()),
            );
        }
    }
    for (name, l) in &live.event_triggers {
        if !declared.event_triggers.contains_key(name) {
            out.push(extra(
                event_trigger_ref(name),
                Severity::Warning,
                Some(ddl::create(name, l)),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::trigger::TriggerEnabled;

    fn t(tags: &[&str]) -> EventTrigger {
        EventTrigger {
            event: "ddl_command_end".into(),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            function: "public.f".into(),
            ..Default::default()
        }
    }

    #[test]
    fn missing_extra_changed() {
        let mut a = Schema::default();
        let mut b = Schema::default();
        a.event_triggers.insert("x".into(), t(&["CREATE TABLE"]));
        b.event_triggers.insert("y".into(), t(&[]));
        let mut out = Vec::new();
        diff(&a, &b, &mut out);
        let got: Vec<String> = out.iter().map(|c| c.line()).collect();
        assert_eq!(
            got,
            vec![
                "trigger missing event_trigger x",
                "trigger extra event_trigger y"
            ]
        );

        let mut c = b.clone();
        c.event_triggers.insert("x".into(), t(&[]));
        c.event_triggers["x"].enabled = TriggerEnabled::Disabled;
        c.event_triggers["x"].comment = Some("c".into());
        let mut out = Vec::new();
        diff(&a, &c, &mut out);
        let got: Vec<String> = out.iter().map(|c| c.summary.clone()).collect();
        assert_eq!(got[0], "definition differs (tags)");
        assert_eq!(
            got[1],
            "it is enabled in the declaration but disabled in the database"
        );
        assert_eq!(got[2], "comment differs");
    }
}
