//! View SQL: `CREATE`/`DROP`/`ALTER .. RENAME` and comments for views and materialized views,
//! and the order views are created in (each after the views it reads).
//!
//! Conventions (quoting, no trailing semicolon, never `CASCADE`) are those of `crate::ddl`,
//! which re-exports the public functions here so callers keep using `ddl::create_view` and
//! friends.

use crate::ddl::{comment_literal, Statement};
use crate::graph::{Graph, Node, NodeKind};
use crate::kinds::index;
use crate::model::{quote_ident, QualifiedName, Schema, View};

/// `pg_get_viewdef` surrounds the query with a leading space and a trailing `;`; a statement
/// carries neither.
fn clean_definition(definition: &str) -> &str {
    let mut d = definition.trim();
    while let Some(stripped) = d.strip_suffix(';') {
        d = stripped.trim_end();
    }
    d
}

fn view_kind(materialized: bool) -> &'static str {
    if materialized {
        "MATERIALIZED VIEW"
    } else {
        "VIEW"
    }
}

/// `CREATE [OR REPLACE] [MATERIALIZED] VIEW name AS\n<definition>`. A materialized view has no
/// OR REPLACE in PostgreSQL, so `or_replace` is ignored for it.
pub fn create_view(name: &QualifiedName, view: &View, or_replace: bool) -> String {
    let head = if view.materialized {
        "CREATE MATERIALIZED VIEW"
    } else if or_replace {
        "CREATE OR REPLACE VIEW"
    } else {
        "CREATE VIEW"
    };
    format!(
        "{head} {}{}{} AS\n{}",
        name.sql(),
        crate::kinds::table::shape::with_clause(&view.with),
        crate::kinds::table::relopts::tablespace_clause(view.tablespace.as_deref()),
        // At PostgreSQL's deparse fixpoint (see `squash::stabilize_expression`).
        crate::squash::stabilize_expression(clean_definition(&view.definition))
    )
}

pub fn comment_on_view(view: &QualifiedName, materialized: bool, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON {} {} IS {}",
        view_kind(materialized),
        view.sql(),
        comment_literal(comment)
    )
}

pub fn drop_view(name: &QualifiedName, materialized: bool) -> String {
    format!("DROP {} {}", view_kind(materialized), name.sql())
}

pub fn rename_view(old: &QualifiedName, materialized: bool, new_name: &str) -> String {
    format!(
        "ALTER {} {} RENAME TO {}",
        view_kind(materialized),
        old.sql(),
        quote_ident(new_name)
    )
}

// ---------------------------------------------------------------------------------------------
// Creation order
// ---------------------------------------------------------------------------------------------

/// Orders views so every view comes after the views it reads (`View::depends_on`; a dependency
/// that is not a view is a table and needs no ordering). Among views that do not depend on each
/// other, model order is kept: a model order that is already valid comes back unchanged.
/// `Err` carries the views on (or between) dependency cycles, in model order.
pub fn topo_order_views(schema: &Schema) -> Result<Vec<QualifiedName>, Vec<QualifiedName>> {
    let (order, cyclic) = view_order(schema);
    if cyclic.is_empty() {
        Ok(order)
    } else {
        Err(cyclic)
    }
}

/// Every view in the order `ddl::create_script` creates them: dependencies first, and views on
/// or behind a cycle last, in model order (PostgreSQL then reports the cycle).
pub(crate) fn creation_order(schema: &Schema) -> Vec<QualifiedName> {
    view_order(schema).0
}

/// The creation order of every view, and the views on (or between) dependency cycles, from
/// the one dependency graph (`crate::graph`). Views stuck behind a cycle still get emitted (in
/// model order) so the script is complete; PostgreSQL will then report the real problem.
fn view_order(schema: &Schema) -> (Vec<QualifiedName>, Vec<QualifiedName>) {
    let o = Graph::of(schema).ordering();
    let views = |nodes: Vec<Node>| -> Vec<QualifiedName> {
        nodes
            .into_iter()
            .filter(|n| n.kind == NodeKind::View)
            .map(|n| n.name)
            .collect()
    };
    let mut order = views(o.order);
    order.extend(views(o.stuck));
    (order, views(o.cyclic))
}

// ---------------------------------------------------------------------------------------------
// Script parts
// ---------------------------------------------------------------------------------------------

/// The views' part of `ddl::create_script`, in `order` (see `creation_order`): each view,
/// then its indexes (a materialized view's indexes need the view, and views after it may read
/// it).
pub fn create_statements(schema: &Schema, order: &[QualifiedName]) -> Vec<Statement> {
    let mut out = Vec::new();
    for name in order {
        let Some(view) = schema.views.get(name) else {
            continue;
        };
        let kind = if view.materialized {
            "materialized view"
        } else {
            "view"
        };
        out.push(Statement::new(
            create_view(name, view, false),
            format!("{kind} {name}"),
        ));
        out.extend(index::ddl::create_statements_for(
            name,
            &view.indexes,
            |_| true,
        ));
    }
    out
}

/// The comments of every view (in `order`), each view's grouped as one object: the view's own,
/// its columns', then its indexes'.
pub fn comment_statements(schema: &Schema, order: &[QualifiedName]) -> Vec<Statement> {
    let mut out = Vec::new();
    for name in order {
        let Some(view) = schema.views.get(name) else {
            continue;
        };
        let object = format!("comments on view {name}");
        if let Some(c) = &view.comment {
            out.push(Statement::new(
                comment_on_view(name, view.materialized, Some(c)),
                object.clone(),
            ));
        }
        for (col, c) in &view.column_comments {
            let sql = crate::kinds::column::ddl::comment_on_column(name, col, Some(c));
            out.push(Statement::new(sql, object.clone()));
        }
        out.extend(index::ddl::comment_statements_for(
            name,
            &view.indexes,
            &object,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_definition_loses_semicolon() {
        assert_eq!(clean_definition(" SELECT 1;\n"), "SELECT 1");
    }
}
