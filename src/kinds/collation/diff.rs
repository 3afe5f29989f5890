//! Diff rules for collations: missing, extra, and each setting (category `collation`); the
//! comment in category `comment`.

use super::Collation;
use crate::diff::{Category, Change, ObjectKind, ObjectRef, Severity};
use crate::kinds::type_order::{comment_field, diff_named, field};
use crate::model::Schema;

fn settings(c: &Collation) -> [(&'static str, Option<String>); 6] {
    [
        ("provider", Some(c.provider.clone())),
        ("locale", c.locale.clone()),
        ("lc_collate", c.lc_collate.clone()),
        ("lc_ctype", c.lc_ctype.clone()),
        ("deterministic", Some(c.deterministic.to_string())),
        ("rules", c.rules.clone()),
    ]
}

/// `(provider = icu, locale = de-DE)`.
pub fn summary(c: &Collation) -> String {
    let parts: Vec<String> = settings(c)
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k} = {v}")))
        .collect();
    format!("({})", parts.join(", "))
}

pub(crate) fn diff(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let (d, l) = (&declared.collations, &live.collations);
    diff_named(d, l, ObjectKind::Collation, summary, compare, out);
}

fn compare(obj: &ObjectRef, d: &Collation, l: &Collation, out: &mut Vec<Change>) {
    for ((k, dv), (_, lv)) in settings(d).into_iter().zip(settings(l)) {
        let (dv, lv) = (dv.as_deref(), lv.as_deref());
        field(out, Category::Collation, Severity::Error, obj, k, dv, lv);
    }
    comment_field(out, obj, d.comment.as_deref(), l.comment.as_deref());
}
