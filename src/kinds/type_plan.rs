//! Plan steps of the user-defined type kinds (collations, domains, composite and range types):
//! created or altered after extensions and enums, before routines and tables; undeclared ones
//! dropped after the tables and columns that used them, in reverse dependency order.

use super::type_order::{create_one, creation_order, drop_one, TypeKind};
use super::{collation, composite_type, domain, range_type};
use crate::diff::{Category, Change, ObjectKind, Presence};
use crate::model::{QualifiedName, Schema};
use crate::plan::{label, Builder, PlanCx};

fn object_kind(kind: TypeKind) -> ObjectKind {
    match kind {
        TypeKind::Domain => ObjectKind::Domain,
        TypeKind::Composite => ObjectKind::CompositeType,
        TypeKind::Range => ObjectKind::RangeType,
    }
}

/// The changes about one object of one kind.
pub(crate) fn about<'a>(cx: &PlanCx<'a>, kind: ObjectKind, q: &QualifiedName) -> Vec<&'a Change> {
    cx.changes
        .types
        .iter()
        .copied()
        .filter(|c| c.object.kind == kind && c.object.qualified.as_ref() == Some(q))
        .collect()
}

/// The label of the changes whose summary mentions `needle` (a check or attribute name,
/// `default`, `comment`), or of them all when none does: each step says what it is for.
pub(crate) fn why_of(cs: &[&Change], needle: &str) -> String {
    let some: Vec<&Change> = cs
        .iter()
        .copied()
        .filter(|c| c.summary.contains(needle))
        .collect();
    label(if some.is_empty() { cs } else { &some })
}

/// Only the comment differs.
pub(crate) fn comment_only(cs: &[&Change]) -> bool {
    cs.iter().all(|c| c.category == Category::Comment)
}

fn push_all(b: &mut Builder, sts: Vec<crate::ddl::Statement>, why: &str, category: Category) {
    for st in sts {
        b.push(st.sql, why, category, &[]);
    }
}

pub(crate) fn create_or_alter(cx: &PlanCx, b: &mut Builder) {
    for (q, d) in &cx.declared.collations {
        let cs = about(cx, ObjectKind::Collation, q);
        let Some(first) = cs.first() else { continue };
        let why = label(&cs);
        if first.presence == Presence::Missing {
            push_all(b, collation::ddl::create_one(q, d), &why, first.category);
        } else if comment_only(&cs) {
            b.comment(collation::ddl::comment(q, d.comment.as_deref()), &why);
        } else {
            b.push(
                collation::ddl::drop_collation(q),
                &why,
                Category::Collation,
                &[],
            );
            push_all(
                b,
                collation::ddl::create_one(q, d),
                &why,
                Category::Collation,
            );
        }
    }
    let parked = super::type_park::parked_names(cx, &rebuilt_bases(cx));
    for (kind, q) in creation_order(cx.declared) {
        let cs = about(cx, object_kind(kind), &q);
        let Some(first) = cs.first() else { continue };
        if parked.contains(&q) {
            continue; // created again as declared, around the type it is built on
        }
        let why = label(&cs);
        if first.presence == Presence::Missing {
            push_all(b, create_one(cx.declared, kind, &q), &why, first.category);
            continue;
        }
        match kind {
            TypeKind::Domain => domain::plan::alter(cx, b, &q, &cs, &why),
            TypeKind::Composite => composite_type::plan::alter(cx, b, &q, &cs, &why),
            TypeKind::Range => {
                let Some(d) = cx.declared.ranges.get(&q) else {
                    continue;
                };
                if comment_only(&cs) {
                    b.comment(range_type::ddl::comment(&q, d.comment.as_deref()), &why);
                } else {
                    recreate(cx.declared, b, kind, &q, &why, Category::UserType);
                }
            }
        }
    }
}

/// The types the plan drops and creates again while live domains or composite types are built on
/// them: enums and composite types rebuilt, domains whose base type or collation changes.
fn rebuilt_bases(cx: &PlanCx) -> Vec<QualifiedName> {
    let mut out = super::enum_type::plan::rebuilds(cx);
    for (q, d) in &cx.declared.domains {
        let Some(l) = cx.live.domains.get(q) else {
            continue;
        };
        let cs = about(cx, ObjectKind::Domain, q);
        if !comment_only(&cs) && (d.data_type != l.data_type || d.collation != l.collation) {
            out.push(q.clone());
        }
    }
    out.extend(
        cx.declared
            .types
            .keys()
            .filter(|q| composite_type::plan::rebuilds(cx, q))
            .cloned(),
    );
    out
}

/// DROP and CREATE again (PostgreSQL refuses the DROP while anything uses the type).
pub(crate) fn recreate(
    declared: &Schema,
    b: &mut Builder,
    kind: TypeKind,
    q: &QualifiedName,
    why: &str,
    category: Category,
) {
    b.push(drop_one(kind, q).sql, why, category, &[]);
    push_all(b, create_one(declared, kind, q), why, category);
}

/// Undeclared types in reverse dependency order, then undeclared collations.
pub(crate) fn drop_extras(cx: &PlanCx, b: &mut Builder) {
    for (kind, q) in creation_order(cx.live).iter().rev() {
        let cs = about(cx, object_kind(*kind), q);
        if let Some(c) = cs.iter().find(|c| c.presence == Presence::Extra) {
            b.push(drop_one(*kind, q).sql, &label(&[c]), c.category, &[]);
        }
    }
    for q in cx.live.collations.keys().rev() {
        let cs = about(cx, ObjectKind::Collation, q);
        if let Some(c) = cs.iter().find(|c| c.presence == Presence::Extra) {
            let sql = collation::ddl::drop_collation(q);
            b.push(sql, &label(&[c]), c.category, &[]);
        }
    }
}

/// Whether a live table column uses type `q` (or an array of it).
pub(crate) fn used_by_tables(live: &Schema, q: &QualifiedName) -> bool {
    live.tables.values().any(|t| {
        t.columns
            .values()
            .any(|c| super::type_order::mentions(&c.data_type, q))
    })
}
