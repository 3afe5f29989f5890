//! Declared domains: the base type canonicalized like a column's; named checks with a name and
//! an expression; not based on itself.

use crate::load::{Cx, ObjectKey};
use crate::model::{QualifiedName, Schema};
use crate::types::{self, Known};

/// Canonicalizes `text` in place (`int` -> `integer`, `Mood` -> `"Mood"`), or reports it at
/// `key` with the unknown-type hint; `what` names the part (`base type`, `attribute x`). Used by
/// every user type kind.
pub(crate) fn canonical(
    text: &mut String,
    key: &ObjectKey,
    what: &str,
    cx: &mut Cx,
    user_types: &[QualifiedName],
    allow_ext: bool,
    known: &Known,
) {
    match types::canonical_type_ext(text, user_types, allow_ext) {
        Ok(t) => *text = t,
        Err(e) => cx.at(key, format!("{what}: {}", known.hint(text, e))),
    }
}

pub(crate) fn resolve(
    schema: &mut Schema,
    cx: &mut Cx,
    user_types: &[QualifiedName],
    allow_ext: bool,
    known: &Known,
) {
    for (q, d) in schema.domains.iter_mut() {
        let key = ObjectKey::UserType("domain", q.clone());
        let t = &mut d.data_type;
        canonical(t, &key, "base type", cx, user_types, allow_ext, known);
    }
}

pub(crate) fn validate(schema: &Schema, cx: &mut Cx) {
    for (q, d) in &schema.domains {
        let key = ObjectKey::UserType("domain", q.clone());
        if d.data_type.trim_end_matches("[]") == q.type_spelling() {
            cx.at(&key, "a domain cannot be based on itself".into());
        }
        for (name, expr) in &d.checks {
            if name.trim().is_empty() || expr.trim().is_empty() {
                let msg = "a check needs a name and an expression (`name: \"VALUE > 0\"`)";
                cx.at(&key, msg.into());
            }
        }
        let named = d.not_valid.iter().map(|n| ("not_valid", n));
        let named = named.chain(d.check_comments.keys().map(|n| ("check_comments", n)));
        for (field, name) in named.filter(|(_, n)| !d.checks.contains_key(*n)) {
            cx.at(
                &key,
                format!("{field} names `{name}`, which is no check of the domain"),
            );
        }
    }
}
