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
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use tokio_postgres::error::{ErrorPosition, SqlState};
use tokio_postgres::Client;

use crate::conn::{describe_pg_error, ConnError, DbUrl};
use crate::ddl;
use crate::ephemeral::{Ephemeral, EphemeralError};
use crate::introspect::{introspect, IntrospectError, IntrospectOptions};
use crate::load::{Declared, ObjectKey};
use crate::model::{quote_ident, Index, QualifiedName, Schema, View};

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
    #[error("dependency cycle between views: {0}")]
    ViewCycle(String),
    #[error("the normalizing server runs PostgreSQL {dev} but the target runs PostgreSQL {target}; deparsed SQL differs between major versions, so the comparison would show false drift\n  hint: pass --dev-url with a PostgreSQL {target} server (or `ephemeral` if this machine's binaries are version {target})")]
    VersionSkew { dev: u32, target: u32 },
    #[error("scratch database query failed: {0}")]
    Query(String),
}

/// Scratch databases live while this process runs; the Ctrl-C handler drops them.
static LIVE_SCRATCH: Mutex<Vec<(DbUrl, String)>> = Mutex::new(Vec::new());

/// A scratch database holding the normalized declared objects, kept open so the caller can settle
/// deparse fixpoints in it; `drop_now` removes it.
pub struct Scratch {
    pub client: Client,
    pub major: u32,
    admin: Client,
    dbname: String,
    _cluster: Option<Ephemeral>,
}

impl Scratch {
    pub async fn create(dev: &DevServer) -> Result<Scratch, NormalizeError> {
        let (server_url, cluster) = match dev {
            DevServer::Url(url) => (url.clone(), None),
            DevServer::Ephemeral => {
                let cluster = Ephemeral::start().await?;
                (DbUrl::parse(&cluster.url())?, Some(cluster))
            }
        };
        let admin = server_url.connect().await?;
        sweep_stale_scratch(&admin).await;
        let dbname = scratch_name();
        // FILE_COPY (PostgreSQL 15+) copies the tiny template's files instead of WAL-logging every
        // block: several times faster for a scratch database nobody needs to recover.
        let strategy = match crate::conn::server_major(&admin).await {
            Ok(major) if major >= 15 => " STRATEGY FILE_COPY",
            _ => "",
        };
        let create = format!(
            "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'{strategy}",
            quote_ident(&dbname)
        );
        admin
            .batch_execute(&create)
            .await
            .map_err(|e| NormalizeError::CreateScratch {
                server: server_url.redacted(),
                reason: describe_pg_error(&e, ""),
            })?;
        if let Ok(mut live) = LIVE_SCRATCH.lock() {
            live.push((server_url.clone(), dbname.clone()));
        }
        let scratch_url = server_url.with_dbname(&dbname)?;
        let client = match scratch_url.connect().await {
            Ok(c) => c,
            Err(e) => {
                let _ = admin
                    .batch_execute(&format!("DROP DATABASE IF EXISTS {}", quote_ident(&dbname)))
                    .await;
                return Err(e.into());
            }
        };
        let major = crate::conn::server_major(&client)
            .await
            .map_err(|e| NormalizeError::Query(e.to_string()))?;
        client
            .batch_execute("SET search_path TO public; SET client_min_messages TO warning")
            .await
            .map_err(|e| NormalizeError::Query(e.to_string()))?;
        Ok(Scratch {
            client,
            major,
            admin,
            dbname,
            _cluster: cluster,
        })
    }

    /// Drops the scratch database. Errors are ignored on purpose: the scratch name is unique and
    /// the caller's real error (if any) matters more.
    pub async fn drop_now(self) {
        let Scratch {
            client,
            admin,
            dbname,
            _cluster,
            ..
        } = self;
        drop(client);
        let sql = format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            quote_ident(&dbname)
        );
        let _ = admin.batch_execute(&sql).await;
        if let Ok(mut live) = LIVE_SCRATCH.lock() {
            live.retain(|(_, n)| n != &dbname);
        }
        if let Some(c) = _cluster {
            c.stop().await;
        }
    }
}

/// Drops every scratch database this process created and has not dropped yet. The Ctrl-C
/// handler calls it, since an interrupted command never reaches its own cleanup.
pub async fn drop_pending_scratch() {
    let pending: Vec<(DbUrl, String)> = LIVE_SCRATCH
        .lock()
        .map(|mut v| std::mem::take(&mut *v))
        .unwrap_or_default();
    for (server, dbname) in pending {
        if let Ok(admin) = server.connect().await {
            let _ = admin
                .batch_execute(&format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    quote_ident(&dbname)
                ))
                .await;
        }
    }
}

/// `pgdrift_scratch_<unix seconds>_<pid>_<nanos>`: unique, recognizable, and dated, so a
/// database left behind by a killed process (SIGKILL cannot be caught) can be swept later.
fn scratch_name() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    format!(
        "{SCRATCH_PREFIX}{}_{}_{}",
        now.as_secs(),
        std::process::id(),
        now.subsec_nanos()
    )
}

const SCRATCH_PREFIX: &str = "pgdrift_scratch_";

/// A scratch database older than this, with nobody connected, belongs to a process that died.
const STALE_AFTER_SECS: u64 = 3600;

/// Drops scratch databases of dead pgdrift processes: older than an hour and unused. `DROP
/// DATABASE` without FORCE refuses a database someone is connected to, so a live run (which keeps
/// its connection open throughout) is never touched. Best effort and silent.
async fn sweep_stale_scratch(admin: &Client) {
    let Ok(rows) = admin
        .query(
            "SELECT datname FROM pg_database WHERE datname LIKE 'pgdrift\\_scratch\\_%' \
             AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = pg_database.datname)",
            &[],
        )
        .await
    else {
        return;
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    for row in rows {
        let name: String = row.get(0);
        let created = name
            .strip_prefix(SCRATCH_PREFIX)
            .and_then(|rest| rest.split('_').next())
            .and_then(|secs| secs.parse::<u64>().ok());
        if matches!(created, Some(t) if now.saturating_sub(t) > STALE_AFTER_SECS) {
            let _ = admin
                .batch_execute(&format!("DROP DATABASE IF EXISTS {}", quote_ident(&name)))
                .await;
        }
    }
}

/// How many statements share one autocommit batch: large enough to save round trips, small
/// enough to stay far below the lock table's limit.
const BATCH: usize = 64;

/// Creates the declared schema in the scratch database and reads it back.
pub async fn normalize(declared: &Declared, scratch: &Scratch) -> Result<Schema, NormalizeError> {
    create_declared(&scratch.client, declared).await?;
    let schema = &declared.schema;
    let mut schemas = vec![crate::model::DEFAULT_SCHEMA.to_string()];
    schemas.extend(
        schema
            .schemas
            .iter()
            .filter(|s| s.as_str() != crate::model::DEFAULT_SCHEMA)
            .cloned(),
    );
    let mut normalized = introspect(&scratch.client, &IntrospectOptions { schemas }).await?;
    carry_declared_only(schema, &mut normalized);
    Ok(normalized)
}

/// Creates every declared object in the database `client` is connected to (normally empty), in
/// autocommit batches, views in whatever order their dependencies allow. Errors name the
/// declaration (file:line:column) that PostgreSQL rejected.
pub async fn create_declared(client: &Client, declared: &Declared) -> Result<(), NormalizeError> {
    // Views go separately: their order is only known once PostgreSQL tries them.
    let mut without_views = declared.schema.clone();
    without_views.views.clear();
    let non_views = ddl::create_script(&without_views);
    for chunk in non_views.chunks(BATCH) {
        let batch: String = chunk.iter().map(|s| format!("{};\n", s.sql)).collect();
        if client.batch_execute(&batch).await.is_err() {
            // The batch rolled back as a whole; replay it one statement at a time to name the
            // statement PostgreSQL rejects.
            for stmt in chunk {
                if let Err(e) = client.batch_execute(&stmt.sql).await {
                    return Err(rejected(declared, &stmt.object, &e));
                }
            }
        }
    }
    create_views(declared, client).await
}

/// Views are created in whatever order works: a view whose relation does not exist yet waits
/// for the next pass. A pass that creates nothing means a cycle or a missing relation.
async fn create_views(declared: &Declared, client: &Client) -> Result<(), NormalizeError> {
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
                Err(e) if e.code() == Some(&SqlState::UNDEFINED_TABLE) => {
                    last_undefined = Some((name, e));
                    waiting.push((name, view));
                }
                Err(e) => return Err(view_rejected(declared, name, view, &sql, &e)),
            }
        }
        if waiting.len() == pending.len() {
            let waiting_names: HashSet<String> =
                waiting.iter().map(|(n, _)| n.display_name()).collect();
            // If every missing relation is itself a pending view, the views form a cycle.
            let mentions_pending = waiting.iter().all(|(_, v)| {
                waiting_names
                    .iter()
                    .any(|n| v.definition.contains(n.as_str()))
            });
            if mentions_pending && waiting.len() > 1 {
                let mut names: Vec<String> = waiting_names.into_iter().collect();
                names.sort();
                return Err(NormalizeError::ViewCycle(names.join(" -> ")));
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
        extras.push((
            format!("index {index_name} on {name}"),
            ddl::create_index(name, index_name, index, false),
        ));
    }
    if view.comment.is_some() {
        extras.push((
            format!("view {name}"),
            ddl::comment_on_view(name, view.materialized, view.comment.as_deref()),
        ));
    }
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

fn rejected(declared: &Declared, object: &str, e: &tokio_postgres::Error) -> NormalizeError {
    let key = object_key_of(&declared.schema, object);
    let location = key
        .as_ref()
        .and_then(|k| declared.sources.get(k))
        .map(|l| l.to_string())
        .unwrap_or_else(|| "schema.yaml".to_string());
    NormalizeError::Rejected {
        location,
        object: object.to_string(),
        message: describe_pg_error(e, ""),
    }
}

/// Maps the emitter's object label (`table genes`, `foreign key ev.ev_fkey`, `index ix`) back
/// to the declaration it came from.
fn object_key_of(schema: &Schema, object: &str) -> Option<ObjectKey> {
    let object = object.strip_prefix("comments on ").unwrap_or(object);
    if let Some(rest) = object.strip_prefix("foreign key ") {
        let (table, name) = rest.rsplit_once('.')?;
        return Some(ObjectKey::Constraint(
            QualifiedName::parse(table).ok()?,
            name.to_string(),
        ));
    }
    let (kind, rest) = object.split_once(' ')?;
    match kind {
        "table" => QualifiedName::parse(rest).ok().map(ObjectKey::Table),
        "enum" => QualifiedName::parse(rest).ok().map(ObjectKey::Enum),
        "sequence" => QualifiedName::parse(rest).ok().map(ObjectKey::Sequence),
        "extension" => Some(ObjectKey::Extension(rest.to_string())),
        "index" => {
            let index = QualifiedName::parse(rest).ok()?;
            schema.tables.iter().find_map(|(table, t)| {
                (table.schema == index.schema && t.indexes.contains_key(&index.name))
                    .then(|| ObjectKey::Index(table.clone(), index.name.clone()))
            })
        }
        _ => None,
    }
}

fn view_rejected(
    declared: &Declared,
    name: &QualifiedName,
    view: &View,
    sql: &str,
    e: &tokio_postgres::Error,
) -> NormalizeError {
    let loc = declared.sources.get(&ObjectKey::View(name.clone()));
    let message = describe_pg_error(e, "");
    let location = match (loc, e.as_db_error().and_then(|d| d.position())) {
        (Some(loc), Some(ErrorPosition::Original(pos))) => {
            // PostgreSQL counts characters from 1 in the statement we sent; the body starts where
            // the definition does, which the loader recorded as a byte offset in the file.
            let prefix_chars = sql.len().saturating_sub(view.definition.len());
            let char_in_stmt = (*pos as usize).saturating_sub(1);
            match (
                char_in_stmt.checked_sub(sql[..prefix_chars].chars().count()),
                loc.body_offset,
            ) {
                (Some(char_in_body), Some(body_offset)) => {
                    let byte_in_body: usize = view
                        .definition
                        .chars()
                        .take(char_in_body)
                        .map(char::len_utf8)
                        .sum();
                    locate_in_file(&loc.file, body_offset + byte_in_body)
                        .unwrap_or_else(|| loc.to_string())
                }
                _ => loc.to_string(),
            }
        }
        (Some(loc), _) => loc.to_string(),
        (None, _) => format!("view {name}"),
    };
    let kind = if view.materialized {
        "materialized view"
    } else {
        "view"
    };
    NormalizeError::Rejected {
        location,
        object: format!("{kind} {name}"),
        message,
    }
}

fn locate_in_file(file: &std::path::Path, byte: usize) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    let before = text.get(..byte.min(text.len()))?;
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    Some(format!("{}:{line}:{column}", file.display()))
}

/// PostgreSQL's deparsed text is not always a fixpoint: printing an expression, creating the
/// object from that text and printing again can read differently (casts inside `IN (...)` lists
/// on varchar columns are the classic case; pg_dump restores hit it). So where a view body, check
/// expression, column default or index definition differs, both sides are taken to their fixpoint
/// in the scratch database (which holds the declared objects) before comparing; a database
/// restored from its own dump then shows no drift. Only equal fixpoints replace the texts: a real
/// difference stays exactly as introspected.
pub async fn settle_fixpoints(scratch: &Scratch, declared: &mut Schema, live: &mut Schema) {
    let mut n = 0usize;
    let view_names: Vec<QualifiedName> = declared.views.keys().cloned().collect();
    for name in view_names {
        let (Some(d), Some(l)) = (declared.views.get(&name), live.views.get(&name)) else {
            continue;
        };
        if d.definition == l.definition || d.materialized != l.materialized {
            continue;
        }
        n += 1;
        let probe = Probe::View;
        if let Some(text) = settle_pair(scratch, &probe, &d.definition, &l.definition, n).await {
            set(
                declared.views.get_mut(&name).map(|v| &mut v.definition),
                &text,
            );
            set(live.views.get_mut(&name).map(|v| &mut v.definition), &text);
        }
    }
    let table_names: Vec<QualifiedName> = declared.tables.keys().cloned().collect();
    for table in table_names {
        let (Some(dt), Some(lt)) = (declared.tables.get(&table), live.tables.get(&table)) else {
            continue;
        };
        let mut checks = Vec::new();
        for (name, check) in &dt.checks {
            if let Some(other) = lt.checks.get(name) {
                if other.expression != check.expression {
                    checks.push((
                        name.clone(),
                        check.expression.clone(),
                        other.expression.clone(),
                    ));
                }
            }
        }
        let mut defaults = Vec::new();
        for (name, col) in &dt.columns {
            if let (Some(other), Some(d)) = (lt.columns.get(name), col.default.as_ref()) {
                if let Some(l) = other.default.as_ref() {
                    if l != d && other.data_type == col.data_type {
                        defaults.push((name.clone(), col.data_type.clone(), d.clone(), l.clone()));
                    }
                }
            }
        }
        let mut indexes = Vec::new();
        for (name, index) in &dt.indexes {
            if let Some(other) = lt.indexes.get(name) {
                if other != index {
                    indexes.push((name.clone(), index.clone(), other.clone()));
                }
            }
        }
        for (name, d, l) in checks {
            n += 1;
            let probe = Probe::Check(table.clone());
            if let Some(text) = settle_pair(scratch, &probe, &d, &l, n).await {
                set(
                    declared
                        .tables
                        .get_mut(&table)
                        .and_then(|t| t.checks.get_mut(&name))
                        .map(|c| &mut c.expression),
                    &text,
                );
                set(
                    live.tables
                        .get_mut(&table)
                        .and_then(|t| t.checks.get_mut(&name))
                        .map(|c| &mut c.expression),
                    &text,
                );
            }
        }
        for (name, data_type, d, l) in defaults {
            n += 1;
            let probe = Probe::Default(table.clone(), data_type);
            if let Some(text) = settle_pair(scratch, &probe, &d, &l, n).await {
                for schema in [&mut *declared, &mut *live] {
                    if let Some(col) = schema
                        .tables
                        .get_mut(&table)
                        .and_then(|t| t.columns.get_mut(&name))
                    {
                        col.default = Some(text.clone());
                    }
                }
            }
        }
        for (name, d, l) in indexes {
            n += 1;
            let (Some(d_fix), Some(l_fix)) = (
                index_fixpoint(scratch, &table, &d, n, "d").await,
                index_fixpoint(scratch, &table, &l, n, "l").await,
            ) else {
                continue;
            };
            if same_index_shape(&d_fix, &l_fix) {
                for (schema, fixed) in [(&mut *declared, &d_fix), (&mut *live, &l_fix)] {
                    if let Some(ix) = schema
                        .tables
                        .get_mut(&table)
                        .and_then(|t| t.indexes.get_mut(&name))
                    {
                        ix.columns = fixed.columns.clone();
                        ix.include = fixed.include.clone();
                        ix.predicate = fixed.predicate.clone();
                    }
                }
            }
        }
    }
}

fn set(target: Option<&mut String>, text: &str) {
    if let Some(t) = target {
        *t = text.to_string();
    }
}

/// Indexes whose key text, INCLUDE list and predicate agree (the rest is compared as is).
fn same_index_shape(a: &Index, b: &Index) -> bool {
    a.columns == b.columns && a.include == b.include && a.predicate == b.predicate
}

/// What a text is printed as: the object created around it in the scratch database.
enum Probe {
    View,
    Check(QualifiedName),
    /// A column default on the table, for a column of this type.
    Default(QualifiedName, String),
}

/// The common fixpoint of two texts, if they have one.
async fn settle_pair(
    scratch: &Scratch,
    probe: &Probe,
    declared: &str,
    live: &str,
    n: usize,
) -> Option<String> {
    let d = fixpoint(scratch, probe, declared, n, "d").await?;
    let l = fixpoint(scratch, probe, live, n, "l").await?;
    (d == l).then_some(d)
}

async fn fixpoint(
    scratch: &Scratch,
    probe: &Probe,
    text: &str,
    n: usize,
    side: &str,
) -> Option<String> {
    let mut current = text.to_string();
    for round in 0..4 {
        let printed = print_once(
            scratch,
            probe,
            &current,
            &format!("pgdrift_fixpoint_{n}_{side}_{round}"),
        )
        .await?;
        if printed == current {
            return Some(printed);
        }
        current = printed;
    }
    Some(current)
}

/// Creates the probe object around `text`, reads back how PostgreSQL prints it, drops it.
async fn print_once(scratch: &Scratch, probe: &Probe, text: &str, name: &str) -> Option<String> {
    let client = &scratch.client;
    let quoted = quote_ident(name);
    let printed: String = match probe {
        Probe::View => {
            client
                .batch_execute(&format!("CREATE VIEW {quoted} AS {text}"))
                .await
                .ok()?;
            let row = client
                .query_one("SELECT pg_get_viewdef(c.oid, true) FROM pg_class c WHERE c.relname = $1 AND c.relnamespace = 'public'::regnamespace", &[&name])
                .await
                .ok();
            let _ = client.batch_execute(&format!("DROP VIEW {quoted}")).await;
            let printed: String = row?.get(0);
            printed.trim().trim_end_matches(';').trim_end().to_string()
        }
        Probe::Check(table) => {
            let add = format!(
                "ALTER TABLE {} ADD CONSTRAINT {quoted} CHECK ({text}) NOT VALID",
                table.sql()
            );
            client.batch_execute(&add).await.ok()?;
            let row = client
                .query_one("SELECT pg_get_expr(conbin, conrelid) FROM pg_constraint WHERE conname = $1 AND conrelid = $2::text::regclass", &[&name, &table.sql()])
                .await
                .ok();
            let _ = client
                .batch_execute(&format!(
                    "ALTER TABLE {} DROP CONSTRAINT {quoted}",
                    table.sql()
                ))
                .await;
            row?.get(0)
        }
        Probe::Default(table, data_type) => {
            let add = format!(
                "ALTER TABLE {} ADD COLUMN {quoted} {data_type} DEFAULT {text}",
                table.sql()
            );
            client.batch_execute(&add).await.ok()?;
            let row = client
                .query_one(
                    "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE a.attname = $1 AND d.adrelid = $2::text::regclass",
                    &[&name, &table.sql()],
                )
                .await
                .ok();
            let _ = client
                .batch_execute(&format!("ALTER TABLE {} DROP COLUMN {quoted}", table.sql()))
                .await;
            row?.get(0)
        }
    };
    Some(printed)
}

/// The fixpoint of an index's key text and predicate on `table`.
async fn index_fixpoint(
    scratch: &Scratch,
    table: &QualifiedName,
    index: &Index,
    n: usize,
    side: &str,
) -> Option<Index> {
    let mut current = index.clone();
    for round in 0..4 {
        let name = format!("pgdrift_fixpoint_{n}_{side}_{round}");
        let sql = ddl::create_index(table, &name, &current, false);
        scratch.client.batch_execute(&sql).await.ok()?;
        let row = scratch
            .client
            .query_one(
                "SELECT pg_get_indexdef(i.indexrelid), pg_get_expr(i.indpred, i.indrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1 AND c.relnamespace = $2::text::regnamespace",
                &[&name, &quote_ident(&table.schema)],
            )
            .await
            .ok();
        let _ = scratch
            .client
            .batch_execute(&format!(
                "DROP INDEX {}",
                QualifiedName::new(table.schema.clone(), name.clone()).sql()
            ))
            .await;
        let row = row?;
        let definition: String = row.get(0);
        let predicate: Option<String> = row.get(1);
        let (_, _, parsed) = crate::load::parse_index_definition(&definition).ok()?;
        let printed = Index {
            columns: parsed.columns,
            include: parsed.include,
            predicate,
            ..current.clone()
        };
        if same_index_shape(&printed, &current) {
            return Some(printed);
        }
        current = printed;
    }
    Some(current)
}

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

/// Rewrites defaults to one spelling per equivalence class, on both sides before a diff.
pub fn canonicalize_equivalents(schema: &mut Schema) {
    for table in schema.tables.values_mut() {
        for column in table.columns.values_mut() {
            if let Some(default) = column.default.as_mut() {
                if let Some((_, canonical)) = EQUIVALENT_DEFAULTS
                    .iter()
                    .find(|(alias, _)| alias == default)
                {
                    *default = canonical.to_string();
                }
            }
        }
    }
}
