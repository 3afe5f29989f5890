//! function: declared routines against the database's, by name and identity arguments (so an
//! added overload is a missing routine, not a changed one). Definitions are compared as the one
//! normalizing server printed them, settled to their deparse fixpoint (`normalize`).

use crate::diff::{view_body_diff, Category, Change, ObjectKind, ObjectRef, Presence, Severity};
use crate::model::Schema;

use super::{Function, RoutineKey, RoutineKind};

/// The report's reference to a routine: `function f(integer)`.
pub fn routine_ref(key: &RoutineKey, kind: RoutineKind) -> ObjectRef {
    ObjectRef {
        kind: match kind {
            RoutineKind::Function => ObjectKind::Function,
            RoutineKind::Procedure => ObjectKind::Procedure,
            RoutineKind::Aggregate => ObjectKind::Aggregate,
        },
        table: None,
        name: key.display_name(),
        member: None,
        qualified: Some(key.name.clone()),
    }
}

/// The key of the routine a change is about (`ObjectRef::name` read back).
pub fn key_of(obj: &ObjectRef) -> Option<RoutineKey> {
    match obj.kind {
        ObjectKind::Function | ObjectKind::Procedure | ObjectKind::Aggregate => {
            RoutineKey::parse(&obj.name).ok()
        }
        _ => None,
    }
}

pub fn diff(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    for (key, d) in &declared.functions {
        let obj = routine_ref(key, d.kind);
        let Some(l) = live.functions.get(key) else {
            let what = d.kind.words();
            let mut c = Change::one_side(
                Presence::Missing,
                Severity::Error,
                obj,
                format!("{what} {key} is declared but missing from the database"),
            );
            c.declared = Some(d.definition.clone());
            out.push(c);
            continue;
        };
        if d.definition != l.definition {
            out.push(definition_change(obj.clone(), d, l));
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
    for (key, l) in &live.functions {
        if !declared.functions.contains_key(key) {
            let what = l.kind.words();
            let mut c = Change::one_side(
                Presence::Extra,
                Severity::Warning,
                routine_ref(key, l.kind),
                format!("{what} {key} exists in the database but is not declared"),
            );
            c.live = Some(l.definition.clone());
            out.push(c);
        }
    }
}

fn definition_change(obj: ObjectRef, d: &Function, l: &Function) -> Change {
    let summary = if d.kind != l.kind {
        format!(
            "it is a {} in the declaration but a {} in the database",
            d.kind.words(),
            l.kind.words()
        )
    } else if d.result != l.result {
        format!(
            "returns {} in the declaration but {} in the database",
            d.result.as_deref().unwrap_or("nothing"),
            l.result.as_deref().unwrap_or("nothing")
        )
    } else {
        "definition differs".to_string()
    };
    let mut c = Change::new(Category::Function, Severity::Warning, obj, summary);
    c.declared = Some(d.definition.clone());
    c.live = Some(l.definition.clone());
    c.detail = Some(view_body_diff(&l.definition, &d.definition));
    c
}
