//! Diff rules for range types: missing, extra, and each option (category `user_type`); the
//! comment in category `comment`.

use super::RangeType;
use crate::diff::{Category, Change, ObjectKind, ObjectRef, Severity};
use crate::kinds::type_order::{comment_field, diff_named, field};
use crate::model::Schema;

/// `(subtype = integer, subtype_diff = ...)`.
pub fn summary(r: &RangeType) -> String {
    let mut parts = vec![format!("subtype = {}", r.subtype)];
    for (k, v) in options(r) {
        if let Some(v) = v {
            parts.push(format!("{k} = {v}"));
        }
    }
    format!("({})", parts.join(", "))
}

fn options(r: &RangeType) -> [(&'static str, Option<&str>); 5] {
    [
        ("subtype_opclass", r.subtype_opclass.as_deref()),
        ("collation", r.collation.as_deref()),
        ("canonical", r.canonical.as_deref()),
        ("subtype_diff", r.subtype_diff.as_deref()),
        ("multirange", r.multirange.as_deref()),
    ]
}

pub(crate) fn diff(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let (d, l) = (&declared.ranges, &live.ranges);
    diff_named(d, l, ObjectKind::RangeType, summary, compare, out);
}

fn compare(obj: &ObjectRef, d: &RangeType, l: &RangeType, out: &mut Vec<Change>) {
    let cat = Category::UserType;
    let (ds, ls) = (Some(d.subtype.as_str()), Some(l.subtype.as_str()));
    field(out, cat, Severity::Error, obj, "subtype", ds, ls);
    for ((k, dv), (_, lv)) in options(d).into_iter().zip(options(l)) {
        field(out, cat, Severity::Warning, obj, k, dv, lv);
    }
    comment_field(out, obj, d.comment.as_deref(), l.comment.as_deref());
}
