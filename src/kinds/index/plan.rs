//! Planning indexes: dropped with the other members (see `kinds::constraint::plan`), created
//! after the constraints (concurrently after the transaction with `--online`), then commented.

use std::collections::HashSet;

use crate::ddl;
use crate::diff::Category;
use crate::model::{Index, QualifiedName, Schema};
use crate::plan::{Builder, Hazard, PlanCx, Step};

/// An index of a table or materialized view: (declared relation, name, label).
pub(crate) type IndexAdd = (QualifiedName, String, String);

/// Drops a live index; also says whether it is unique, since foreign keys may reference it.
pub(crate) fn drop(live: &Schema, lt: &QualifiedName, name: &str) -> (String, bool) {
    let unique = live
        .tables
        .get(lt)
        .and_then(|x| x.indexes.get(name))
        .is_some_and(|i| i.unique);
    (ddl::drop_index(lt, name, false), unique)
}

/// An index of a table or of a materialized view.
fn declared_index<'a>(declared: &'a Schema, t: &QualifiedName, m: &str) -> Option<&'a Index> {
    declared
        .tables
        .get(t)
        .and_then(|dt| dt.indexes.get(m))
        .or_else(|| declared.views.get(t).and_then(|v| v.indexes.get(m)))
}

/// Whether `t` is a partitioned table (declared `partition_by`).
fn is_partitioned(cx: &PlanCx, t: &QualifiedName) -> bool {
    cx.declared
        .tables
        .get(t)
        .is_some_and(|dt| dt.partition_by.is_some())
}

/// `fk_targets`: tables a new foreign key references, whose unique indexes it needs inside the
/// transaction.
pub(crate) fn create_indexes(
    cx: &PlanCx,
    b: &mut Builder,
    adds: &[IndexAdd],
    fk_targets: &HashSet<QualifiedName>,
) {
    for (t, m, why) in adds {
        let Some(ix) = declared_index(cx.declared, t, m) else {
            continue;
        };
        let fresh = cx.missing_set.contains(t);
        // Concurrent builds only pay off on tables that already hold rows, an index a new
        // foreign key relies on must exist inside the transaction, and PostgreSQL refuses
        // `CONCURRENTLY` on a partitioned table.
        let concurrent = cx.opts.online
            && !fresh
            && (!ix.unique || !fk_targets.contains(t))
            && !is_partitioned(cx, t);
        if concurrent {
            b.steps.push(Step {
                sql: ddl::create_index(t, m, ix, true),
                change: why.clone(),
                category: Category::Index,
                hazards: vec![Hazard::NotTransactional],
                transactional: false,
                resume_index: Some(QualifiedName::new(t.schema.clone(), m.clone())),
                before_transaction: false,
            });
        } else {
            let hz: &[Hazard] = if fresh { &[] } else { &[Hazard::LongLock] };
            b.push(ddl::create_index(t, m, ix, false), why, Category::Index, hz);
        }
    }
}

/// Comments of the indexes just created, and comments that changed on the others.
pub(crate) fn comment_indexes(
    cx: &PlanCx,
    b: &mut Builder,
    adds: &[IndexAdd],
    comments: &[IndexAdd],
) {
    for (t, m, why) in adds {
        if let Some(cm) = declared_index(cx.declared, t, m).and_then(|i| i.comment.as_deref()) {
            push_comment(
                b,
                ddl::comment_on_index(t, m, Some(cm)),
                why,
                cx.opts.online && !cx.missing_set.contains(t),
            );
        }
    }
    for (t, m, why) in comments {
        if cx.dropped_views.contains(t) || cx.missing_views.contains(t) {
            continue;
        }
        if adds.iter().any(|(a, n, _)| a == t && n == m) {
            continue;
        }
        if let Some(ix) = declared_index(cx.declared, t, m) {
            b.comment(ddl::comment_on_index(t, m, ix.comment.as_deref()), why);
        } else if let Some(c) = cx
            .declared
            .tables
            .get(t)
            .and_then(|dt| crate::kinds::constraint::ddl::key_index_comment(dt, m))
        {
            // The index behind a key constraint (see `PrimaryKey::index_comment`).
            b.comment(ddl::comment_on_index(t, m, c), why);
        }
    }
}

/// A comment on an index built concurrently must wait until the index exists, after COMMIT.
fn push_comment(b: &mut Builder, sql: String, why: &str, after_commit: bool) {
    b.steps.push(Step {
        sql,
        change: why.to_string(),
        category: Category::Comment,
        hazards: Vec::new(),
        transactional: !after_commit,
        resume_index: None,
        before_transaction: false,
    });
}
