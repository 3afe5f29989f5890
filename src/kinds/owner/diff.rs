//! owner: compares the owner of every object both sides have (after [`super::expand`]), and
//! plans `ALTER … OWNER TO` last, once every object exists.
//!
//! A different owner is an `error`: the owner holds every privilege on the object, may drop it
//! and bypasses its row-level security unless it is forced.

use super::{ddl, objects};
use crate::diff::{Category, Change, ObjectKind, ObjectRef, Severity};
use crate::kinds::policy::diff::PlanStep;
use crate::model::Schema;

pub fn diff(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    for (key, d) in &declared.owners {
        let Some(l) = live.owners.get(key) else {
            continue;
        };
        if d == l {
            continue;
        }
        let object = ObjectRef {
            kind: ObjectKind::Owner,
            table: None,
            name: key.clone(),
            member: None,
            qualified: None,
        };
        let summary = format!("{key} is owned by {l} in the database but declared owned by {d}");
        let c = Change::new(Category::Owner, Severity::Error, object, summary)
            .values(Some(d.clone()), Some(l.clone()));
        out.push(c);
    }
}

/// The `ALTER … OWNER TO` steps: for every declared owner the database lacks, and for every
/// object the plan creates or drops and creates again (`prior` is the SQL the plan holds; a
/// new object belongs to whoever applies the plan).
pub fn plan(declared: &Schema, live: &Schema, prior: &[String]) -> Vec<PlanStep> {
    let mut out = Vec::new();
    for o in objects(declared, true) {
        let Some(role) = declared.owners.get(&o.key) else {
            continue;
        };
        let recreated = prior.iter().any(|s| drops(s, &o.name));
        if live.owners.get(&o.key) == Some(role) && !recreated {
            continue;
        }
        out.push(PlanStep::new(
            ddl::alter_owner(&o.target(), role),
            format!("{}: owner {role}", o.key),
            Category::Owner,
        ));
    }
    out
}

/// Whether `statement` drops the object SQL-named `name` (a whole name: `"app"` is not
/// `"app"."t"`).
fn drops(statement: &str, name: &str) -> bool {
    if !statement.starts_with("DROP ") {
        return false;
    }
    let needle = format!(" {name}");
    statement.match_indices(&needle).any(|(i, _)| {
        let next = statement[i + needle.len()..].chars().next();
        next.is_none_or(|c| c == ' ' || c == ';' || c == ',')
    })
}
