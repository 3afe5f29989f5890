//! Diff rules for domains: missing, extra, and each attribute (base type, default, NOT NULL,
//! collation, named checks) in category `domain`; the comment in category `comment`.

use super::Domain;
use crate::diff::{Category, Change, ObjectKind, ObjectRef, Severity};
use crate::kinds::type_order::{comment_field, comment_field_of, diff_named, field};
use crate::model::Schema;

/// `text NOT NULL DEFAULT '' CHECK (...)`: a one-line definition for reports.
pub fn summary(d: &Domain) -> String {
    let mut s = d.data_type.clone();
    if let Some(c) = &d.collation {
        s.push_str(&format!(" COLLATE {c}"));
    }
    if d.not_null {
        s.push_str(" NOT NULL");
    }
    if let Some(e) = &d.default {
        s.push_str(&format!(" DEFAULT {e}"));
    }
    for (n, e) in &d.checks {
        s.push_str(&format!(" CONSTRAINT {n} CHECK ({e})"));
    }
    s
}

pub(crate) fn diff(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let (d, l) = (&declared.domains, &live.domains);
    diff_named(d, l, ObjectKind::Domain, summary, compare, out);
}

fn compare(obj: &ObjectRef, d: &Domain, l: &Domain, out: &mut Vec<Change>) {
    let cat = Category::Domain;
    field(
        out,
        cat,
        Severity::Error,
        obj,
        "base type",
        Some(&d.data_type),
        Some(&l.data_type),
    );
    let (dc, lc) = (d.collation.as_deref(), l.collation.as_deref());
    field(out, cat, Severity::Warning, obj, "collation", dc, lc);
    let (dd, ld) = (d.default.as_deref(), l.default.as_deref());
    field(out, cat, Severity::Warning, obj, "default", dd, ld);
    if d.not_null != l.not_null {
        let sev = if d.not_null {
            Severity::Error
        } else {
            Severity::Warning
        };
        let word = |b: bool| if b { "NOT NULL" } else { "nullable" };
        let s = format!(
            "is {} in the declaration but {} in the database",
            word(d.not_null),
            word(l.not_null)
        );
        let c = Change::new(cat, sev, obj.clone(), s);
        out.push(c.values(Some(word(d.not_null).into()), Some(word(l.not_null).into())));
    }
    for (name, de) in &d.checks {
        let what = format!("check {name}");
        match l.checks.get(name) {
            None => field(out, cat, Severity::Error, obj, &what, Some(de), None),
            Some(le) => field(out, cat, Severity::Warning, obj, &what, Some(de), Some(le)),
        }
    }
    for (name, le) in l.checks.iter().filter(|(n, _)| !d.checks.contains_key(*n)) {
        let what = format!("check {name}");
        field(out, cat, Severity::Warning, obj, &what, None, Some(le));
    }
    comment_field(out, obj, d.comment.as_deref(), l.comment.as_deref());
    check_extras(obj, d, l, out);
}

/// The validity and comment of each check both sides have.
fn check_extras(obj: &ObjectRef, d: &Domain, l: &Domain, out: &mut Vec<Change>) {
    let valid = |x: &Domain, n: &String| match x.not_valid.contains(n) {
        true => "NOT VALID",
        false => "valid",
    };
    for name in d.checks.keys().filter(|n| l.checks.contains_key(*n)) {
        let what = format!("validity of check {name}");
        let (dv, lv) = (valid(d, name), valid(l, name));
        field(
            out,
            Category::Domain,
            Severity::Warning,
            obj,
            &what,
            Some(dv),
            Some(lv),
        );
        let what = format!("comment on check {name}");
        let (dc, lc) = (d.check_comments.get(name), l.check_comments.get(name));
        let (dc, lc) = (dc.map(String::as_str), lc.map(String::as_str));
        comment_field_of(out, obj, &what, dc, lc);
    }
}

#[cfg(test)]
mod tests {
    use crate::diff::fixtures::*;
    use crate::diff::{diff, Category, Severity};
    use crate::model::{Domain, Schema};

    fn email(checks: &[(&str, &str)]) -> Domain {
        Domain {
            data_type: "text".into(),
            not_null: true,
            checks: checks
                .iter()
                .map(|(n, e)| (n.to_string(), e.to_string()))
                .collect(),
            ..Domain::default()
        }
    }

    #[test]
    fn domains_missing_extra_and_changed() {
        let mut a = Schema::default();
        a.domains
            .insert(q("email"), email(&[("at", "(VALUE ~ '@')")]));
        let (m, x) = both(&a, &Schema::default());
        assert_eq!(
            summary(&m),
            vec![(Category::Domain, Severity::Error, "domain email".into())]
        );
        assert_eq!(
            m[0].declared.as_deref(),
            Some("text NOT NULL CONSTRAINT at CHECK ((VALUE ~ '@'))")
        );
        assert_eq!(
            summary(&x),
            vec![(Category::Domain, Severity::Warning, "domain email".into())]
        );

        let mut b = Schema::default();
        let mut live = email(&[("len", "(length(VALUE) < 9)")]);
        live.not_null = false;
        live.data_type = "character varying".into();
        b.domains.insert(q("email"), live);
        let d = diff(&a, &b);
        let got: Vec<(Severity, &str)> =
            d.iter().map(|c| (c.severity, c.summary.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (
                    Severity::Error,
                    "base type is `text` in the declaration but `character varying` in the database"
                ),
                (
                    Severity::Error,
                    "is NOT NULL in the declaration but nullable in the database"
                ),
                (
                    Severity::Error,
                    "check at `(VALUE ~ '@')` is declared but missing from the database"
                ),
                (
                    Severity::Warning,
                    "the database has undeclared check len `(length(VALUE) < 9)`"
                ),
            ]
        );
        assert!(d.iter().all(|c| c.category == Category::Domain));
    }
}
