//! Domains over an enum the plan rebuilds. A domain's base type cannot change, and the old enum
//! cannot be dropped while a domain is based on it: each such domain's columns are parked as
//! `text` (or `text[]`), the domain dropped, and once the new enum has its name the domain is
//! created again from the declaration and its columns converted back. Its declared changes
//! then apply on top (`kinds::domain::plan`), which finds it as the live one was.

use crate::diff::Category;
use crate::kinds::domain::ddl;
use crate::model::{quote_ident, QualifiedName, Schema};
use crate::plan::{Builder, Hazard, PlanCx};

/// A declared domain based on the rebuilt enum (or an array of it), with its live columns:
/// (table, column, is an array of the domain).
pub(crate) struct Parked {
    domain: QualifiedName,
    columns: Vec<(QualifiedName, String, bool)>,
}

/// The live domains whose base type is `q` or `q[]` and which the declaration keeps (one it
/// drops goes with the other undeclared types, after the columns left it).
fn domains_over(cx: &PlanCx, q: &QualifiedName) -> Vec<QualifiedName> {
    let spelled = q.type_spelling();
    let array = format!("{spelled}[]");
    cx.live
        .domains
        .iter()
        .filter(|(_, d)| d.data_type == spelled || d.data_type == array)
        .map(|(n, _)| n.clone())
        .filter(|n| cx.declared.domains.contains_key(n))
        .collect()
}

/// Before the enum is rebuilt: each domain over it loses its columns (to text, their defaults
/// dropped) and is dropped.
pub(crate) fn park(cx: &PlanCx, b: &mut Builder, q: &QualifiedName, why: &str) -> Vec<Parked> {
    let mut out = Vec::new();
    for domain in domains_over(cx, q) {
        let columns = crate::kinds::domain::plan::users(cx.live, &domain);
        for (t, col, array) in &columns {
            if live_default(cx.live, t, col) {
                b.push(crate::ddl::drop_default(t, col), why, Category::Enum, &[]);
            }
            let text = if *array { "text[]" } else { "text" };
            let using = format!("{}::{text}", quote_ident(col));
            let sql = crate::ddl::alter_column_type(t, col, text, Some(&using));
            b.push(sql, why, Category::Enum, &[Hazard::Rewrite]);
        }
        b.push(ddl::drop_domain(&domain), why, Category::Enum, &[]);
        out.push(Parked { domain, columns });
    }
    out
}

/// After the enum has its name again: each parked domain created from the declaration, its
/// columns converted back and their declared defaults set.
pub(crate) fn restore(cx: &PlanCx, b: &mut Builder, parked: &[Parked], why: &str) {
    for p in parked {
        let Some(d) = cx.declared.domains.get(&p.domain) else {
            continue;
        };
        let early = ddl::without_late_checks(cx.declared, d);
        b.push(
            ddl::create_domain(&p.domain, &early),
            why,
            Category::Enum,
            &[],
        );
        for sql in ddl::after_create(&p.domain, &early) {
            b.push(sql, why, Category::Enum, &[]);
        }
        if d.comment.is_some() {
            b.comment(ddl::comment(&p.domain, d.comment.as_deref()), why);
        }
        for (t, col, array) in &p.columns {
            let arr = if *array { "[]" } else { "" };
            let new_type = format!("{}{arr}", p.domain.sql());
            let using = format!("{}::{new_type}", quote_ident(col));
            let sql = crate::ddl::alter_column_type(t, col, &new_type, Some(&using));
            b.push(sql, why, Category::Enum, &[Hazard::Rewrite]);
            restore_default(cx, b, (t, col), why, Category::Enum);
        }
    }
}

/// After a rebuild converted live column `col` of `t`: its declared default, if the live column
/// had one (which the conversion dropped; a new default is the column plan's).
pub(crate) fn restore_default(
    cx: &PlanCx,
    b: &mut Builder,
    (t, col): (&QualifiedName, &str),
    why: &str,
    cat: Category,
) {
    let default = cx
        .decl_column(&cx.declared_name(t), col)
        .and_then(|c| c.default.clone());
    if let (Some(def), true) = (default, live_default(cx.live, t, col)) {
        b.push(crate::ddl::set_default(t, col, &def), why, cat, &[]);
    }
}

pub(crate) fn live_default(live: &Schema, t: &QualifiedName, col: &str) -> bool {
    live.tables
        .get(t)
        .and_then(|x| x.columns.get(col))
        .is_some_and(|c| c.default.is_some())
}
