//! Planning a changed composite type: `ALTER TYPE .. DROP/ALTER/ADD ATTRIBUTE` when the
//! declared order can be reached by appending; otherwise, if no table column uses the type, it
//! is dropped and created again (with users, the attributes are still added and dropped, and the
//! order difference stays reported). An attribute retyped under table columns: see `rebuild`.

use super::{ddl, diff::same_order, CompositeType};
use crate::diff::{Category, Change};
use crate::kinds::type_order::TypeKind;
use crate::kinds::type_plan::{recreate, used_by_tables, why_of};
use crate::model::QualifiedName;
use crate::plan::{Builder, Hazard, PlanCx};

/// The declared order is what ALTER TYPE reaches: common attributes in the same order, and every
/// new one after all of them.
fn appendable(d: &CompositeType, l: &CompositeType) -> bool {
    if !same_order(d, l) {
        return false;
    }
    let last_common = d
        .attributes
        .keys()
        .rposition(|k| l.attributes.contains_key(k));
    let first_new = d
        .attributes
        .keys()
        .position(|k| !l.attributes.contains_key(k));
    match (last_common, first_new) {
        (Some(c), Some(n)) => n > c,
        _ => true,
    }
}

/// Whether the plan rebuilds `q` (see `rebuild`).
pub(crate) fn rebuilds(cx: &PlanCx, q: &QualifiedName) -> bool {
    let (Some(d), Some(l)) = (cx.declared.types.get(q), cx.live.types.get(q)) else {
        return false;
    };
    appendable(d, l) && super::rebuild::needed(cx, q, d, l)
}

pub(crate) fn alter(cx: &PlanCx, b: &mut Builder, q: &QualifiedName, cs: &[&Change], why: &str) {
    let (Some(d), Some(l)) = (cx.declared.types.get(q), cx.live.types.get(q)) else {
        return;
    };
    let attrs_differ = cs.iter().any(|c| c.category != Category::Comment);
    if attrs_differ && !appendable(d, l) && !used_by_tables(cx.live, q) {
        recreate(
            cx.declared,
            b,
            TypeKind::Composite,
            q,
            why,
            Category::UserType,
        );
        return;
    }
    let cat = Category::UserType;
    for name in l
        .attributes
        .keys()
        .filter(|k| !d.attributes.contains_key(*k))
    {
        let why = why_of(cs, &attr(name));
        b.push(ddl::drop_attribute(q, name), &why, cat, &[Hazard::DataLoss]);
    }
    // Retyped under table columns (and appendable, so the attributes line up once added):
    // rebuilt after the in-place adds, comments included (see `rebuild`).
    let rebuilt = rebuilds(cx, q);
    for (name, da) in &d.attributes {
        let why = why_of(cs, &attr(name));
        match l.attributes.get(name) {
            Some(la) if la != da && !rebuilt => {
                b.push(ddl::alter_attribute(q, name, da), &why, cat, &[])
            }
            Some(_) => {}
            None => b.push(ddl::add_attribute(q, name, da), &why, cat, &[]),
        }
    }
    if rebuilt {
        super::rebuild::rebuild(cx, b, q, d, why);
        return;
    }
    if d.comment != l.comment {
        b.comment(
            ddl::comment(q, d.comment.as_deref()),
            &why_of(cs, "comment"),
        );
    }
    // Attributes the plan adds have no comment yet; the others keep theirs.
    for name in d.attributes.keys() {
        let dc = d.attribute_comments.get(name);
        let lc = l
            .attribute_comments
            .get(name)
            .filter(|_| l.attributes.contains_key(name));
        if dc != lc {
            let sql = ddl::comment_attribute(q, name, dc.map(String::as_str));
            b.comment(sql, &why_of(cs, &format!("comment on {}", attr(name))));
        }
    }
}

/// How a change summary names an attribute (see `diff`).
fn attr(name: &str) -> String {
    format!("attribute {} ", crate::types::quote_ident_if_needed(name))
}
