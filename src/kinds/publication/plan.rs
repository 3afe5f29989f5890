//! Planning publications. What leaves a publication goes first in the plan (before any table,
//! column or schema is dropped or changed: a column list or row filter depends on its columns,
//! so PostgreSQL refuses to drop or retype them while the member is there); what joins goes
//! last (after every table it names exists).
//!
//! A member whose column list or row filter changes is dropped first and added again last
//! (rather than `SET TABLE`, which replaces every member at once and cannot run before the
//! columns it names exist); `apply` runs both in one transaction, so no subscriber sees the gap.
//! A change between `FOR ALL TABLES` and a list is a drop and a new `CREATE`; a table the plan
//! drops and creates again (which leaves its publications silently) joins them again.

use super::{ddl, Publication, PublishedTable};
use crate::diff::{Category, Change, ObjectKind, Presence};
use crate::model::{QualifiedName, Schema};
use crate::plan::{label, Builder, Step};

/// Adds the publication steps to `b`: removals before every step planned so far, the rest after.
pub(crate) fn plan(declared: &Schema, live: &Schema, changes: &[Change], b: &mut Builder) {
    let mine: Vec<&Change> = changes
        .iter()
        .filter(|c| c.object.kind == ObjectKind::Publication)
        .collect();
    let dropped_tables: Vec<&str> = b
        .steps
        .iter()
        .filter(|s| s.sql.starts_with("DROP TABLE "))
        .map(|s| s.sql.as_str())
        .collect();
    let dropped = |t: &QualifiedName| {
        let sql = crate::kinds::table::ddl::drop_table(t);
        dropped_tables.contains(&sql.as_str())
    };
    let mut early = Builder { steps: Vec::new() };
    let mut late = Builder { steps: Vec::new() };
    for l in &live.publications {
        let about: Vec<&Change> = mine
            .iter()
            .copied()
            .filter(|c| c.object.name == l.name)
            .collect();
        let Some(d) = declared.publications.iter().find(|d| d.name == l.name) else {
            // Undeclared: dropped if the diff says so (ignore rules may keep it).
            if let Some(c) = about.iter().find(|c| c.presence == Presence::Extra) {
                early.push(ddl::drop(&l.name), &label(&[c]), c.category, &[]);
            }
            continue;
        };
        let text = label(&about);
        if about.iter().any(|c| c.category == Category::Publication) {
            if d.all_tables != l.all_tables {
                early.push(ddl::drop(&l.name), &text, Category::Publication, &[]);
                for s in ddl::build(d) {
                    late.push(s.sql, &text, Category::Publication, &[]);
                }
                continue;
            }
            alter(d, l, &text, &dropped, &mut early, &mut late);
        } else {
            rejoin(d, l, &dropped, &mut late);
        }
        if let Some(c) = about.iter().find(|c| c.category == Category::Comment) {
            late.comment(ddl::comment(&d.name, d.comment.as_deref()), &label(&[c]));
        }
    }
    for c in mine.iter().filter(|c| c.presence == Presence::Missing) {
        if let Some(d) = declared
            .publications
            .iter()
            .find(|d| d.name == c.object.name)
        {
            for s in ddl::build(d) {
                late.push(s.sql, &label(&[c]), c.category, &[]);
            }
        }
    }
    let mut steps: Vec<Step> = early.steps;
    steps.append(&mut b.steps);
    steps.append(&mut late.steps);
    b.steps = steps;
}

/// The steps that turn `l` into `d` (both lists, or both `FOR ALL TABLES`).
fn alter(
    d: &Publication,
    l: &Publication,
    text: &str,
    dropped: &dyn Fn(&QualifiedName) -> bool,
    early: &mut Builder,
    late: &mut Builder,
) {
    let name = &d.name;
    let leaving: Vec<&QualifiedName> = l
        .tables
        .iter()
        .filter(|t| d.member(&t.table) != Some(*t))
        .map(|t| &t.table)
        .collect();
    let joining: Vec<&PublishedTable> = d
        .tables
        .iter()
        .filter(|t| l.member(&t.table) != Some(*t) || dropped(&t.table))
        .collect();
    let (old_schemas, new_schemas) = (l.schemas_not_in(d), d.schemas_not_in(l));
    let removals = [
        (!leaving.is_empty()).then(|| ddl::drop_tables(name, &leaving)),
        (!old_schemas.is_empty()).then(|| ddl::drop_schemas(name, &old_schemas)),
    ];
    // Options first: a partitioned table with a row filter needs publish_via_partition_root.
    let options = !d.same_operations(l) || d.via_partition_root != l.via_partition_root;
    let additions = [
        options.then(|| ddl::set_options(d)),
        (!joining.is_empty()).then(|| ddl::add_tables(name, &joining)),
        (!new_schemas.is_empty()).then(|| ddl::add_schemas(name, &new_schemas)),
    ];
    for sql in removals.into_iter().flatten() {
        early.push(sql, text, Category::Publication, &[]);
    }
    for sql in additions.into_iter().flatten() {
        late.push(sql, text, Category::Publication, &[]);
    }
}

/// An unchanged publication whose tables the plan drops and creates again: they join it again.
fn rejoin(
    d: &Publication,
    l: &Publication,
    dropped: &dyn Fn(&QualifiedName) -> bool,
    late: &mut Builder,
) {
    let again: Vec<&PublishedTable> = d
        .tables
        .iter()
        .filter(|t| l.member(&t.table).is_some() && dropped(&t.table))
        .collect();
    if !again.is_empty() {
        let text = format!(
            "publication {}: its tables are dropped and created again",
            d.name
        );
        let sql = ddl::add_tables(&d.name, &again);
        late.push(sql, &text, Category::Publication, &[]);
    }
}
