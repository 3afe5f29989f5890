//! Planning event triggers. They only call a routine, and nothing depends on them, so:
//! drops go first in the plan (before any routine they execute is dropped), creations,
//! state and comment changes last (after every routine exists).
//!
//! An event trigger is dropped and created again when its event, tags or function change, and
//! when the plan drops the function it executes (to create that function anew).

use std::collections::HashSet;

use super::{ddl, diff::definition_differences};
use crate::diff::{Category, Change, ObjectKind, Presence};
use crate::model::Schema;
use crate::plan::{label, Builder, Step};

/// Adds the event trigger steps to `b`: drops before every step planned so far, the rest after.
pub(crate) fn plan(declared: &Schema, live: &Schema, changes: &[Change], b: &mut Builder) {
    let mine: Vec<&Change> = changes
        .iter()
        .filter(|c| c.object.kind == ObjectKind::EventTrigger)
        .collect();
    let dropped_routines: HashSet<&str> = b
        .steps
        .iter()
        .filter(|s| s.sql.starts_with("DROP FUNCTION ") || s.sql.starts_with("DROP ROUTINE "))
        .map(|s| s.sql.as_str())
        .collect();
    let routine_dropped = |function: &str| {
        let suffix = format!(" {}()", ddl::function_sql(function));
        dropped_routines.iter().any(|s| s.ends_with(&suffix))
    };
    let mut drops = Builder { steps: Vec::new() };
    let mut late = Builder { steps: Vec::new() };
    for (name, l) in &live.event_triggers {
        let about: Vec<&Change> = mine
            .iter()
            .copied()
            .filter(|c| &c.object.name == name)
            .collect();
        let Some(d) = declared.event_triggers.get(name) else {
            // Undeclared: dropped if the diff says so (ignore rules may keep it).
            if let Some(c) = about.iter().find(|c| c.presence == Presence::Extra) {
                drops.push(ddl::drop(name), &label(&[c]), c.category, &[]);
            }
            continue;
        };
        let redefined = !definition_differences(d, l).is_empty()
            && about.iter().any(|c| c.category == Category::Trigger);
        if redefined || routine_dropped(&l.function) {
            let text = if about.is_empty() {
                format!("event trigger {name}: its function is dropped and created again")
            } else {
                label(&about)
            };
            drops.push(ddl::drop(name), &text, Category::Trigger, &[]);
            for s in ddl::build(name, d) {
                late.push(s.sql, &text, Category::Trigger, &[]);
            }
            continue;
        }
        for c in &about {
            match c.category {
                Category::Trigger if d.enabled != l.enabled => late.push(
                    ddl::set_enabled(name, d.enabled),
                    &label(&[c]),
                    c.category,
                    &[],
                ),
                Category::Comment => {
                    late.comment(ddl::comment(name, d.comment.as_deref()), &label(&[c]))
                }
                _ => {}
            }
        }
    }
    for c in mine.iter().filter(|c| c.presence == Presence::Missing) {
        if let Some(d) = declared.event_triggers.get(&c.object.name) {
            for s in ddl::build(&c.object.name, d) {
                late.push(s.sql, &label(&[c]), c.category, &[]);
            }
        }
    }
    let mut steps: Vec<Step> = drops.steps;
    steps.append(&mut b.steps);
    steps.append(&mut late.steps);
    b.steps = steps;
}
