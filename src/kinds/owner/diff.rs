//! owner: compares the owner of every object both sides have (after [`super::expand`]), and
//! plans `ALTER … OWNER TO` last, once every object exists.
//!
//! A different owner is an `error`: the owner holds every privilege on the object, may drop it
//! and bypasses its row-level security unless it is forced.

use std::collections::HashSet;

use super::{ddl, objects};
use crate::diff::{Category, Change, ObjectKind, ObjectRef, Presence, Severity};
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

/// The `ALTER … OWNER TO` steps: for every owner finding that `changes` (the diff after ignore
/// rules) still holds, and for every object the plan creates (a `missing` finding) or drops and
/// creates again (`prior` is the SQL the plan holds): a new object belongs to whoever applies
/// the plan.
pub fn plan(
    declared: &Schema,
    live: &Schema,
    changes: &[Change],
    prior: &[String],
) -> Vec<PlanStep> {
    let key_of = |c: &Change| match c.object.kind {
        ObjectKind::Owner => Some(c.object.name.clone()),
        kind => owner_kind(kind).map(|k| format!("{k} {}", c.object.name)),
    };
    let wanted = |pick: &dyn Fn(&Change) -> bool| -> HashSet<String> {
        let of = changes.iter().filter(|c| pick(c));
        of.filter_map(key_of).collect()
    };
    let missing = wanted(&|c| c.presence == Presence::Missing);
    let differing = wanted(&|c| c.category == Category::Owner);
    let differing: HashSet<&String> = differing.iter().collect();
    let mut out = Vec::new();
    for o in objects(declared, true) {
        let Some(role) = declared.owners.get(&o.key) else {
            continue;
        };
        let go = match live.owners.get(&o.key) {
            None => missing.contains(&o.key),
            Some(_) => {
                differing.contains(&o.key)
                    || prior.iter().any(|s| drops(s, &o.name))
                    || missing.contains(&o.key)
            }
        };
        if go {
            out.push(PlanStep::new(
                ddl::alter_owner(&o.target(), role),
                format!("{}: owner {role}", o.key),
                Category::Owner,
            ));
        }
    }
    out
}

/// The first word of the `owners:` key of an object a change is about, if it has an owner.
fn owner_kind(kind: ObjectKind) -> Option<&'static str> {
    Some(match kind {
        ObjectKind::Schema => "schema",
        ObjectKind::Table => "table",
        ObjectKind::View | ObjectKind::MaterializedView => "view",
        ObjectKind::Sequence => "sequence",
        ObjectKind::Function | ObjectKind::Procedure | ObjectKind::Aggregate => "function",
        ObjectKind::Enum
        | ObjectKind::Domain
        | ObjectKind::CompositeType
        | ObjectKind::RangeType => "type",
        _ => return None,
    })
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
