//! schema: declared schemas against the database's. `public` always exists; a schema that is
//! some extension's home on either side comes and goes with the extension, not by itself.

use crate::diff::{comment_change, Change, ObjectKind, ObjectRef, Presence, Severity};
use crate::model::{Schema, DEFAULT_SCHEMA};

pub fn diff(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let extension_home = |s: &str| {
        [declared, live].iter().any(|side| {
            side.extensions
                .values()
                .any(|e| e.schema.as_deref() == Some(s))
        })
    };
    for s in &declared.schemas {
        if s != DEFAULT_SCHEMA && !live.schemas.contains(s) && !extension_home(s) {
            out.push(Change::one_side(
                Presence::Missing,
                Severity::Error,
                schema_ref(s),
                format!("schema {s} is declared but missing from the database"),
            ));
        }
    }
    for s in &live.schemas {
        if s != DEFAULT_SCHEMA && !declared.schemas.contains(s) && !extension_home(s) {
            out.push(Change::one_side(
                Presence::Extra,
                Severity::Warning,
                schema_ref(s),
                format!("schema {s} exists in the database but is not declared"),
            ));
        }
    }
}

/// Schema comments: declared ones in declared order, then the ones only the database has.
pub fn diff_comments(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let (d, l) = (&declared.schema_comments, &live.schema_comments);
    let live_only = l.keys().filter(|s| !d.contains_key(*s));
    for s in d.keys().chain(live_only) {
        out.extend(comment_change(
            schema_ref(s),
            &d.get(s).cloned(),
            &l.get(s).cloned(),
        ));
    }
}

fn schema_ref(name: &str) -> ObjectRef {
    ObjectRef {
        kind: ObjectKind::Schema,
        table: None,
        name: name.to_string(),
        member: None,
        qualified: None,
    }
}
