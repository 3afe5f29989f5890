//! Planning a changed domain: `ALTER DOMAIN` for the default, NOT NULL and checks; a new base
//! type or collation needs the domain dropped and created again, or, while table columns use it,
//! rebuilt like an enum: the new domain under a temporary name, every column converted to it, the
//! old one dropped and the new one renamed. Adding a check or NOT NULL validates every column
//! that uses the domain (hazard `long_lock`).

use super::{ddl, Domain};
use crate::diff::{Category, Change, ObjectKind};
use crate::kinds::type_order::TypeKind;
use crate::kinds::type_plan::{about, comment_only, recreate, why_of};
use crate::model::{quote_ident, QualifiedName, Schema};
use crate::plan::{Builder, Hazard, PlanCx};

pub(crate) fn alter(cx: &PlanCx, b: &mut Builder, q: &QualifiedName, cs: &[&Change], why: &str) {
    let (Some(d), Some(l)) = (cx.declared.domains.get(q), cx.live.domains.get(q)) else {
        return;
    };
    if !comment_only(cs) && (d.data_type != l.data_type || d.collation != l.collation) {
        // The types built on it go and come back around it (`type_park`).
        let parked = crate::kinds::type_park::park(cx, b, q, why, Category::Domain);
        if users(cx.live, q).is_empty() {
            recreate(cx.declared, b, TypeKind::Domain, q, why, Category::Domain);
        } else {
            rebuild(cx, b, q, d, why);
        }
        crate::kinds::type_park::restore(cx, b, &parked, why, Category::Domain);
        return;
    }
    let late = ddl::checks_calling_routines(cx.declared, d);
    alter_in_place(b, q, d, l, cs, &late);
}

/// The live columns of domain `q` (or arrays of it): (table, column, is an array).
pub(crate) fn users(live: &Schema, q: &QualifiedName) -> Vec<(QualifiedName, String, bool)> {
    crate::kinds::enum_type::plan::users(live, q)
}

/// The domains the plan rebuilds under their users (their tables' views are dropped first).
pub(crate) fn rebuilds(cx: &PlanCx) -> Vec<QualifiedName> {
    let mut out = Vec::new();
    for (q, d) in &cx.declared.domains {
        let cs = about(cx, ObjectKind::Domain, q);
        let Some(l) = cx.live.domains.get(q) else {
            continue;
        };
        let differs = d.data_type != l.data_type || d.collation != l.collation;
        if differs && !comment_only(&cs) && !users(cx.live, q).is_empty() {
            out.push(q.clone());
        }
    }
    out
}

/// The new domain under a temporary name, each column converted through the new base type
/// (defaults dropped first and restored from the declaration), the old domain dropped, the new
/// one renamed, its comment set.
fn rebuild(cx: &PlanCx, b: &mut Builder, q: &QualifiedName, d: &Domain, why: &str) {
    let cat = Category::Domain;
    let tmp = QualifiedName::new(q.schema.clone(), format!("{}__pgdrift_new", q.name));
    let early = ddl::without_late_checks(cx.declared, d);
    // NOT NULL after the rename: PostgreSQL 17 on names its constraint after the domain.
    let nullable = Domain {
        not_null: false,
        ..early.clone()
    };
    b.push(ddl::create_domain(&tmp, &nullable), why, cat, &[]);
    let hz = [Hazard::Rewrite];
    let users = users(cx.live, q);
    for (t, col, array) in &users {
        let lc = cx.live.tables.get(t).and_then(|x| x.columns.get(col));
        if lc.is_some_and(|lc| lc.default.is_some()) {
            b.push(crate::ddl::drop_default(t, col), why, cat, &[]);
        }
        let arr = if *array { "[]" } else { "" };
        let new_type = format!("{}{arr}", tmp.sql());
        let using = format!("{}::{}{arr}::{new_type}", quote_ident(col), d.data_type);
        let sql = crate::ddl::alter_column_type(t, col, &new_type, Some(&using));
        b.push(sql, why, cat, &hz);
    }
    b.push(ddl::drop_domain(q), why, cat, &[]);
    let rename = format!(
        "ALTER DOMAIN {} RENAME TO {}",
        tmp.sql(),
        quote_ident(&q.name)
    );
    b.push(rename, why, cat, &[]);
    if early.not_null {
        b.push(ddl::set_not_null(q, true), why, cat, &[Hazard::LongLock]);
    }
    for sql in ddl::after_create(q, &early) {
        b.push(sql, why, cat, &[]);
    }
    if d.comment.is_some() {
        b.comment(ddl::comment(q, d.comment.as_deref()), why);
    }
    for (t, col, _) in &users {
        let decl_t = cx
            .changes
            .live_of
            .iter()
            .find(|(_, l)| *l == t)
            .map(|(d, _)| d.clone())
            .unwrap_or_else(|| t.clone());
        let default = cx.decl_column(&decl_t, col).and_then(|c| c.default.clone());
        let live_had = cx.live.tables.get(t).and_then(|x| x.columns.get(col));
        if let (Some(def), true) = (default, live_had.is_some_and(|c| c.default.is_some())) {
            b.push(crate::ddl::set_default(t, col, &def), why, cat, &[]);
        }
    }
}

/// Whether the plan creates the domain (missing, or dropped and created again).
fn created(d: &Domain, live: Option<&Domain>) -> bool {
    live.is_none_or(|l| d.data_type != l.data_type || d.collation != l.collation)
}

/// The checks that call routines, added after the routines are created (see
/// `ddl::checks_calling_routines`): every such check of a domain the plan creates, and the new
/// or changed ones of a domain altered in place.
pub(crate) fn late_checks(cx: &PlanCx, b: &mut Builder) {
    for (q, d) in &cx.declared.domains {
        let cs = about(cx, ObjectKind::Domain, q);
        if cs.is_empty() || comment_only(&cs) {
            continue;
        }
        let l = cx.live.domains.get(q);
        for name in ddl::checks_calling_routines(cx.declared, d) {
            let Some(de) = d.checks.get(&name) else {
                continue;
            };
            if created(d, l) || l.is_none_or(|l| readd(d, l, &name)) {
                let why = why_of(&cs, &format!("check {name} "));
                let hz = [Hazard::LongLock];
                b.push(ddl::add_check(q, d, &name, de), &why, Category::Domain, &hz);
                if let Some(c) = d.check_comments.get(&name) {
                    b.comment(ddl::comment_check(q, &name, Some(c)), &why);
                }
            }
        }
    }
}

/// Whether check `name` is dropped (live) or added (declared), or both: its expression differs,
/// or it is declared NOT VALID while the live one is validated (validity cannot be undone).
fn readd(d: &Domain, l: &Domain, name: &String) -> bool {
    let nv = |x: &Domain| x.not_valid.contains(name);
    d.checks.get(name) != l.checks.get(name) || (nv(d) && !nv(l))
}

/// Comments of the checks that differ; a check added again has lost its comment.
fn check_comments(
    b: &mut Builder,
    q: &QualifiedName,
    d: &Domain,
    l: &Domain,
    cs: &[&Change],
    late: &[String],
) {
    for name in d.checks.keys().filter(|n| !late.contains(n)) {
        let dc = d.check_comments.get(name);
        let lc = l.check_comments.get(name).filter(|_| !readd(d, l, name));
        if dc != lc {
            let why = why_of(cs, &format!("comment on check {name} "));
            b.comment(ddl::comment_check(q, name, dc.map(String::as_str)), &why);
        }
    }
}

fn alter_in_place(
    b: &mut Builder,
    q: &QualifiedName,
    d: &Domain,
    l: &Domain,
    cs: &[&Change],
    late: &[String],
) {
    let cat = Category::Domain;
    if d.default != l.default {
        b.push(
            ddl::set_default(q, d.default.as_deref()),
            &why_of(cs, "default"),
            cat,
            &[],
        );
    }
    if d.not_null != l.not_null {
        let hz: &[Hazard] = if d.not_null { &[Hazard::LongLock] } else { &[] };
        b.push(
            ddl::set_not_null(q, d.not_null),
            &why_of(cs, "NOT NULL"),
            cat,
            hz,
        );
    }
    for name in l.checks.keys() {
        if readd(d, l, name) {
            let why = why_of(cs, &format!("check {name} "));
            b.push(ddl::drop_check(q, name), &why, cat, &[]);
        }
    }
    for (name, de) in d.checks.iter().filter(|(n, _)| !late.contains(n)) {
        let why = why_of(cs, &format!("check {name} "));
        if readd(d, l, name) {
            b.push(
                ddl::add_check(q, d, name, de),
                &why,
                cat,
                &[Hazard::LongLock],
            );
        } else if l.not_valid.contains(name) && !d.not_valid.contains(name) {
            b.push(ddl::validate_check(q, name), &why, cat, &[Hazard::LongLock]);
        }
    }
    check_comments(b, q, d, l, cs, late);
    if d.comment != l.comment {
        b.comment(
            ddl::comment(q, d.comment.as_deref()),
            &why_of(cs, "comment"),
        );
    }
}
