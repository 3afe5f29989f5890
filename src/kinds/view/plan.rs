//! Planning views: which ones are dropped and recreated, in which order, and which changed views
//! can be replaced in place.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::ddl;
use crate::diff::{Category, Presence};
use crate::graph::{Graph, Node, NodeKind};
use crate::kinds::function::plan::{among_views, create_among_views};
use crate::kinds::function::RoutineKey;
use crate::model::{QualifiedName, Schema, View};
use crate::plan::{about, label, Builder, PlanCx, PlanError};

/// The view changes sorted by what they ask of the plan.
pub(crate) struct ViewClasses {
    /// Undeclared views and views whose body changes: dropped with everything reading them.
    pub seeds: HashSet<QualifiedName>,
    /// Declared views missing from the database.
    pub missing: HashSet<QualifiedName>,
    /// Redefined plain views that keep the live output columns: replaced in place.
    pub replaced: HashSet<QualifiedName>,
}

pub(crate) fn classify(cx: &PlanCx) -> ViewClasses {
    let mut out = ViewClasses {
        seeds: HashSet::new(),
        missing: HashSet::new(),
        replaced: HashSet::new(),
    };
    for c in &cx.changes.views {
        let Some(q) = &c.object.qualified else {
            continue;
        };
        match (c.presence, c.category) {
            (Presence::Extra, _) => {
                out.seeds.insert(q.clone());
            }
            (Presence::Missing, _) => {
                out.missing.insert(q.clone());
            }
            // Only the options differ: `ALTER VIEW … SET/RESET`, no rebuild (see `alter_options`).
            (_, Category::View) if same_body(cx, q) => {}
            (_, Category::View) => {
                let appendable = cx.opts.appendable_views.contains(q)
                    && cx.live.views.get(q).is_some_and(|v| !v.materialized)
                    && cx.declared.views.get(q).is_some_and(|v| !v.materialized);
                if appendable {
                    out.replaced.insert(q.clone());
                } else {
                    out.seeds.insert(q.clone());
                }
            }
            _ => {}
        }
    }
    out
}

/// The live views that must be dropped: those in `seeds`, those reading a table in
/// `touched_tables`, and, transitively, every view reading one of those (the dependents of
/// those objects in the one dependency graph, `crate::graph`).
pub(crate) fn dependent_views(
    live: &Schema,
    touched_tables: &HashSet<QualifiedName>,
    seeds: &HashSet<QualifiedName>,
) -> HashSet<QualifiedName> {
    let mut start: BTreeSet<Node> = seeds.iter().map(|q| Node::new(NodeKind::View, q)).collect();
    start.extend(touched_tables.iter().map(|q| Node::new(NodeKind::Table, q)));
    let mut out: HashSet<QualifiedName> = seeds.clone();
    out.extend(
        Graph::of(live)
            .dependents(&start)
            .into_iter()
            .filter(|n| n.kind == NodeKind::View)
            .map(|n| n.name),
    );
    out
}

/// The step label of a view: its own changes, or why it is recreated without any.
fn why(cx: &PlanCx, q: &QualifiedName) -> String {
    let cs = about(&cx.changes.views, q);
    if cs.is_empty() {
        format!("view {q}: recreated because what it reads changes")
    } else {
        label(&cs)
    }
}

/// Drops the views that must go, dependents first.
pub(crate) fn drop_views(cx: &PlanCx, b: &mut Builder) {
    let bound = crate::kinds::function::plan::bound_to_views(cx.live, &cx.dropped_views);
    if !bound.is_empty() {
        return drop_views_and_routines(cx, b, &bound);
    }
    let live_view_order = match ddl::topo_order_views(cx.live) {
        Ok(o) => o,
        Err(_) => cx.live.views.keys().cloned().collect(),
    };
    for q in live_view_order.iter().rev() {
        if cx.dropped_views.contains(q) {
            let Some(v) = cx.live.views.get(q) else {
                continue;
            };
            b.push(
                ddl::drop_view(q, v.materialized),
                &why(cx, q),
                Category::View,
                &[],
            );
        }
    }
}

/// [`drop_views`] when routines name dropped views (a `SETOF view` result, a `BEGIN ATOMIC`
/// body): one dependency order over views and routines, dependents first, so a view calling
/// such a routine goes before it and the view it names after it.
fn drop_views_and_routines(cx: &PlanCx, b: &mut Builder, bound: &[RoutineKey]) {
    let routines: HashMap<Node, &RoutineKey> =
        bound.iter().map(|k| (Node::routine(k), k)).collect();
    let combined = Graph::with_routines(cx.live).ordering();
    for node in combined.order.iter().chain(&combined.stuck).rev() {
        if let Some(key) = routines.get(node) {
            b.steps
                .extend(crate::kinds::function::plan::drop_bound(cx.live, key));
            continue;
        }
        let q = &node.name;
        let Some(v) = cx.live.views.get(q) else {
            continue;
        };
        if node.kind == NodeKind::View && cx.dropped_views.contains(q) {
            b.push(
                ddl::drop_view(q, v.materialized),
                &why(cx, q),
                Category::View,
                &[],
            );
        }
    }
}

/// The views [`create_views`] created, for their comments.
pub(crate) struct CreatedViews<'a> {
    /// Every view created (dropped and declared, or missing): their comments come with them.
    pub recreated: HashSet<QualifiedName>,
    pub created: Vec<(QualifiedName, &'a View)>,
}

/// Creates or replaces the views in the declared topological order, each materialized view
/// followed by its indexes.
pub(crate) fn create_views<'a>(
    cx: &PlanCx<'a>,
    b: &mut Builder,
) -> Result<CreatedViews<'a>, PlanError> {
    let recreated: HashSet<QualifiedName> = cx
        .dropped_views
        .iter()
        .filter(|q| cx.declared.views.contains_key(*q))
        .cloned()
        .chain(cx.missing_views.iter().cloned())
        .collect();
    let order = ddl::topo_order_views(cx.declared).map_err(|cycle| {
        PlanError::Unsupported(format!(
            "declared views depend on each other in a cycle: {}",
            cycle
                .iter()
                .map(|q| q.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let mut created: Vec<(QualifiedName, &View)> = Vec::new();
    // One dependency order over views and routines: a view may call a routine that reads
    // another view (the routine planner leaves those to this loop).
    let routines: HashMap<Node, &RoutineKey> = cx
        .declared
        .functions
        .keys()
        .map(|k| (Node::routine(k), k))
        .collect();
    let combined = Graph::with_routines(cx.declared).ordering();
    for node in combined.order.iter().chain(&combined.stuck) {
        let q = &node.name;
        if node.kind == NodeKind::Routine {
            if let Some(key) = routines.get(node).filter(|k| among_views(cx.declared, k)) {
                b.steps.extend(create_among_views(cx, key));
            }
            continue;
        }
        if node.kind != NodeKind::View {
            continue;
        }
        // A view dropped anyway (it reads a changed column) is created, not replaced.
        if cx.replaced_views.contains(q) && !cx.dropped_views.contains(q) {
            if let Some(v) = cx.declared.views.get(q) {
                b.push(
                    ddl::create_view(q, v, true),
                    &why(cx, q),
                    Category::View,
                    &[],
                );
            }
            continue;
        }
        if !recreated.contains(q) {
            continue;
        }
        if let Some(v) = cx.declared.views.get(q) {
            create_view(cx, b, q, v);
            created.push((q.clone(), v));
        }
    }
    alter_options(cx, b, &order, &recreated);
    Ok(CreatedViews { recreated, created })
}

/// Both sides have the view with the same kind and body (so only its options can differ).
fn same_body(cx: &PlanCx, q: &QualifiedName) -> bool {
    match (cx.declared.views.get(q), cx.live.views.get(q)) {
        (Some(d), Some(l)) => d.materialized == l.materialized && d.definition == l.definition,
        _ => false,
    }
}

/// `ALTER [MATERIALIZED] VIEW … SET (…)/RESET (…)` for views kept in place whose options differ.
fn alter_options(
    cx: &PlanCx,
    b: &mut Builder,
    order: &[QualifiedName],
    done: &HashSet<QualifiedName>,
) {
    for q in order {
        if done.contains(q) || cx.replaced_views.contains(q) || cx.dropped_views.contains(q) {
            continue;
        }
        let (Some(d), Some(l)) = (cx.declared.views.get(q), cx.live.views.get(q)) else {
            continue;
        };
        let head = if d.materialized {
            "ALTER MATERIALIZED VIEW"
        } else {
            "ALTER VIEW"
        };
        for tail in crate::kinds::table::shape::set_reset(&d.with, &l.with) {
            let sql = format!("{head} {} {tail}", q.sql());
            b.push(sql, &why(cx, q), Category::View, &[]);
        }
        for sql in crate::kinds::index::diff::alter_options(q, &d.indexes, &l.indexes) {
            b.push(sql, &why(cx, q), Category::Storage, &[]);
        }
    }
}

fn create_view(cx: &PlanCx, b: &mut Builder, q: &QualifiedName, v: &View) {
    let why = why(cx, q);
    b.push(ddl::create_view(q, v, false), &why, Category::View, &[]);
    for (ix_name, ix) in &v.indexes {
        b.push(
            ddl::create_index(q, ix_name, ix, false),
            &why,
            Category::Index,
            &[],
        );
    }
}

/// Comments of changed views and of the views just created, with their indexes'.
pub(crate) fn comment_views(cx: &PlanCx, b: &mut Builder, views: &CreatedViews) {
    for c in &cx.changes.views {
        if c.category != Category::Comment {
            continue;
        }
        let Some(q) = &c.object.qualified else {
            continue;
        };
        if views.recreated.contains(q) {
            continue;
        }
        let Some(v) = cx.declared.views.get(q) else {
            continue;
        };
        let sql = match &c.object.member {
            Some(col) => {
                ddl::comment_on_column(q, col, v.column_comments.get(col).map(String::as_str))
            }
            None => ddl::comment_on_view(q, v.materialized, v.comment.as_deref()),
        };
        b.comment(sql, &label(&[c]));
    }
    for (q, v) in &views.created {
        let why = why(cx, q);
        if let Some(cm) = &v.comment {
            b.comment(ddl::comment_on_view(q, v.materialized, Some(cm)), &why);
        }
        for (col, cm) in &v.column_comments {
            b.comment(ddl::comment_on_column(q, col, Some(cm)), &why);
        }
        for (ix_name, ix) in &v.indexes {
            if let Some(cm) = &ix.comment {
                b.comment(ddl::comment_on_index(q, ix_name, Some(cm)), &why);
            }
        }
    }
}

// Which changed views can be replaced in place

/// [`view_columns`] of `declared` built in a new scratch database on `dev`.
async fn declared_view_columns(
    declared: &Schema,
    dev: &crate::normalize::DevServer,
    major: Option<u32>,
    schemas: &[String],
) -> Option<HashMap<QualifiedName, Vec<(String, String, String)>>> {
    let scratch = crate::normalize::Scratch::create_for(dev, major)
        .await
        .ok()?;
    let mut ok = true;
    for st in ddl::create_script(declared) {
        if scratch.client.batch_execute(&st.sql).await.is_err() {
            ok = false;
            break;
        }
    }
    let cols = if ok {
        view_columns(&scratch.client, schemas).await.ok()
    } else {
        None
    };
    scratch.drop_now().await;
    cols
}

/// (name, type, collation) of each output column of each plain view in `schemas`.
async fn view_columns(
    client: &tokio_postgres::Client,
    schemas: &[String],
) -> Result<HashMap<QualifiedName, Vec<(String, String, String)>>, tokio_postgres::Error> {
    let rows = client
        .query(
            "SELECT n.nspname::text, c.relname::text, a.attname::text, \
                    format_type(a.atttypid, a.atttypmod), coalesce(co.collname::text, '') \
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             LEFT JOIN pg_collation co ON co.oid = a.attcollation \
             WHERE c.relkind = 'v' AND a.attnum > 0 AND NOT a.attisdropped \
               AND n.nspname = ANY($1) ORDER BY c.oid, a.attnum",
            &[&schemas],
        )
        .await?;
    let mut out: HashMap<QualifiedName, Vec<(String, String, String)>> = HashMap::new();
    for r in rows {
        let q = QualifiedName::new(r.get::<_, String>(0), r.get::<_, String>(1));
        out.entry(q)
            .or_default()
            .push((r.get(2), r.get(3), r.get(4)));
    }
    Ok(out)
}

/// The views among `candidates` whose declared output columns start with the live view's
/// columns: PostgreSQL's own condition for `CREATE OR REPLACE VIEW`. The declared columns are
/// read from a scratch database where the (normalized) declared schema is built: the one the
/// comparison normalized in when given (`built`), else a new one on `dev`; anything that goes
/// wrong there just means "drop and create", which is always correct.
pub async fn appendable_views(
    declared: &Schema,
    url: &crate::conn::DbUrl,
    (dev, built): (
        &crate::normalize::DevServer,
        Option<&crate::normalize::Scratch>,
    ),
    schemas: &[String],
    candidates: &[QualifiedName],
) -> HashSet<QualifiedName> {
    let mut out = HashSet::new();
    let Ok(live_client) = url.connect().await else {
        return out;
    };
    let Ok(schemas) = crate::kinds::schema::catalog::resolve(&live_client, schemas).await else {
        return out;
    };
    let Ok(live_cols) = view_columns(&live_client, &schemas).await else {
        return out;
    };
    let decl_cols = match built {
        Some(scratch) => view_columns(&scratch.client, &schemas).await.ok(),
        None => {
            // A throw-away scratch server must run the live server's major (its deparsed SQL).
            let major = crate::conn::server_major(&live_client).await.ok();
            declared_view_columns(declared, dev, major, &schemas).await
        }
    };
    let Some(decl_cols) = decl_cols else {
        return out;
    };
    for q in candidates {
        if let (Some(l), Some(d)) = (live_cols.get(q), decl_cols.get(q)) {
            if d.len() >= l.len() && d[..l.len()] == l[..] {
                out.insert(q.clone());
            }
        }
    }
    out
}
