//! Diff rules for range types: missing, extra, and each option (category `user_type`); the
//! comment in category `comment`.

use super::RangeType;
use crate::diff::{extra, missing, pair, Category, Change, ObjectKind, ObjectRef, Severity};
use crate::kinds::type_order::field;
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
    let (pairs, extras) = pair(&declared.ranges, &live.ranges, |_, _| None);
    for p in pairs {
        let obj = ObjectRef::top(ObjectKind::RangeType, p.decl_key);
        let Some((_, l)) = p.live else {
            out.push(missing(obj, Severity::Error, Some(summary(p.decl))));
            continue;
        };
        let d = p.decl;
        let cat = Category::UserType;
        let (ds, ls) = (Some(d.subtype.as_str()), Some(l.subtype.as_str()));
        field(out, cat, Severity::Error, &obj, "subtype", ds, ls);
        for ((k, dv), (_, lv)) in options(d).into_iter().zip(options(l)) {
            field(out, cat, Severity::Warning, &obj, k, dv, lv);
        }
        let (dc, lc) = (d.comment.as_deref(), l.comment.as_deref());
        field(
            out,
            Category::Comment,
            Severity::Warning,
            &obj,
            "comment",
            dc,
            lc,
        );
    }
    for (name, l) in extras {
        let obj = ObjectRef::top(ObjectKind::RangeType, name);
        out.push(extra(obj, Severity::Warning, Some(summary(l))));
    }
}
