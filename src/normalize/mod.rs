//! Normalize a declared schema with PostgreSQL itself.
//!
//! The declared objects are created in a scratch database and read back with the same batched
//! catalog queries as the live side, so both sides are deparsed by one server: a declared `now()`
//! equals an introspected `now()`, and a hand-formatted view equals its `pg_get_viewdef` form.
//! Nothing is compared as raw text and no expression is ever evaluated.
//!
//! The scratch place is a fresh database (not a schema: a temp schema leaks its name into the
//! deparsed text), on the target's own server, on a `--dev-url` server, or on a throw-away
//! cluster. Statements run in autocommit batches rather than in one transaction, because one
//! transaction cannot hold the locks of a large schema (thousands of relations overflow
//! `max_locks_per_transaction`). The database is dropped afterwards, also on error and Ctrl-C.

use std::collections::HashSet;

use tokio_postgres::error::SqlState;
use tokio_postgres::Client;

use crate::conn::{describe_pg_error, ConnError, DbUrl};
use crate::ddl;
use crate::ephemeral::EphemeralError;
use crate::introspect::{introspect, IntrospectError, IntrospectOptions};
use crate::kinds::function::normalize as routines;
use crate::load::{Declared, ObjectKey};
use crate::model::{QualifiedName, Schema, View};
use crate::progress::Progress;

pub mod cache;
mod fixpoint;
mod form;
pub mod parallel;
mod rejected;
mod scratch;

pub use fixpoint::settle_fixpoints;
pub(crate) use form::keep_for_finish;
pub(crate) use rejected::{rejected, view_rejected};
pub use scratch::{drop_pending_scratch, trace, Scratch};

/// Where declared objects are created to be normalized.
#[derive(Debug, Clone)]
pub enum DevServer {
    /// A scratch database on this server (the target's own, or a `--dev-url`). Needs CREATEDB.
    Url(DbUrl),
    /// A throw-away cluster started from the machine's PostgreSQL binaries.
    Ephemeral,
}

#[derive(Debug, thiserror::Error)]
pub enum NormalizeError {
    #[error(transparent)]
    Conn(#[from] ConnError),
    #[error(transparent)]
    Ephemeral(#[from] EphemeralError),
    #[error(transparent)]
    Introspect(#[from] IntrospectError),
    #[error("cannot create a scratch database on {server}: {reason}\n  hint: the role needs CREATEDB (ALTER ROLE <you> CREATEDB), or pass --dev-url URL of a server where it has it, or --dev-url ephemeral")]
    CreateScratch { server: String, reason: String },
    #[error("{location}: {object}: PostgreSQL rejected the declaration: {message}")]
    Rejected {
        location: String,
        object: String,
        message: String,
    },
    /// A declaration PostgreSQL was not asked about: a grant on nothing, a privilege the
    /// object does not have.
    #[error("{location}: {object}: {message}")]
    Invalid {
        location: String,
        object: String,
        message: String,
    },
    #[error("dependency cycle between views: {0}; each selects from another, so none can be created first (break the cycle in one of these files)")]
    ViewCycle(String),
    #[error("the normalizing server runs PostgreSQL {dev} but the target runs PostgreSQL {target}; deparsed SQL differs between major versions, so the comparison would show false drift\n  hint: pass --dev-url ephemeral (a throw-away PostgreSQL {target} from PG_BIN_{target}, PG_BIN, /usr/lib/postgresql/{target}/bin or pgdrift's cache: `pgdrift postgres install {target}` or --install-postgres), or --dev-url with a PostgreSQL {target} server")]
    VersionSkew { dev: u32, target: u32 },
    #[error("scratch database query failed: {0}")]
    Query(String),
}

/// How many statements share one autocommit batch: large enough to save round trips, small
/// enough to stay far below the lock table's limit.
const BATCH: usize = 64;

/// Creates the declared schema in the scratch database and reads it back.
pub async fn normalize(declared: &Declared, scratch: &Scratch) -> Result<Schema, NormalizeError> {
    check_major(declared, scratch.major)?;
    create_declared_in(scratch, declared).await?;
    let raw = read_back(declared, scratch).await?;
    finish(declared, scratch, raw).await
}

/// [`create_declared_on`] the scratch database with as many connections as
/// [`parallel::jobs_for`] allows (`--jobs`).
pub(crate) async fn create_declared_in(
    scratch: &Scratch,
    declared: &Declared,
) -> Result<(), NormalizeError> {
    let helpers = ddl_helpers(scratch).await?;
    create_declared_on(&scratch.client, &helpers, declared).await
}

/// The extra connections the declared DDL runs on besides the scratch database's own
/// (`--jobs` - 1, see [`parallel::jobs_for`]).
async fn ddl_helpers(scratch: &Scratch) -> Result<Vec<Client>, NormalizeError> {
    let jobs = parallel::jobs_for(&scratch.client).await;
    scratch::trace(&format!("normalize: declared DDL on {jobs} connection(s)"));
    scratch.helpers(jobs - 1).await
}

/// Refuses, before anything is created, a declaration the normalizing server's major version
/// does not have (PostgreSQL would only say `syntax error`), naming it.
pub(crate) fn check_major(declared: &Declared, major: u32) -> Result<(), NormalizeError> {
    let schema = &declared.schema;
    let Some((key, message)) = crate::kinds::constraint::load::needs_newer_server(schema, major)
        .or_else(|| crate::kinds::publication::needs_newer_server(schema, major))
        .or_else(|| crate::kinds::column::generated::needs_newer_server(schema, major))
    else {
        return Ok(());
    };
    Err(NormalizeError::Invalid {
        location: declared.sources.describe(&key),
        object: key.to_string(),
        message,
    })
}

/// Reads what [`create_declared`] made back, before anything declared-only is carried onto it
/// (the per-object cache stores this form: see [`cache`]).
pub async fn read_back(declared: &Declared, scratch: &Scratch) -> Result<Schema, NormalizeError> {
    let mut schemas = vec![crate::model::DEFAULT_SCHEMA.to_string()];
    schemas.extend(
        declared
            .schema
            .schemas
            .iter()
            .filter(|s| s.as_str() != crate::model::DEFAULT_SCHEMA)
            .cloned(),
    );
    Ok(introspect(&scratch.client, &IntrospectOptions { schemas }).await?)
}

/// Carries onto a read-back schema what PostgreSQL does not store (renames, policy roles, grants,
/// owners, event triggers), checking the declared grants and owners name real objects.
pub async fn finish(
    declared: &Declared,
    scratch: &Scratch,
    mut normalized: Schema,
) -> Result<Schema, NormalizeError> {
    let schema = &declared.schema;
    carry_declared_only(schema, &mut normalized);
    crate::kinds::table::relopts::carry_tablespaces(schema, &mut normalized);
    if !scratch.is_ephemeral() {
        check_tablespaces(&scratch.client, declared).await?;
    }
    crate::kinds::policy::carry(schema, &mut normalized);
    crate::kinds::event_trigger::carry(declared, &mut normalized, scratch.major)?;
    crate::kinds::privilege::carry(schema, &mut normalized, scratch.major).map_err(
        |(object, message)| NormalizeError::Invalid {
            location: crate::kinds::privilege::objects::location(declared, &object),
            object,
            message,
        },
    )?;
    crate::kinds::privilege::objects::resolve(&scratch.client, declared, &mut normalized).await?;
    crate::kinds::owner::carry(&scratch.client, declared, &mut normalized).await?;
    Ok(normalized)
}

/// Every declared tablespace must exist on the server (the target's own, or a `--dev-url` that
/// stands for it: tablespaces are cluster-wide). A throw-away server has none, so it is not asked.
async fn check_tablespaces(client: &Client, declared: &Declared) -> Result<(), NormalizeError> {
    let uses = crate::kinds::table::relopts::tablespace_uses(&declared.schema);
    if uses.is_empty() {
        return Ok(());
    }
    let rows = client
        .query(
            "SELECT spcname::text FROM pg_tablespace WHERE spcname <> 'pg_global' ORDER BY 1",
            &[],
        )
        .await
        .map_err(|e| NormalizeError::Query(describe_pg_error(&e, "")))?;
    let known: Vec<String> = rows.iter().filter_map(|r| r.try_get(0).ok()).collect();
    match uses.into_iter().find(|(ts, _)| !known.contains(ts)) {
        None => Ok(()),
        Some((ts, key)) => Err(NormalizeError::Invalid {
            location: declared.sources.describe(&key),
            object: key.to_string(),
            message: format!(
                "tablespace `{ts}` does not exist on the server (known: {}); create it (CREATE TABLESPACE … LOCATION …) or declare one that exists",
                known.join(", ")
            ),
        }),
    }
}

/// Creates every declared object in the database `client` is connected to (normally empty), in
/// autocommit batches, views in whatever order their dependencies allow. Errors name the
/// declaration (file:line:column) that PostgreSQL rejected.
pub async fn create_declared(client: &Client, declared: &Declared) -> Result<(), NormalizeError> {
    create_declared_on(client, &[], declared).await
}

/// [`create_declared`]; with `helpers` (more connections to the same database) the tables,
/// their indexes and their foreign keys are created on all connections at once
/// (see [`parallel`]). Without, one connection runs the whole script in order.
pub async fn create_declared_on(
    client: &Client,
    helpers: &[Client],
    declared: &Declared,
) -> Result<(), NormalizeError> {
    // Tablespaces are the target server's: a scratch server may have none (see
    // kinds::table::relopts); they are carried onto what is read back. Copied only when there
    // are any: at 20,000 tables a copy of the model is hundreds of MB.
    let stripped;
    let declared = if crate::kinds::table::relopts::tablespace_uses(&declared.schema).is_empty() {
        declared
    } else {
        let mut copy = declared.clone();
        crate::kinds::table::relopts::strip_tablespaces(&mut copy.schema);
        stripped = copy;
        &stripped
    };
    let script = form::script(&declared.schema, !helpers.is_empty());
    run_declared(client, helpers, declared, script).await
}

/// [`create_declared_in`] for the last user of the model: the scratch form is made from the
/// model itself and the model put back (no copy: see [`form::script_in_place`]).
pub(crate) async fn create_declared_owned(
    scratch: &Scratch,
    declared: &mut Declared,
) -> Result<(), NormalizeError> {
    if !crate::kinds::table::relopts::tablespace_uses(&declared.schema).is_empty() {
        return create_declared_in(scratch, declared).await;
    }
    let helpers = ddl_helpers(scratch).await?;
    let script = form::script_in_place(&mut declared.schema, !helpers.is_empty());
    run_declared(&scratch.client, &helpers, declared, script).await
}

/// Runs the [`form::Script`] made from `declared`, then what it leaves out: views, routines
/// that waited for a relation, triggers and rules.
async fn run_declared(
    client: &Client,
    helpers: &[Client],
    declared: &Declared,
    script: form::Script,
) -> Result<(), NormalizeError> {
    // Routines that need a relation created later wait (see kinds::function::normalize).
    let mut deferred = Vec::new();
    match script {
        form::Script::Serial(statements) => {
            let progress = Progress::start("scratch database: statements", Some(statements.len()));
            run_batches(client, declared, &statements, &mut deferred, &progress).await?;
        }
        form::Script::Stages(stages) => {
            parallel::create_script(client, helpers, declared, stages, &mut deferred).await?;
        }
    }
    routines::create_pending(client, declared, &mut deferred, false).await?;
    let _views = Progress::start("scratch database: views", None);
    create_views(declared, client, &mut deferred).await?;
    routines::create_pending(client, declared, &mut deferred, true).await?;
    routines::create_triggers(client, declared).await?;
    crate::kinds::rule::normalize::create_rules(client, declared).await
}

/// Runs `statements` in order on `client` in autocommit batches of [`BATCH`]. A failed batch
/// rolled back as a whole and is replayed one statement at a time, to name the statement
/// PostgreSQL rejects; routines it rejects for want of a later object go to `deferred`.
async fn run_batches(
    client: &Client,
    declared: &Declared,
    statements: &[ddl::Statement],
    deferred: &mut Vec<ddl::Statement>,
    progress: &Progress,
) -> Result<(), NormalizeError> {
    for chunk in statements.chunks(BATCH) {
        progress.inc(chunk.len());
        let batch: String = chunk.iter().map(|s| format!("{};\n", s.sql)).collect();
        if client.batch_execute(&batch).await.is_err() {
            for stmt in chunk {
                if let Err(e) = execute_retrying(client, &stmt.sql).await {
                    if routines::deferrable(stmt, &e) {
                        deferred.push(stmt.clone());
                        continue;
                    }
                    return Err(rejected(declared, &stmt.object, &stmt.sql, &e));
                }
            }
        }
    }
    Ok(())
}

/// One statement, run again when PostgreSQL chose it as a deadlock victim: with several
/// connections, two may lock the same tables in opposite orders; the statement itself is fine.
/// On one connection a deadlock cannot happen, so this is a plain `batch_execute` there.
async fn execute_retrying(client: &Client, sql: &str) -> Result<(), tokio_postgres::Error> {
    let mut attempts = 0;
    loop {
        match client.batch_execute(sql).await {
            Err(e) if e.code() == Some(&SqlState::T_R_DEADLOCK_DETECTED) && attempts < 5 => {
                attempts += 1;
            }
            other => return other,
        }
    }
}

/// Views are created in whatever order works: a view whose relation or routine does not exist
/// yet waits for the next pass. A pass that creates nothing retries the set-aside routines (one
/// may read a view created meanwhile, and a waiting view call it); when that creates nothing
/// either, it means a cycle or a missing object.
async fn create_views(
    declared: &Declared,
    client: &Client,
    deferred: &mut Vec<ddl::Statement>,
) -> Result<(), NormalizeError> {
    let mut pending: Vec<(&QualifiedName, &View)> = declared.schema.views.iter().collect();
    while !pending.is_empty() {
        let mut waiting = Vec::new();
        let mut last_undefined = None;
        for (name, view) in pending.iter().copied() {
            let sql = ddl::create_view(name, view, false);
            match client.batch_execute(&sql).await {
                Ok(()) => {
                    create_view_extras(declared, client, name, view).await?;
                }
                Err(e)
                    if e.code() == Some(&SqlState::UNDEFINED_TABLE)
                        || e.code() == Some(&SqlState::UNDEFINED_FUNCTION) =>
                {
                    last_undefined = Some((name, e));
                    waiting.push((name, view));
                }
                Err(e) => return Err(view_rejected(declared, name, view, &sql, &e)),
            }
        }
        let routines_before = deferred.len();
        if waiting.len() == pending.len() && routines_before > 0 {
            routines::create_pending(client, declared, deferred, false).await?;
        }
        if waiting.len() == pending.len() && deferred.len() == routines_before {
            let waiting_names: HashSet<String> =
                waiting.iter().map(|(n, _)| n.display_name()).collect();
            // If every missing relation is itself a pending view, the views form a cycle.
            let mentions_pending = waiting.iter().all(|(_, v)| {
                waiting_names
                    .iter()
                    .any(|n| v.definition.contains(n.as_str()))
            });
            if mentions_pending && waiting.len() > 1 {
                // Each view with the file and line it is declared at, so the cycle can be cut.
                let mut names: Vec<String> = waiting
                    .iter()
                    .map(|(n, _)| {
                        let at = declared
                            .sources
                            .get(&ObjectKey::View((*n).clone()))
                            .map(|l| l.to_string())
                            .unwrap_or_else(|| "views".to_string());
                        format!("{} ({at})", n.display_name())
                    })
                    .collect();
                names.sort();
                return Err(NormalizeError::ViewCycle(names.join(", ")));
            }
            if let Some((name, e)) = last_undefined {
                let view = &declared.schema.views[name];
                let sql = ddl::create_view(name, view, false);
                return Err(view_rejected(declared, name, view, &sql, &e));
            }
        }
        pending = waiting;
    }
    Ok(())
}

async fn create_view_extras(
    declared: &Declared,
    client: &Client,
    name: &QualifiedName,
    view: &View,
) -> Result<(), NormalizeError> {
    let mut extras = Vec::new();
    for (index_name, index) in &view.indexes {
        let object = format!("index {index_name} on {name}");
        extras.push((
            object.clone(),
            ddl::create_index(name, index_name, index, false),
        ));
        if let Some(c) = index.comment.as_deref() {
            extras.push((object, ddl::comment_on_index(name, index_name, Some(c))));
        }
    }
    if view.comment.is_some() {
        extras.push((
            format!("view {name}"),
            ddl::comment_on_view(name, view.materialized, view.comment.as_deref()),
        ));
    }
    for (col, c) in &view.column_comments {
        let sql = ddl::comment_on_column(name, col, Some(c));
        extras.push((format!("column {col} of view {name}"), sql));
    }
    let (ri, cluster) = (&view.replica_identity, &view.cluster_on);
    let marks = crate::kinds::table::relopts::mark_statements(name, true, ri, cluster);
    extras.extend(marks.into_iter().map(|sql| (format!("view {name}"), sql)));
    for (object, sql) in extras {
        if let Err(e) = client.batch_execute(&sql).await {
            let location = declared
                .sources
                .get(&ObjectKey::View(name.clone()))
                .map(|l| l.to_string())
                .unwrap_or_else(|| "views".to_string());
            return Err(NormalizeError::Rejected {
                location,
                object,
                message: describe_pg_error(&e, ""),
            });
        }
    }
    Ok(())
}

/// Keeps what PostgreSQL does not store, so the normalized model still carries the user's intent.
fn carry_declared_only(declared: &Schema, normalized: &mut Schema) {
    normalized.ignore = declared.ignore.clone();
    for (name, ext) in &declared.extensions {
        if let Some(n) = normalized.extensions.get_mut(name) {
            if ext.version.is_none() {
                n.version = None;
            }
        }
    }
    for (name, table) in &declared.tables {
        let Some(n) = normalized.tables.get_mut(name) else {
            continue;
        };
        n.renamed_from = table.renamed_from.clone();
        for (col_name, col) in &table.columns {
            if let Some(c) = n.columns.get_mut(col_name) {
                c.renamed_from = col.renamed_from.clone();
            }
        }
        for (idx_name, idx) in &table.indexes {
            if let Some(i) = n.indexes.get_mut(idx_name) {
                i.renamed_from = idx.renamed_from.clone();
            }
        }
        for (k, s) in &table.statistics {
            if let Some(x) = n.statistics.get_mut(k) {
                x.renamed_from = s.renamed_from.clone();
            }
        }
        for (k, c) in &table.unique {
            if let Some(x) = n.unique.get_mut(k) {
                x.renamed_from = c.renamed_from.clone();
            }
        }
        for (k, c) in &table.checks {
            if let Some(x) = n.checks.get_mut(k) {
                x.renamed_from = c.renamed_from.clone();
            }
        }
        for (k, c) in &table.foreign_keys {
            if let Some(x) = n.foreign_keys.get_mut(k) {
                x.renamed_from = c.renamed_from.clone();
            }
        }
        for (k, c) in &table.exclusions {
            if let Some(x) = n.exclusions.get_mut(k) {
                x.renamed_from = c.renamed_from.clone();
            }
        }
    }
}

use crate::kinds::constraint::bool_compare::short_bool_comparisons;

/// Refuses a normalizer whose major version differs from the target's.
pub fn check_versions(dev: u32, target: u32) -> Result<(), NormalizeError> {
    if dev == target {
        Ok(())
    } else {
        Err(NormalizeError::VersionSkew { dev, target })
    }
}

/// Spellings PostgreSQL keeps apart in the catalog although they mean the same value. Only whole
/// expressions are mapped, never parts of one, and only where the equivalence is exact:
/// `CURRENT_TIMESTAMP`, `transaction_timestamp()` and `now()` are all the transaction's start time.
const EQUIVALENT_DEFAULTS: &[(&str, &str)] = &[
    ("CURRENT_TIMESTAMP", "now()"),
    ("transaction_timestamp()", "now()"),
];

/// `schema` with [`canonicalize_equivalents`] applied, borrowed when nothing changes (the usual
/// case), so the schema itself keeps what was written: a plan creates a declared
/// `CURRENT_TIMESTAMP` default as `CURRENT_TIMESTAMP`.
pub fn with_canonical_equivalents(schema: &Schema) -> std::borrow::Cow<'_, Schema> {
    let any = schema.tables.values().any(|t| {
        t.columns.values().any(|c| {
            c.default
                .as_deref()
                .is_some_and(|d| equivalent_default(d).is_some())
        }) || boolean_expressions(t).any(|e| short_bool_comparisons(e).is_some())
    });
    if !any {
        return std::borrow::Cow::Borrowed(schema);
    }
    let mut owned = schema.clone();
    canonicalize_equivalents(&mut owned);
    std::borrow::Cow::Owned(owned)
}

/// The one spelling of `default`'s equivalence class, when it is not that spelling already:
/// [`EQUIVALENT_DEFAULTS`], and the empty array, which PostgreSQL keeps as written either as a
/// constant (`'{}'::text[]`) or as a constructor (`ARRAY[]::text[]`, an empty one needs the cast).
fn equivalent_default(default: &str) -> Option<String> {
    if let Some((_, canonical)) = EQUIVALENT_DEFAULTS.iter().find(|(a, _)| *a == default) {
        return Some(canonical.to_string());
    }
    let array_type = default.strip_prefix("ARRAY[]::")?;
    let plain = array_type.ends_with("[]") && !array_type.contains(['\'', ':']);
    plain.then(|| format!("'{{}}'::{array_type}"))
}

/// A table's check expressions and index predicates: where `b = false` and `NOT b` meet.
fn boolean_expressions(t: &crate::model::Table) -> impl Iterator<Item = &String> {
    let checks = t.checks.values().map(|c| &c.expression);
    checks.chain(t.indexes.values().filter_map(|i| i.predicate.as_ref()))
}

/// Rewrites defaults to one spelling per equivalence class, and checks and index predicates to
/// the short form of boolean comparisons, on both sides before a diff.
pub fn canonicalize_equivalents(schema: &mut Schema) {
    for table in schema.tables.values_mut() {
        let checks = table.checks.values_mut().map(|c| &mut c.expression);
        let predicates = table
            .indexes
            .values_mut()
            .filter_map(|i| i.predicate.as_mut());
        for e in checks.chain(predicates) {
            if let Some(short) = short_bool_comparisons(e) {
                *e = short;
            }
        }
        for column in table.columns.values_mut() {
            if let Some(default) = column.default.as_mut() {
                if let Some(canonical) = equivalent_default(default) {
                    *default = canonical;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::equivalent_default as e;

    #[test]
    fn defaults_map_to_one_spelling_per_value() {
        assert_eq!(e("CURRENT_TIMESTAMP").as_deref(), Some("now()"));
        assert_eq!(e("now()"), None);
        assert_eq!(e("ARRAY[]::text[]").as_deref(), Some("'{}'::text[]"));
        assert_eq!(
            e("ARRAY[]::character varying(10)[]").as_deref(),
            Some("'{}'::character varying(10)[]")
        );
        assert_eq!(e("'{}'::text[]"), None);
        // Not empty, or not one cast: left as they are.
        assert_eq!(e("ARRAY['a'::text]"), None);
        assert_eq!(e("ARRAY[]::text[]::varchar[]"), None);
        assert_eq!(e("ARRAY[]::integer"), None);
    }
}
