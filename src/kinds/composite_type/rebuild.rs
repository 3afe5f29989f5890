//! A composite type whose attribute changes type or collation while table columns use it:
//! PostgreSQL refuses `ALTER ATTRIBUTE … TYPE` then ("cannot alter type because column uses
//! it"). Its attributes are first dropped and added in place (`plan::alter`), so the live ones
//! line up with the declared ones; then it is rebuilt like an enum: the declared type under a
//! temporary name, each column converted through its text form (`c::text::tmp`, which matches
//! attributes by position and converts each value by its own type's input), the old type
//! dropped, the new one renamed and commented, the columns' declared defaults set again.
//!
//! The domains and composite types built on it are dropped and created again around it
//! (`type_park`).

use super::CompositeType;
use crate::diff::Category;
use crate::kinds::type_park::{self, live_default, restore_default};
use crate::model::{quote_ident, QualifiedName};
use crate::plan::{Builder, Hazard, PlanCx};

/// Whether the plan rebuilds `q` rather than altering its attributes' types in place.
pub(crate) fn needed(cx: &PlanCx, q: &QualifiedName, d: &CompositeType, l: &CompositeType) -> bool {
    let retyped = d
        .attributes
        .iter()
        .any(|(n, da)| l.attributes.get(n).is_some_and(|la| la != da));
    // Types built on it are parked around the rebuild (`type_park`): their columns count too.
    let built_on = !type_park::parked_names(cx, std::slice::from_ref(q)).is_empty();
    retyped && (built_on || !users(cx, q).is_empty())
}

/// The live table columns of type `q` or `q[]`: (table, column, is an array).
fn users(cx: &PlanCx, q: &QualifiedName) -> Vec<(QualifiedName, String, bool)> {
    crate::kinds::enum_type::plan::users(cx.live, q)
}

/// The rebuild (see the module docs), once the attributes are added and dropped in place.
pub(crate) fn rebuild(
    cx: &PlanCx,
    b: &mut Builder,
    q: &QualifiedName,
    d: &CompositeType,
    why: &str,
) {
    let cat = Category::UserType;
    let tmp = QualifiedName::new(q.schema.clone(), format!("{}__pgdrift_new", q.name));
    b.push(super::ddl::create_type(&tmp, d), why, cat, &[]);
    let users = users(cx, q);
    for (t, col, array) in &users {
        if live_default(cx.live, t, col) {
            b.push(crate::ddl::drop_default(t, col), why, cat, &[]);
        }
        let arr = if *array { "[]" } else { "" };
        let new_type = format!("{}{arr}", tmp.sql());
        let using = format!("{}::text{arr}::{new_type}", quote_ident(col));
        let sql = crate::ddl::alter_column_type(t, col, &new_type, Some(&using));
        b.push(sql, why, cat, &[Hazard::Rewrite]);
    }
    let parked = type_park::park(cx, b, q, why, cat);
    b.push(super::ddl::drop_type(q), why, cat, &[]);
    let rename = format!(
        "ALTER TYPE {} RENAME TO {}",
        tmp.sql(),
        quote_ident(&q.name)
    );
    b.push(rename, why, cat, &[]);
    // The comments went with the old type.
    for st in super::ddl::create_one(q, d).into_iter().skip(1) {
        b.comment(st.sql, why);
    }
    for (t, col, _) in &users {
        restore_default(cx, b, (t, col), why, cat);
    }
    type_park::restore(cx, b, &parked, why, cat);
}
