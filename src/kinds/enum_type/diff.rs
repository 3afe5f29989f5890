//! Diff rules for enum types: missing, extra, and labels missing, added or reordered.
//!
//! Labels are compared as sets first and then by the order of the labels both sides have, so one
//! added label is reported once (as added), not also as a reordering. A missing label is an
//! error (code that writes it fails); an undeclared one or a new order is a warning.

use crate::diff::{
    comment_change, extra, missing, pair, Category, Change, ObjectKind, ObjectRef, Severity,
};
use crate::model::Schema;

/// `('a', 'b')`: the labels as SQL literals, as CREATE TYPE ... AS ENUM lists them.
fn enum_values(values: &[String]) -> String {
    format!("({})", quoted_list(values))
}

/// `'a', 'b'`: labels quoted so an empty or odd label stays visible in a summary.
fn quoted_list<'a>(values: impl IntoIterator<Item = &'a String>) -> String {
    let quoted: Vec<String> = values
        .into_iter()
        .map(|v| crate::model::quote_literal(v))
        .collect();
    quoted.join(", ")
}

/// Appends the enum changes to `out`: declared enums in declared order, then the ones only the
/// database has.
pub(crate) fn diff_enums(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let (pairs, extras) = pair(&declared.enums, &live.enums, |_, _| None);
    for p in pairs {
        let obj = ObjectRef::top(ObjectKind::Enum, p.decl_key);
        let Some((_, l)) = p.live else {
            out.push(missing(obj, Severity::Error, Some(enum_values(p.decl))));
            continue;
        };
        let d = p.decl;
        let values = (Some(enum_values(d)), Some(enum_values(l)));
        let absent: Vec<&String> = d.iter().filter(|v| !l.contains(v)).collect();
        let added: Vec<&String> = l.iter().filter(|v| !d.contains(v)).collect();
        if !absent.is_empty() {
            let s = format!(
                "values {} are missing from the database",
                quoted_list(absent)
            );
            out.push(
                Change::new(Category::Enum, Severity::Error, obj.clone(), s)
                    .values(values.0.clone(), values.1.clone()),
            );
        }
        if !added.is_empty() {
            let s = format!("the database has undeclared values {}", quoted_list(added));
            out.push(
                Change::new(Category::Enum, Severity::Warning, obj.clone(), s)
                    .values(values.0.clone(), values.1.clone()),
            );
        }
        let common_d: Vec<&String> = d.iter().filter(|v| l.contains(v)).collect();
        let common_l: Vec<&String> = l.iter().filter(|v| d.contains(v)).collect();
        if common_d != common_l {
            let s = "values are in a different order".to_string();
            out.push(
                Change::new(Category::Enum, Severity::Warning, obj, s).values(values.0, values.1),
            );
        }
    }
    for (name, l) in extras {
        out.push(extra(
            ObjectRef::top(ObjectKind::Enum, name),
            Severity::Warning,
            Some(enum_values(l)),
        ));
    }
}

/// Comments of the enums both sides have (a new enum gets its comment where it is created).
pub(crate) fn diff_comments(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let (d, l) = (&declared.enum_comments, &live.enum_comments);
    for q in declared
        .enums
        .keys()
        .filter(|q| live.enums.contains_key(*q))
    {
        let obj = ObjectRef::top(ObjectKind::Enum, q);
        out.extend(comment_change(obj, &d.get(q).cloned(), &l.get(q).cloned()));
    }
}

#[cfg(test)]
mod tests {
    use crate::diff::fixtures::*;
    use crate::diff::{diff, Category, Severity};
    use crate::model::Schema;

    #[test]
    fn enums_missing_extra_values_and_order() {
        let mut a = Schema::default();
        a.enums
            .insert(q("mood"), vec!["sad".into(), "ok".into(), "happy".into()]);
        let (m, x) = both(&a, &Schema::default());
        assert_eq!(
            summary(&m),
            vec![(Category::Enum, Severity::Error, "enum mood".into())]
        );
        assert_eq!(m[0].declared.as_deref(), Some("('sad', 'ok', 'happy')"));
        assert_eq!(
            summary(&x),
            vec![(Category::Enum, Severity::Warning, "enum mood".into())]
        );

        let mut b = Schema::default();
        b.enums
            .insert(q("mood"), vec!["happy".into(), "sad".into(), "meh".into()]);
        let d = diff(&a, &b);
        assert_eq!(
            d.iter()
                .map(|c| (c.severity, c.summary.as_str()))
                .collect::<Vec<_>>(),
            vec![
                (Severity::Error, "values 'ok' are missing from the database"),
                (
                    Severity::Warning,
                    "the database has undeclared values 'meh'"
                ),
                (Severity::Warning, "values are in a different order"),
            ]
        );
        assert!(d.iter().all(|c| c.category == Category::Enum));
    }
}
