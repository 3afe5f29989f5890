//! trigger: declared triggers against the database's, per table or view and by name: the
//! definition (`pg_get_triggerdef` of both sides), the enabled state and the comment.

use crate::diff::{view_body_diff, Category, Change, ObjectKind, ObjectRef, Presence, Severity};
use crate::model::{QualifiedName, Schema};

use super::Trigger;

/// `trigger users_touch on users`: the name carries the table, since trigger names are per table.
pub fn trigger_ref(table: &QualifiedName, name: &str) -> ObjectRef {
    on_relation(ObjectKind::Trigger, table, name)
}

/// An object named per table or view (a trigger, a rule): `name on table`.
pub fn on_relation(kind: ObjectKind, table: &QualifiedName, name: &str) -> ObjectRef {
    ObjectRef {
        kind,
        table: Some(table.clone()),
        name: format!(
            "{} on {}",
            QualifiedName::new(crate::model::DEFAULT_SCHEMA, name).display_name(),
            table.display_name()
        ),
        member: Some(name.to_string()),
        qualified: None,
    }
}

pub fn diff(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let none = Default::default();
    for (table, triggers) in &declared.triggers {
        let lt = live.triggers.get(table).unwrap_or(&none);
        for (name, d) in triggers {
            let obj = trigger_ref(table, name);
            match lt.get(name) {
                Some(l) => diff_one(obj, d, l, out),
                None => {
                    let mut c = Change::one_side(
                        Presence::Missing,
                        Severity::Error,
                        obj,
                        format!(
                            "trigger {name} on {table} is declared but missing from the database"
                        ),
                    );
                    c.declared = Some(d.definition.clone());
                    out.push(c);
                }
            }
        }
    }
    for (table, triggers) in &live.triggers {
        let dt = declared.triggers.get(table).unwrap_or(&none);
        for (name, l) in triggers {
            if !dt.contains_key(name) {
                let mut c = Change::one_side(
                    Presence::Extra,
                    Severity::Warning,
                    trigger_ref(table, name),
                    format!("trigger {name} on {table} exists in the database but is not declared"),
                );
                c.live = Some(l.definition.clone());
                out.push(c);
            }
        }
    }
}

fn diff_one(obj: ObjectRef, d: &Trigger, l: &Trigger, out: &mut Vec<Change>) {
    if d.definition != l.definition {
        let mut c = Change::new(
            Category::Trigger,
            Severity::Warning,
            obj.clone(),
            "definition differs".to_string(),
        );
        c.declared = Some(d.definition.clone());
        c.live = Some(l.definition.clone());
        c.detail = Some(view_body_diff(&l.definition, &d.definition));
        out.push(c);
    }
    if d.enabled != l.enabled {
        let mut c = Change::new(
            Category::Trigger,
            Severity::Warning,
            obj.clone(),
            format!(
                "it is {} in the declaration but {} in the database",
                d.enabled.words(),
                l.enabled.words()
            ),
        );
        c.declared = Some(d.enabled.words().to_string());
        c.live = Some(l.enabled.words().to_string());
        out.push(c);
    }
    if d.comment != l.comment {
        let mut c = Change::new(
            Category::Comment,
            Severity::Warning,
            obj,
            "comment differs".to_string(),
        );
        c.declared = d.comment.clone();
        c.live = l.comment.clone();
        out.push(c);
    }
}
