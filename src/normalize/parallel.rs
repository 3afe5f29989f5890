//! The declared DDL on several connections to the scratch database at once.
//!
//! One backend executes one statement at a time, so a single connection leaves every other core
//! of the server idle. The script keeps its order ([`ddl::script_parts`]) but its per-table
//! middle runs in stages, each split into groups that touch disjoint tables:
//!
//! 1. the head (schemas, extensions, types, sequences, early routines) on one connection;
//! 2. tables, one group per family ([`families`]: partitions and inheritance children with their
//!    parents, tables with the tables whose row type they use);
//! 3. sequence ownership on one connection (few statements);
//! 4. indexes, one group per family;
//! 5. foreign keys and NOT VALID checks, one group per family joined with every table its keys
//!    reference, so two groups never lock the same table (no lock waits, no deadlocks);
//! 6. the tail (routines, comments, policies, grants) on one connection; views and triggers
//!    follow on one connection as before (their order is only known by trying).
//!
//! Groups are packed into lanes of about one batch each and the connections take lanes as they
//! come free. Every lane runs to its end even when another fails, and the failure of the earliest
//! statement (in script order) is reported: the same error whatever the timing.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio_postgres::Client;

use super::{run_batches, NormalizeError, BATCH};
use crate::ddl::{self, Statement};
use crate::kinds::table::shape::families;
use crate::load::Declared;
use crate::model::{QualifiedName, Schema};
use crate::progress::Progress;

/// Connections the normalizer uses: 0 until a command sets it (`--jobs`), then automatic.
static JOBS: AtomicUsize = AtomicUsize::new(0);

/// The most connections picked automatically: beyond this, lock-manager and catalog contention
/// in one database eat the gain.
const MAX_AUTO_JOBS: usize = 8;

/// `--jobs N`, shared by every command that normalizes declared files.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct JobsArg {
    /// Connections to the scratch database that create the declared objects at once (tables,
    /// indexes and foreign keys of unrelated tables in parallel). Default: this machine's cores,
    /// at most 8 and at most the server's free connections. `--jobs 1` runs the whole script on
    /// one connection. Example: --jobs 4
    #[arg(long, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
}

impl JobsArg {
    /// Makes this the normalizer's setting for the rest of the process (one command per process).
    pub fn apply(&self) {
        JOBS.store(self.jobs.map_or(0, NonZeroUsize::get), Ordering::Relaxed);
    }
}

/// The connection count for a scratch database on `client`'s server: `--jobs`, or the
/// smallest of this machine's cores, [`MAX_AUTO_JOBS`] and the server's free connections
/// (leaving a few for everybody else).
pub async fn jobs_for(client: &Client) -> usize {
    let set = JOBS.load(Ordering::Relaxed);
    if set > 0 {
        return set;
    }
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let sql = "SELECT current_setting('max_connections')::int \
               - current_setting('superuser_reserved_connections')::int \
               - (SELECT count(*) FROM pg_stat_activity)::int";
    let free = match client.query_one(sql, &[]).await {
        Ok(row) => row.try_get::<_, i32>(0).unwrap_or(0),
        Err(_) => 0,
    };
    let free = usize::try_from(free.saturating_sub(3)).unwrap_or(0);
    cores.min(MAX_AUTO_JOBS).min(free).max(1)
}

/// Runs `schema`'s script (views, triggers and deferred routines excepted: the caller's) on
/// `client` and `helpers`; see the module comment for the stages.
pub(super) async fn create_script(
    client: &Client,
    helpers: &[Client],
    declared: &Declared,
    schema: &Schema,
    deferred: &mut Vec<Statement>,
) -> Result<(), NormalizeError> {
    let parts = ddl::script_parts(schema);
    let family = families(schema, |_| Vec::new());
    let tables = per_group(schema, &family, |name, t| {
        crate::kinds::table::ddl::create_statements_for(name, t)
    });
    let indexes = per_group(schema, &family, |name, t| {
        crate::kinds::index::ddl::create_statements_for(name, &t.indexes)
    });
    let keyed = families(schema, |t| {
        t.foreign_keys
            .values()
            .map(|fk| fk.references.table.clone())
            .collect()
    });
    let keys = per_group(schema, &keyed, |name, t| {
        crate::kinds::constraint::ddl::foreign_key_statements_for(name, t)
    });
    let total = parts.head.len()
        + parts.owned_by.len()
        + parts.tail.len()
        + [&tables, &indexes, &keys]
            .iter()
            .flat_map(|g| g.iter())
            .map(Vec::len)
            .sum::<usize>();
    let progress = Progress::start("scratch database: statements", Some(total));
    let mut all: Vec<&Client> = vec![client];
    all.extend(helpers);
    run_batches(client, declared, &parts.head, deferred, &progress).await?;
    run_lanes(&all, &pack(tables), declared, deferred, &progress).await?;
    run_batches(client, declared, &parts.owned_by, deferred, &progress).await?;
    run_lanes(&all, &pack(indexes), declared, deferred, &progress).await?;
    run_lanes(&all, &pack(keys), declared, deferred, &progress).await?;
    run_batches(client, declared, &parts.tail, deferred, &progress).await
}

/// For each group of tables, the statements `of` gives for its tables, in group order.
fn per_group(
    schema: &Schema,
    groups: &[Vec<QualifiedName>],
    of: impl Fn(&QualifiedName, &crate::model::Table) -> Vec<Statement>,
) -> Vec<Vec<Statement>> {
    groups
        .iter()
        .map(|g| {
            g.iter()
                .filter_map(|name| Some(of(name, schema.tables.get(name)?)))
                .flatten()
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Consecutive groups joined into lanes of at least [`BATCH`] statements (a group is never
/// split): one round trip each instead of one per small group.
fn pack(groups: Vec<Vec<Statement>>) -> Vec<Vec<Statement>> {
    let mut lanes: Vec<Vec<Statement>> = Vec::new();
    for g in groups {
        match lanes.last_mut() {
            Some(last) if last.len() < BATCH => last.extend(g),
            _ => lanes.push(g),
        }
    }
    lanes
}

/// Runs every lane, each on one connection, the connections taking the next lane as they come
/// free. Every lane is run; the error of the earliest failing lane is returned.
async fn run_lanes(
    clients: &[&Client],
    lanes: &[Vec<Statement>],
    declared: &Declared,
    deferred: &mut Vec<Statement>,
    progress: &Progress,
) -> Result<(), NormalizeError> {
    let next = AtomicUsize::new(0);
    let workers = clients.iter().map(|client| {
        let next = &next;
        async move {
            let mut failed = Vec::new();
            let mut set_aside = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(lane) = lanes.get(i) else {
                    break;
                };
                if let Err(e) = run_batches(client, declared, lane, &mut set_aside, progress).await
                {
                    failed.push((i, e));
                }
            }
            (failed, set_aside)
        }
    });
    let mut failed = Vec::new();
    for (f, set_aside) in futures_util::future::join_all(workers).await {
        failed.extend(f);
        deferred.extend(set_aside);
    }
    match failed.into_iter().min_by_key(|(i, _)| *i) {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statements(n: usize, tag: &str) -> Vec<Statement> {
        (0..n)
            .map(|i| Statement::new(format!("SELECT {i}"), format!("{tag} {i}")))
            .collect()
    }

    #[test]
    fn packs_whole_groups_into_lanes_of_a_batch() {
        let groups = vec![
            statements(40, "a"),
            statements(40, "b"),
            statements(3, "c"),
            statements(70, "d"),
        ];
        let lanes = pack(groups);
        let sizes: Vec<usize> = lanes.iter().map(Vec::len).collect();
        assert_eq!(sizes, vec![80, 3 + 70]);
        assert_eq!(lanes[1][0].object, "c 0");
    }
}
