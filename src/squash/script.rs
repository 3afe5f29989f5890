//! The statements of a squash: the migration, the separate views, and the drops of the down
//! migration.

use super::{SquashError, ViewsOutput};
use crate::ddl::{self, Statement};
use crate::graph::{Graph, NodeKind};
use crate::kinds::function::{self, dependents::Dependent};
use crate::model::{quote_ident, Schema, DEFAULT_SCHEMA};

/// The squash split into what goes into the migration and (with separate views) the views file.
#[derive(Debug, Clone)]
pub struct Script {
    pub migration: Vec<Statement>,
    pub views: Vec<Statement>,
    /// Drops everything the migration created, in reverse dependency order, never CASCADE.
    pub down: Vec<Statement>,
    /// `migration`'s statements in the stages `--verify` builds them in, on several connections
    /// (see `normalize::parallel::stages`); the user's script stays `migration`, in order.
    pub stages: Vec<Vec<Vec<Statement>>>,
}

fn local_search_path(mut statements: Vec<Statement>) -> Vec<Statement> {
    // SET LOCAL: the deparsed SQL needs `public` first, but the setting must not outlive the
    // migration's transaction (a migration tool keeps using its connection afterwards).
    for st in &mut statements {
        if st.object == "session" {
            st.sql = format!("SET LOCAL search_path TO {}", quote_ident(DEFAULT_SCHEMA));
        }
    }
    statements
}

/// Builds the statements for `schema`.
pub fn script(schema: &Schema, views: ViewsOutput) -> Result<Script, SquashError> {
    if let Err(cycle) = ddl::topo_order_views(schema) {
        let names: Vec<String> = cycle.iter().map(|n| n.display_name()).collect();
        return Err(SquashError::ViewCycle(names.join(", ")));
    }
    // NOT VALID checks and foreign keys are in the model: create_script adds them NOT VALID.
    // Every emitter settles its expressions at the deparse fixpoint, as `plan`'s do.
    let (migration, view_statements, built) = match views {
        ViewsOutput::Inline => (ddl::create_script(schema), Vec::new(), schema.clone()),
        ViewsOutput::Separate => {
            let mut without = schema.clone();
            without.views.clear();
            // Triggers and rules on views go with the views.
            let on_views = |t: &crate::model::QualifiedName| schema.views.contains_key(t);
            without.triggers.retain(|t, _| !on_views(t));
            without.rules.retain(|t, _| !on_views(t));
            let mut only_views = Schema {
                views: schema.views.clone(),
                view_grants: schema.view_grants.clone(),
                view_column_grants: schema.view_column_grants.clone(),
                triggers: schema.triggers.clone(),
                rules: schema.rules.clone(),
                ..Default::default()
            };
            only_views.triggers.retain(|t, _| on_views(t));
            only_views.rules.retain(|t, _| on_views(t));
            (
                ddl::create_script(&without),
                ddl::create_script(&only_views),
                without,
            )
        }
    };
    let stages = crate::normalize::parallel::stages(&built);
    Ok(Script {
        migration: local_search_path(migration),
        views: local_search_path(view_statements),
        down: drop_script(schema, views == ViewsOutput::Inline),
        stages,
    })
}

/// Drops in reverse dependency order: event triggers, policies, rules, views and the routines
/// that read relations (the reverse of their one creation order), domain checks that call
/// routines, foreign keys, tables, the other routines, sequences, types, enums, extensions, schemas. A sequence owned by a column goes
/// with its table, hence `IF EXISTS` for those (one another table's default uses is released
/// before the tables, see `sequence::ddl::release_shared`).
pub fn drop_script(schema: &Schema, include_views: bool) -> Vec<Statement> {
    let mut out = vec![Statement::new(
        format!("SET LOCAL search_path TO {}", quote_ident(DEFAULT_SCHEMA)),
        "session",
    )];
    for p in schema.publications.iter().rev() {
        out.push(Statement::new(
            crate::kinds::publication::ddl::drop(&p.name),
            crate::kinds::publication::ddl::object(&p.name),
        ));
    }
    for name in schema.event_triggers.keys().rev() {
        out.push(Statement::new(
            crate::kinds::event_trigger::ddl::drop(name),
            format!("event trigger {name}"),
        ));
    }
    // Policies may name other tables and views (`USING (owner IN (SELECT id FROM users))`),
    // and nothing depends on a policy: they go first.
    for (name, table) in schema.tables.iter().rev() {
        for policy in table.policies.keys().rev() {
            out.push(Statement::new(
                crate::kinds::policy::ddl::drop_policy(name, policy),
                format!("policy {policy} on {name}"),
            ));
        }
    }
    // Rules may name any table or view (and PostgreSQL refuses to drop what one names).
    // Without the views, the rules on them stay with them (the views file's business).
    let on_dropped = |r: &_| include_views || !schema.views.contains_key(r);
    out.extend(crate::kinds::rule::ddl::drop_all(schema, on_dropped));
    out.extend(drop_views_and_late_routines(schema, include_views));
    // Domain checks that call a routine, so the routine can go before the domain.
    for (q, d) in schema.domains.iter().rev() {
        for check in crate::kinds::domain::ddl::checks_calling_routines(schema, d) {
            out.push(Statement::new(
                crate::kinds::domain::ddl::drop_check(q, &check),
                format!("domain {q}"),
            ));
        }
    }
    for (name, table) in schema.tables.iter().rev() {
        for fk_name in table.foreign_keys.keys().rev() {
            out.push(Statement::new(
                ddl::drop_constraint(name, fk_name),
                format!("foreign key {name}.{fk_name}"),
            ));
        }
    }
    for sql in crate::kinds::sequence::ddl::release_shared(schema) {
        out.push(Statement::new(sql, "sequence ownership".to_string()));
    }
    // Children and partitions before their parents.
    let mut tables: Vec<_> = schema.tables.keys().cloned().collect();
    crate::kinds::table::shape::parents_first(schema, &mut tables);
    for name in tables.iter().rev() {
        let sql = match schema.tables.get(name) {
            Some(t) => ddl::drop_relation(name, t),
            None => ddl::drop_table(name),
        };
        out.push(Statement::new(sql, format!("table {name}")));
    }
    // Routines after the tables whose defaults call them (triggers went with their tables);
    // a range's support functions after the range.
    let range_support = function::ddl::all_range_support(schema);
    for aggregates in [true, false] {
        for (key, f) in schema.functions.iter().rev() {
            let early = function::ddl::stage_of(schema, f) == function::ddl::Stage::BeforeTables;
            let early = early && !range_support.contains(&key);
            if early && (f.kind == crate::model::RoutineKind::Aggregate) == aggregates {
                out.push(Statement::new(
                    function::ddl::drop(key, f.kind),
                    function::ddl::object(key, f),
                ));
            }
        }
    }
    for (name, seq) in schema.sequences.iter().rev() {
        let sql = if seq.owned_by.is_some() {
            format!("DROP SEQUENCE IF EXISTS {}", name.sql())
        } else {
            ddl::drop_sequence(name)
        };
        out.push(Statement::new(sql, format!("sequence {name}")));
    }
    out.extend(crate::kinds::type_order::drop_statements(schema));
    for key in range_support {
        if let Some(f) = schema.functions.get(key) {
            let object = function::ddl::object(key, f);
            out.push(Statement::new(function::ddl::drop(key, f.kind), object));
        }
    }
    for name in schema.enums.keys().rev() {
        out.push(Statement::new(ddl::drop_enum(name), format!("enum {name}")));
    }
    // After the foreign tables that use them, before the extensions that provide their wrappers.
    for s in schema.foreign_servers.iter().rev() {
        use crate::kinds::foreign::ddl::{drop, object};
        out.push(Statement::new(drop(&s.name), object(&s.name)));
    }
    for name in schema.extensions.keys().rev() {
        out.push(Statement::new(
            ddl::drop_extension(name),
            format!("extension {name}"),
        ));
    }
    for name in schema.schemas.iter().rev() {
        if name != DEFAULT_SCHEMA {
            out.push(Statement::new(
                ddl::drop_schema(name),
                format!("schema {name}"),
            ));
        }
    }
    out
}

/// Views (with `include_views`) and the routines that read relations, dependents first: the
/// reverse of their order in `ddl::create_script` (one order over `Graph::with_routines`).
fn drop_views_and_late_routines(schema: &Schema, include_views: bool) -> Vec<Statement> {
    let o = Graph::with_routines(schema).ordering();
    let routines = function::ddl::late_routines(schema);
    // Indexes that call such a routine first: it cannot be dropped while they use it.
    let mut out: Vec<Statement> = function::ddl::late_indexes(schema)
        .iter()
        .map(|(table, index)| {
            Statement::new(
                crate::kinds::index::ddl::drop_index(table, index, false),
                format!("index {index} on {table}"),
            )
        })
        .collect();
    // So do the defaults and checks that call one.
    for d in function::ddl::late_members(schema) {
        let (sql, object) = match &d {
            Dependent::Default(t, c) => (ddl::drop_default(t, c), format!("table {t}")),
            Dependent::Check(t, c) => (ddl::drop_constraint(t, c), format!("constraint {t}.{c}")),
            _ => continue,
        };
        out.push(Statement::new(sql, object));
    }
    for node in o.order.iter().chain(&o.stuck).rev() {
        match node.kind {
            NodeKind::View if include_views => {
                if let Some(v) = schema.views.get(&node.name) {
                    let kind = if v.materialized {
                        "materialized view"
                    } else {
                        "view"
                    };
                    out.push(Statement::new(
                        ddl::drop_view(&node.name, v.materialized),
                        format!("{kind} {}", node.name),
                    ));
                }
            }
            NodeKind::Routine => {
                if let Some((key, f)) = routines.get(node) {
                    out.push(Statement::new(
                        function::ddl::drop(key, f.kind),
                        function::ddl::object(key, f),
                    ));
                }
            }
            _ => {}
        }
    }
    out
}
