//! Planning tables: renames, new tables, undeclared tables, table comments.

use crate::ddl;
use crate::diff::Category;
use crate::kinds::function::dependents::Dependent;
use crate::model::QualifiedName;
use crate::plan::{label, Builder, Hazard, PlanCx};

use super::column_order::Creation;

/// Renames first, so nothing declared as renamed is dropped and re-added.
pub(crate) fn rename_tables(cx: &PlanCx, b: &mut Builder) {
    for (c, old, new) in &cx.changes.table_renames {
        b.push(
            ddl::rename_table(old, &new.name),
            &label(&[c]),
            c.category,
            &[],
        );
    }
}

/// The label of every step serving a table that is created.
pub(crate) fn missing(t: &QualifiedName) -> String {
    format!("table {t} is declared but missing from the database")
}

/// Creates the declared tables missing from the database, with their own columns and keys;
/// their foreign keys and indexes come later, with everyone else's.
/// Parents before their partitions and children; creating a partition of a parent that has a
/// default partition scans that one (long lock).
pub(crate) fn create_tables(cx: &PlanCx, b: &mut Builder) {
    let mut names = cx.changes.missing_tables.clone();
    super::shape::parents_first(cx.declared, &mut names);
    // Defaults and checks calling a routine that reads tables wait for it (`late_tables`).
    let late = crate::kinds::function::ddl::late_members(cx.declared);
    let early = crate::kinds::function::ddl::without_late_members(cx.declared, &late);
    for step in super::column_order::creations(&early, &names) {
        match step {
            Creation::Table(t, dt) => {
                let hazards = super::shape::create_hazards(cx.live, &t, &dt);
                for sql in super::column_order::create_statements(&early, &t, &dt) {
                    b.push(sql, &missing(&t), Category::Table, &hazards);
                }
            }
            // Its storage is set with the other new columns' (`shape::plan`).
            Creation::Column(owner, c) => {
                for st in super::ddl::deferred_column(&early, &owner, &c)
                    .into_iter()
                    .take(1)
                {
                    b.push(st.sql, &missing(&owner), Category::Table, &[]);
                }
            }
        }
    }
}

/// The defaults and checks of new tables that [`create_tables`] left out because they call a
/// routine created after the tables (`kinds::function::ddl::late_members`), once it exists.
pub(crate) fn late_members(cx: &PlanCx, b: &mut Builder) {
    use crate::kinds::function::ddl::{late_member_statements, late_members};
    let late: std::collections::BTreeSet<_> = late_members(cx.declared)
        .into_iter()
        .filter(|d| match d {
            Dependent::Default(t, _) | Dependent::Check(t, _) => cx.missing_set.contains(t),
            _ => false,
        })
        .collect();
    for st in late_member_statements(cx.declared, &late) {
        let why = st.object.clone();
        b.push(
            st.sql,
            &format!("{why}: waits for the routine it calls"),
            Category::Table,
            &[],
        );
    }
}

/// Children before their parents (a parent cannot be dropped while a child inherits from it).
pub(crate) fn drop_tables(cx: &PlanCx, b: &mut Builder) {
    let mut names = cx.changes.extra_tables.clone();
    super::shape::parents_first(cx.live, &mut names);
    names.reverse();
    for t in &names {
        let sql = match cx.live.tables.get(t) {
            Some(lt) => ddl::drop_relation(t, lt),
            None => ddl::drop_table(t),
        };
        b.push(
            sql,
            &format!("table {t} exists in the database but is not declared"),
            Category::Table,
            &[Hazard::DataLoss],
        );
    }
}

/// Comments that changed on existing tables.
pub(crate) fn comment_tables(cx: &PlanCx, b: &mut Builder) {
    for (c, t) in &cx.changes.table_comments {
        if let Some(dt) = cx.declared.tables.get(t) {
            b.comment(ddl::comment_on(t, dt, dt.comment.as_deref()), &label(&[c]));
        }
    }
}

/// Comments of the tables just created and of their columns.
pub(crate) fn comment_new_tables(cx: &PlanCx, b: &mut Builder) {
    for t in &cx.changes.missing_tables {
        let Some(dt) = cx.declared.tables.get(t) else {
            continue;
        };
        let why = missing(t);
        if let Some(cm) = &dt.comment {
            b.comment(ddl::comment_on(t, dt, Some(cm)), &why);
        }
        for (cn, col) in &dt.columns {
            if let Some(cm) = &col.comment {
                b.comment(ddl::comment_on_column(t, cn, Some(cm)), &why);
            }
        }
        // Keys and checks are created inline; foreign keys are added later, with their comments.
        let inline = crate::kinds::constraint::ddl::members(dt, false);
        for (kind, name) in inline {
            if let Some(cm) = ddl::declared_comment(dt, kind, name) {
                b.comment(ddl::comment_on_constraint(t, name, Some(cm)), &why);
            }
            let key_index = crate::kinds::constraint::ddl::key_index_comment(dt, name);
            if let Some(cm) = key_index.flatten() {
                b.comment(ddl::comment_on_index(t, name, Some(cm)), &why);
            }
        }
    }
}
