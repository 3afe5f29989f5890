//! Diff rules for free-standing sequences: missing, extra, and options that differ.
//!
//! A sequence is one object with a handful of options; when any differ, one change lists every
//! differing option in its summary, so a reader sees the whole difference on one line.

use crate::diff::{
    comment_change, describe_differences, extra, missing, pair, Category, Change, ObjectKind,
    ObjectRef, Severity,
};
use crate::model::{Schema, Sequence};

/// The options as `(name, value)` pairs, in summary order; unset bounds read `default`.
fn sequence_options(s: &Sequence) -> Vec<(&'static str, String)> {
    let mut v = vec![
        ("type", s.data_type.clone()),
        ("start", s.start.to_string()),
        ("increment", s.increment.to_string()),
        (
            "min_value",
            s.min_value.map_or("default".to_string(), |n| n.to_string()),
        ),
        (
            "max_value",
            s.max_value.map_or("default".to_string(), |n| n.to_string()),
        ),
        ("cache", s.cache.to_string()),
        ("cycle", s.cycle.to_string()),
    ];
    v.push((
        "owned_by",
        s.owned_by.clone().unwrap_or_else(|| "none".to_string()),
    ));
    v.push(("unlogged", s.unlogged.to_string()));
    v
}

/// The options as CREATE SEQUENCE spells them, for the declared and live values of a change.
fn sequence_text(s: &Sequence) -> String {
    let mut t = format!(
        "{}AS {} START {} INCREMENT {}",
        if s.unlogged { "UNLOGGED " } else { "" },
        s.data_type,
        s.start,
        s.increment
    );
    if let Some(n) = s.min_value {
        t.push_str(&format!(" MINVALUE {n}"));
    }
    if let Some(n) = s.max_value {
        t.push_str(&format!(" MAXVALUE {n}"));
    }
    t.push_str(&format!(" CACHE {}", s.cache));
    if s.cycle {
        t.push_str(" CYCLE");
    }
    if let Some(o) = &s.owned_by {
        t.push_str(&format!(" OWNED BY {o}"));
    }
    t
}

/// Appends the sequence changes to `out`: declared sequences in declared order, then the ones
/// only the database has.
pub(crate) fn diff_sequences(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let (pairs, extras) = pair(&declared.sequences, &live.sequences, |_, _| None);
    for p in pairs {
        let obj = ObjectRef::top(ObjectKind::Sequence, p.decl_key);
        let Some((_, l)) = p.live else {
            out.push(missing(obj, Severity::Error, Some(sequence_text(p.decl))));
            continue;
        };
        let options = (sequence_options(p.decl), sequence_options(l));
        if options.0 != options.1 {
            let s = describe_differences(&options.0, &options.1);
            out.push(
                Change::new(Category::Sequence, Severity::Warning, obj.clone(), s)
                    .values(Some(sequence_text(p.decl)), Some(sequence_text(l))),
            );
        }
        out.extend(comment_change(obj, &p.decl.comment, &l.comment));
    }
    for (name, l) in extras {
        let obj = ObjectRef::top(ObjectKind::Sequence, name);
        out.push(extra(obj, Severity::Warning, Some(sequence_text(l))));
    }
}

#[cfg(test)]
mod tests {
    use crate::diff::fixtures::*;
    use crate::diff::{diff, Category, Severity};
    use crate::model::{QualifiedName, Schema, Sequence};

    #[test]
    fn sequences_missing_extra_options() {
        let mut a = Schema::default();
        a.sequences.insert(q("audit.ids"), Sequence::default());
        let (m, x) = both(&a, &Schema::default());
        assert_eq!(
            summary(&m),
            vec![(
                Category::Sequence,
                Severity::Error,
                "sequence audit.ids".into()
            )]
        );
        assert_eq!(
            summary(&x),
            vec![(
                Category::Sequence,
                Severity::Warning,
                "sequence audit.ids".into()
            )]
        );
        assert_eq!(
            m[0].object.qualified,
            Some(QualifiedName::new("audit", "ids"))
        );

        let mut b = a.clone();
        b.sequences[0].increment = 10;
        b.sequences[0].cycle = true;
        let d = diff(&a, &b);
        assert_eq!(
            summary(&d),
            vec![(
                Category::Sequence,
                Severity::Warning,
                "sequence audit.ids".into()
            )]
        );
        assert_eq!(
            d[0].summary,
            "increment is 1 in the declaration but 10 in the database; cycle is false in the declaration but true in the database"
        );
        assert_eq!(
            d[0].live.as_deref(),
            Some("AS bigint START 1 INCREMENT 10 CACHE 1 CYCLE")
        );
    }
}
