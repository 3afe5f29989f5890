//! Types built on a type the plan drops and creates again (an enum or a composite type rebuilt,
//! a domain recreated or rebuilt). PostgreSQL refuses to drop a type while a domain is based on
//! it or a composite type has an attribute of it, and neither can be pointed at another type in
//! place. So each declared type built on it (what is built on that one first) is parked: its
//! table columns become `text` (or `text[]`, defaults dropped), it is dropped, and once the base
//! type is back it is created again from the declaration and its columns converted back
//! (`c::type`, the text form: a composite's attributes match by position) with their declared
//! defaults. A parked type is then as declared: its own changes are not planned again
//! ([`parked_names`]).

use std::collections::HashSet;

use crate::diff::Category;
use crate::kinds::type_order::{create_one, drop_one, TypeKind};
use crate::model::{quote_ident, QualifiedName, Schema};
use crate::plan::{Builder, Hazard, PlanCx};

/// How deep types are built on each other before parking stops looking.
const MAX_DEPTH: usize = 8;

/// A parked type with its live table columns: (table, column, is an array of the type).
pub(crate) struct Parked {
    kind: TypeKind,
    name: QualifiedName,
    columns: Vec<(QualifiedName, String, bool)>,
}

/// The live domains and composite types built directly on `q` (or `q[]`) that the declaration
/// keeps as the same kind (one it drops goes with the other undeclared types).
fn built_on(cx: &PlanCx, q: &QualifiedName) -> Vec<(TypeKind, QualifiedName)> {
    let spelled = q.type_spelling();
    let array = format!("{spelled}[]");
    let is_q = |t: &str| t == spelled || t == array;
    let domains = cx
        .live
        .domains
        .iter()
        .filter(|(n, d)| is_q(&d.data_type) && cx.declared.domains.contains_key(*n))
        .map(|(n, _)| (TypeKind::Domain, n.clone()));
    let composites = cx
        .live
        .types
        .iter()
        .filter(|(n, t)| *n != q && t.attributes.values().any(|a| is_q(&a.data_type)))
        .filter(|(n, _)| cx.declared.types.contains_key(*n))
        .map(|(n, _)| (TypeKind::Composite, n.clone()));
    domains.chain(composites).collect()
}

/// The names of every type [`park`] would park for the base types in `bases`.
pub(crate) fn parked_names(cx: &PlanCx, bases: &[QualifiedName]) -> HashSet<QualifiedName> {
    let mut out = HashSet::new();
    let mut todo: Vec<(QualifiedName, usize)> = bases.iter().map(|q| (q.clone(), 0)).collect();
    while let Some((q, depth)) = todo.pop() {
        for (_, t) in built_on(cx, &q) {
            if depth < MAX_DEPTH && out.insert(t.clone()) {
                todo.push((t, depth + 1));
            }
        }
    }
    out
}

/// Before `q` is dropped: the types built on it parked (see the module docs), in park order.
pub(crate) fn park(
    cx: &PlanCx,
    b: &mut Builder,
    q: &QualifiedName,
    why: &str,
    cat: Category,
) -> Vec<Parked> {
    let mut out = Vec::new();
    park_into(cx, b, (q, 0), (why, cat), &mut out);
    out
}

fn park_into(
    cx: &PlanCx,
    b: &mut Builder,
    (q, depth): (&QualifiedName, usize),
    (why, cat): (&str, Category),
    out: &mut Vec<Parked>,
) {
    if depth >= MAX_DEPTH {
        return;
    }
    for (kind, t) in built_on(cx, q) {
        if out.iter().any(|p| p.name == t) {
            continue;
        }
        park_into(cx, b, (&t, depth + 1), (why, cat), out);
        let columns = crate::kinds::enum_type::plan::users(cx.live, &t);
        for (table, col, array) in &columns {
            if live_default(cx.live, table, col) {
                b.push(crate::ddl::drop_default(table, col), why, cat, &[]);
            }
            let text = if *array { "text[]" } else { "text" };
            let using = format!("{}::{text}", quote_ident(col));
            let sql = crate::ddl::alter_column_type(table, col, text, Some(&using));
            b.push(sql, why, cat, &[Hazard::Rewrite]);
        }
        b.push(drop_one(kind, &t).sql, why, cat, &[]);
        out.push(Parked {
            kind,
            name: t,
            columns,
        });
    }
}

/// Once the base type is back: the parked types created again from the declaration (bases
/// first), their columns converted back and their declared defaults set.
pub(crate) fn restore(cx: &PlanCx, b: &mut Builder, parked: &[Parked], why: &str, cat: Category) {
    for p in parked.iter().rev() {
        for st in create_one(cx.declared, p.kind, &p.name) {
            if st.sql.starts_with("COMMENT ON") {
                b.comment(st.sql, why);
            } else {
                b.push(st.sql, why, cat, &[]);
            }
        }
        for (t, col, array) in &p.columns {
            let arr = if *array { "[]" } else { "" };
            let new_type = format!("{}{arr}", p.name.sql());
            let using = format!("{}::{new_type}", quote_ident(col));
            let sql = crate::ddl::alter_column_type(t, col, &new_type, Some(&using));
            b.push(sql, why, cat, &[Hazard::Rewrite]);
            restore_default(cx, b, (t, col), why, cat);
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
