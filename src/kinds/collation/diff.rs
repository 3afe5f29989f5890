//! Diff rules for collations: missing, extra, and each setting (category `collation`); the
//! comment in category `comment`.

use super::Collation;
use crate::diff::{extra, missing, pair, Category, Change, ObjectKind, ObjectRef, Severity};
use crate::kinds::type_order::field;
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
    let (pairs, extras) = pair(&declared.collations, &live.collations, |_, _| None);
    for p in pairs {
        let obj = ObjectRef::top(ObjectKind::Collation, p.decl_key);
        let Some((_, l)) = p.live else {
            out.push(missing(obj, Severity::Error, Some(summary(p.decl))));
            continue;
        };
        let d = p.decl;
        for ((k, dv), (_, lv)) in settings(d).into_iter().zip(settings(l)) {
            let sev = Severity::Error;
            field(
                out,
                Category::Collation,
                sev,
                &obj,
                k,
                dv.as_deref(),
                lv.as_deref(),
            );
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
        let obj = ObjectRef::top(ObjectKind::Collation, name);
        out.push(extra(obj, Severity::Warning, Some(summary(l))));
    }
}
