//! Reads a live database's schema into a [`model::Schema`].
//!
//! A fixed number of catalog queries covers the whole database, one per object kind, never one per
//! table: a per-table round trip pattern costs minutes at a few thousand tables, batched queries
//! about a second (see the crate evaluation in the research notes). The rows of the queries that
//! grow with the schema go into the model as they arrive, a chunk at a time, so memory holds the
//! model and not every row besides.
//!
//! Text PostgreSQL parses (types, defaults, checks, index keys, predicates, view bodies) is read
//! back with PostgreSQL's own deparsers (`format_type`, `pg_get_expr`, `pg_get_indexdef`,
//! `pg_get_viewdef`, `pg_get_constraintdef`) under `search_path = public`, so objects in `public`
//! print unqualified and everything else qualified. The declared side goes through the same
//! queries (see `normalize`), which is what makes the two comparable.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use futures_util::stream::TryStreamExt;
use tokio_postgres::types::{FromSql, ToSql};
use tokio_postgres::{Client, Row};

use crate::kinds::CATALOG;
use crate::model::{self, QualifiedName, Table, View};

/// What to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntrospectOptions {
    /// Schemas whose objects are read (exact names). Extensions are database-wide and always read.
    pub schemas: Vec<String>,
}

impl Default for IntrospectOptions {
    fn default() -> Self {
        IntrospectOptions {
            schemas: vec![model::DEFAULT_SCHEMA.to_string()],
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IntrospectError {
    #[error("reading the database schema failed in the `{query}` catalog query: {}\n(check the connection and that the role may read pg_catalog)", pg_error_text(.source))]
    Query {
        /// Which catalog query failed (`columns`, `indexes`, ...).
        query: &'static str,
        #[source]
        source: tokio_postgres::Error,
    },
    #[error("the `{query}` catalog query returned something unexpected for {object}: {detail}\n(this is a bug in pgdrift or an unsupported server version; please report it)")]
    Unexpected {
        query: &'static str,
        object: String,
        detail: String,
    },
}

pub(crate) fn pg_error_text(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut s = format!("{} (SQLSTATE {})", db.message(), db.code().code());
            if let Some(d) = db.detail() {
                s.push_str(&format!("; DETAIL: {d}"));
            }
            if let Some(h) = db.hint() {
                s.push_str(&format!("; HINT: {h}"));
            }
            s
        }
        None => e.to_string(),
    }
}

/// Number of statements one [`introspect`] call sends, whatever the size of the database: the
/// `SET search_path` plus one catalog query per kind (`crate::kinds::CATALOG`, the inventory of
/// what the model does not cover included).
pub const QUERY_COUNT: usize = 1 + CATALOG.len();

/// The session setup, one round trip. JIT off: at a few thousand tables the planner's estimates
/// for the catalog queries pass `jit_above_cost`, and LLVM then spends seconds compiling
/// expressions for queries that run in milliseconds (at 5,000 tables with functions and
/// triggers, about half of the whole read).
const SET_SEARCH_PATH: &str = "SET search_path TO public; SET jit = off";

/// The catalog queries whose readers take each row on its own (no state across rows, nothing
/// after the loop), so their rows can be handed over a chunk at a time: the four that grow with
/// the number of tables (at 20,000 tables: 36,000, 400,000, 80,000 and 60,000 rows).
const ROW_BY_ROW: &[&str] = &["relations", "columns", "constraints", "indexes"];

/// Rows handed to a [`ROW_BY_ROW`] reader at once.
const ROW_CHUNK: usize = 1024;

/// Placeholder in the catalog queries for the selected schema names.
const SCHEMAS_PARAM: &str = "$1";

/// One kind's catalog query and the reader that puts its rows into the model.
pub struct CatalogQuery {
    /// Named in errors and in the benchmark (`columns`, `indexes`, ...).
    pub name: &'static str,
    pub sql: &'static str,
    /// Whether `$1` (the selected schema names) is a parameter; database-wide kinds take none.
    pub takes_schemas: bool,
    pub read: fn(&[Row], &mut ReadCx) -> Result<(), IntrospectError>,
}

/// What the readers build: the model, plus relations by OID so that columns, constraints,
/// indexes and view dependencies can find their owner.
#[derive(Default)]
pub struct ReadCx {
    pub out: model::Schema,
    pub tables: HashMap<u32, (QualifiedName, Table)>,
    pub views: HashMap<u32, (QualifiedName, View)>,
}

impl ReadCx {
    /// Moves the relations into the model, in name order (members sorted by name, columns as
    /// they are). Readers of kinds that attach to relations by name (policies, grants) call it
    /// first; the relation readers run before them.
    pub fn relations_done(&mut self) {
        let mut tables: Vec<(QualifiedName, Table)> = self.tables.drain().map(|(_, t)| t).collect();
        tables.sort_by(|a, b| a.0.cmp(&b.0));
        for (qn, mut t) in tables {
            // The column maps grew by doubling while the rows came in; a column is a few
            // hundred bytes, so the slack was a third of the model at 20,000 tables.
            t.columns.shrink_to_fit();
            t.unique.sort_keys();
            t.checks.sort_keys();
            t.foreign_keys.sort_keys();
            t.exclusions.sort_keys();
            t.indexes.sort_keys();
            self.out.tables.insert(qn, t);
        }
        let mut views: Vec<(QualifiedName, View)> = self.views.drain().map(|(_, v)| v).collect();
        views.sort_by(|a, b| a.0.cmp(&b.0));
        for (qn, mut v) in views {
            v.indexes.sort_keys();
            v.depends_on.sort();
            v.depends_on.dedup();
            self.out.views.insert(qn, v);
        }
    }

    fn finish(mut self) -> model::Schema {
        self.relations_done();
        self.out
    }
}

/// The exact statements [`introspect`] sends, in order, as `(name, SQL)`, with the schema list
/// parameter inlined as `'{public}'::text[]` so that `psql` can run them unchanged. The benchmark
/// (`bench/run.sh`) times these in psql as the floor `inspect` is measured against; keeping this
/// next to the queries is what keeps that floor honest when a query changes.
pub fn catalog_queries() -> Vec<(&'static str, String)> {
    let inline = |sql: &str| sql.replace(SCHEMAS_PARAM, "'{public}'::text[]");
    let mut out = vec![("set search_path", SET_SEARCH_PATH.to_string())];
    out.extend(CATALOG.iter().map(|q| (q.name, inline(q.sql))));
    out
}

/// Reads the selected schemas of the database behind `client` into a model.
///
/// Sets `search_path` to `public` and `jit` off on the session (left that way: pgdrift sessions
/// run with them).
pub async fn introspect(
    client: &Client,
    opts: &IntrospectOptions,
) -> Result<model::Schema, IntrospectError> {
    // The deparsers read the catalog as it is now, not as the query's snapshot saw it: DDL that
    // commits while the queries run (an apply, a deploy) makes them fail with "could not open
    // relation with OID" or "cache lookup failed". Reading again sees the new state.
    let mut attempt = 0;
    loop {
        match introspect_counted(client, opts).await {
            Err(e) if attempt < 3 && e.is_concurrent_ddl() => {
                attempt += 1;
                tokio::time::sleep(std::time::Duration::from_millis(100 * attempt)).await;
            }
            other => return other.map(|(schema, _)| schema),
        }
    }
}

impl IntrospectError {
    /// Whether a catalog query failed because an object went away while it ran.
    fn is_concurrent_ddl(&self) -> bool {
        let IntrospectError::Query { source, .. } = self else {
            return false;
        };
        source.as_db_error().is_some_and(|db| {
            let m = db.message();
            (db.code().code() == "XX000"
                && (m.starts_with("could not open relation with OID")
                    || m.starts_with("cache lookup failed")))
                || db.code().code() == "42P01"
        })
    }
}

/// [`introspect`], also returning how many statements were sent (always [`QUERY_COUNT`]; exposed so
/// tests can prove the count does not grow with the number of tables).
pub async fn introspect_counted(
    client: &Client,
    opts: &IntrospectOptions,
) -> Result<(model::Schema, usize), IntrospectError> {
    let count = AtomicUsize::new(1);
    client
        .batch_execute(SET_SEARCH_PATH)
        .await
        .map_err(|source| IntrospectError::Query {
            query: "set search_path",
            source,
        })?;
    let schemas: &(dyn ToSql + Sync) = &opts.schemas;
    let with_schemas = &[schemas][..];
    // One query after the other, each query's rows into the model as they arrive: holding every
    // query's rows at once and the model on top was most of the peak memory (BENCHMARKS.md,
    // 20,000 tables). The client's reading overlaps the server's sending of the same query.
    let mut cx = ReadCx::default();
    for q in CATALOG {
        count.fetch_add(1, Ordering::Relaxed);
        let params = if q.takes_schemas { with_schemas } else { &[] };
        read_query(client, q, params, &mut cx).await?;
    }
    Ok((cx.finish(), count.load(Ordering::Relaxed)))
}

/// Runs one catalog query into `cx`. The rows of a [`ROW_BY_ROW`] query are read in chunks as
/// they arrive, so only a chunk of them is held at once; the others' (few) rows all at once.
async fn read_query(
    client: &Client,
    q: &CatalogQuery,
    params: &[&(dyn ToSql + Sync)],
    cx: &mut ReadCx,
) -> Result<(), IntrospectError> {
    let err = |source| IntrospectError::Query {
        query: q.name,
        source,
    };
    if !ROW_BY_ROW.contains(&q.name) {
        let rows = client.query(q.sql, params).await.map_err(err)?;
        return (q.read)(&rows, cx);
    }
    let rows = client
        .query_raw(q.sql, params.iter().copied())
        .await
        .map_err(err)?;
    let mut rows = std::pin::pin!(rows);
    let mut chunk = Vec::with_capacity(ROW_CHUNK);
    while let Some(row) = rows.try_next().await.map_err(err)? {
        chunk.push(row);
        if chunk.len() == ROW_CHUNK {
            (q.read)(&chunk, cx)?;
            chunk.clear();
        }
    }
    (q.read)(&chunk, cx)
}

pub(crate) fn get<'a, T: FromSql<'a>>(
    row: &'a Row,
    idx: usize,
    query: &'static str,
    object: &str,
) -> Result<T, IntrospectError> {
    row.try_get(idx)
        .map_err(|e| unexpected(query, object, &format!("column {idx}: {e}")))
}

pub(crate) fn unexpected(query: &'static str, object: &str, detail: &str) -> IntrospectError {
    IntrospectError::Unexpected {
        query,
        object: object.to_string(),
        detail: detail.to_string(),
    }
}

/// A name part as the YAML display form writes it (quoted only when it holds a dot or a quote).
pub(crate) fn display_part(part: &str) -> String {
    QualifiedName::new(model::DEFAULT_SCHEMA, part).display_name()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_by_row_names_catalog_queries() {
        for name in ROW_BY_ROW {
            assert!(
                CATALOG.iter().any(|q| q.name == *name),
                "{name} is not a catalog query"
            );
        }
    }

    #[test]
    fn catalog_queries_are_runnable_as_is() {
        let qs = catalog_queries();
        assert_eq!(qs.len(), QUERY_COUNT);
        for (name, sql) in &qs {
            assert!(!sql.contains('$'), "{name} still has a parameter");
        }
    }
}
