//! Diff rules for composite types: missing, extra, attributes missing, undeclared, of another
//! type or in another order (category `user_type`); the comment in category `comment`.

use super::CompositeType;
use crate::diff::{Category, Change, ObjectKind, ObjectRef, Severity};
use crate::kinds::type_order::{comment_field, comment_field_of, diff_named, field};
use crate::model::Schema;
use crate::types::quote_ident_if_needed as quote_ident;

/// `(street text, zip text COLLATE "C")`.
pub fn summary(t: &CompositeType) -> String {
    let attrs: Vec<String> = t
        .attributes
        .iter()
        .map(|(n, a)| format!("{} {}", quote_ident(n), a.summary()))
        .collect();
    format!("({})", attrs.join(", "))
}

pub(crate) fn diff(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let (d, l) = (&declared.types, &live.types);
    diff_named(d, l, ObjectKind::CompositeType, summary, compare, out);
}

fn compare(obj: &ObjectRef, d: &CompositeType, l: &CompositeType, out: &mut Vec<Change>) {
    let cat = Category::UserType;
    for (name, da) in &d.attributes {
        let what = format!("attribute {}", quote_ident(name));
        let ds = da.summary();
        match l.attributes.get(name) {
            None => field(out, cat, Severity::Error, obj, &what, Some(&ds), None),
            Some(la) => {
                let ls = la.summary();
                field(out, cat, Severity::Error, obj, &what, Some(&ds), Some(&ls));
            }
        }
    }
    for (name, la) in &l.attributes {
        if !d.attributes.contains_key(name) {
            let what = format!("attribute {}", quote_ident(name));
            field(
                out,
                cat,
                Severity::Warning,
                obj,
                &what,
                None,
                Some(&la.summary()),
            );
        }
    }
    if !same_order(d, l) {
        let s = "attributes are in a different order".to_string();
        let c = Change::new(cat, Severity::Warning, obj.clone(), s);
        out.push(c.values(Some(summary(d)), Some(summary(l))));
    }
    comment_field(out, obj, d.comment.as_deref(), l.comment.as_deref());
    for name in d
        .attributes
        .keys()
        .filter(|k| l.attributes.contains_key(*k))
    {
        let (dc, lc) = (
            d.attribute_comments.get(name),
            l.attribute_comments.get(name),
        );
        let what = format!("comment on attribute {}", quote_ident(name));
        let (dc, lc) = (dc.map(String::as_str), lc.map(String::as_str));
        comment_field_of(out, obj, &what, dc, lc);
    }
}

/// The attributes both sides have come in the same relative order.
pub(crate) fn same_order(d: &CompositeType, l: &CompositeType) -> bool {
    let common_d: Vec<&String> = d
        .attributes
        .keys()
        .filter(|k| l.attributes.contains_key(*k))
        .collect();
    let common_l: Vec<&String> = l
        .attributes
        .keys()
        .filter(|k| d.attributes.contains_key(*k))
        .collect();
    common_d == common_l
}

#[cfg(test)]
mod tests {
    use crate::diff::{diff, Category, Severity};
    use crate::model::{Attribute, CompositeType, QualifiedName, Schema};

    fn t(attrs: &[(&str, &str)]) -> Schema {
        let mut ty = CompositeType::default();
        for (n, ty_name) in attrs {
            let a = Attribute {
                data_type: ty_name.to_string(),
                collation: None,
            };
            ty.attributes.insert(n.to_string(), a);
        }
        let mut s = Schema::default();
        s.types.insert(QualifiedName::new("app", "pair"), ty);
        s
    }

    #[test]
    fn attributes_missing_changed_extra_and_reordered() {
        let d = t(&[("b", "text"), ("a", "bigint"), ("c", "date")]);
        let l = t(&[("a", "integer"), ("b", "text"), ("z", "uuid")]);
        let got: Vec<(Category, Severity, String)> = diff(&d, &l)
            .into_iter()
            .map(|c| (c.category, c.severity, c.summary))
            .collect();
        let e = |s: &str| s.to_string();
        assert_eq!(
            got,
            vec![
                (
                    Category::UserType,
                    Severity::Error,
                    e("attribute a is `bigint` in the declaration but `integer` in the database")
                ),
                (
                    Category::UserType,
                    Severity::Error,
                    e("attribute c `date` is declared but missing from the database")
                ),
                (
                    Category::UserType,
                    Severity::Warning,
                    e("the database has undeclared attribute z `uuid`")
                ),
                (
                    Category::UserType,
                    Severity::Warning,
                    e("attributes are in a different order")
                ),
            ]
        );
    }
}
