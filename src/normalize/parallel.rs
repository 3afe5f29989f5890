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

use std::future::Future;
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

/// Runs the [`stages`] of a schema's script (views, triggers and deferred routines excepted: the
/// caller's) on `client` and `helpers`; see the module comment for the stages.
pub(super) async fn create_script(
    client: &Client,
    helpers: &[Client],
    declared: &Declared,
    stages: Vec<Vec<Vec<Statement>>>,
    deferred: &mut Vec<Statement>,
) -> Result<(), NormalizeError> {
    let total = stages.iter().flatten().map(Vec::len).sum();
    let progress = Progress::start("scratch database: statements", Some(total));
    let mut all: Vec<&Client> = vec![client];
    all.extend(helpers);
    let progress = &progress;
    let set_aside = run_stages(&all, &stages, |client, lane| async move {
        let mut set_aside = Vec::new();
        run_batches(client, declared, lane, &mut set_aside, progress).await?;
        Ok::<_, NormalizeError>(set_aside)
    })
    .await?;
    deferred.extend(set_aside.into_iter().flatten());
    Ok(())
}

/// [`ddl::create_script`] of `schema` cut into stages that run one after the other, each a list
/// of lanes: a stage of one lane runs on the first connection (where the head's session
/// settings live), the lanes of a longer stage touch disjoint tables and run at once. The same
/// statements as the script; within a table group, in the script's order.
pub fn stages(schema: &Schema) -> Vec<Vec<Vec<Statement>>> {
    let parts = ddl::script_parts(schema);
    let late = crate::kinds::function::ddl::late_members(schema);
    let early = crate::kinds::function::ddl::without_late_members(schema, &late);
    let schema = early.as_ref();
    let family = families(schema, |_| Vec::new());
    let tables: Vec<Vec<Statement>> = family
        .iter()
        .map(|g| crate::kinds::table::ddl::create_statements_of(schema, g))
        .filter(|s| !s.is_empty())
        .collect();
    let indexes = per_group(schema, &family, true, |name, t| {
        let late = |i: &str| parts.late_indexes.contains(&(name.clone(), i.to_string()));
        let mut out =
            crate::kinds::index::ddl::create_statements_for(name, &t.indexes, |i| !late(i));
        // Statistics objects and column targets touch only their table, like its indexes.
        out.extend(crate::kinds::statistics::ddl::create_statements_for(
            name, t,
        ));
        out
    });
    let keyed = families(schema, |t| {
        t.foreign_keys
            .values()
            .map(|fk| fk.references.table.clone())
            .collect()
    });
    let keys = per_group(schema, &keyed, true, |name, t| {
        crate::kinds::constraint::ddl::foreign_key_statements_for(name, t)
    });
    vec![
        vec![parts.head],
        pack(tables),
        vec![parts.owned_by],
        pack(indexes),
        pack(keys),
        vec![parts.tail],
    ]
}

/// For each group of tables, the statements `of` gives for its tables: in group order (parents
/// first), or with `model_order` in the model's order, as the whole script has them.
fn per_group(
    schema: &Schema,
    groups: &[Vec<QualifiedName>],
    model_order: bool,
    of: impl Fn(&QualifiedName, &crate::model::Table) -> Vec<Statement>,
) -> Vec<Vec<Statement>> {
    groups
        .iter()
        .map(|g| {
            let mut names: Vec<&QualifiedName> = g.iter().collect();
            if model_order {
                names.sort_by_key(|n| schema.tables.get_index_of(*n));
            }
            names
                .into_iter()
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

/// Runs [`stages`] on `clients` (the first one for single-lane stages), each lane through `run`;
/// what the lanes return, in stage and lane order. Stops after the first stage that fails,
/// with the error of its earliest failing lane.
pub async fn run_stages<'a, T, E, F, Fut>(
    clients: &[&'a Client],
    stages: &'a [Vec<Vec<Statement>>],
    run: F,
) -> Result<Vec<T>, E>
where
    F: Fn(&'a Client, &'a [Statement]) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut out = Vec::new();
    for stage in stages {
        match (stage.as_slice(), clients.first()) {
            ([one], Some(first)) => out.push(run(first, one).await?),
            _ => out.extend(run_lanes(clients, stage, &run).await?),
        }
    }
    Ok(out)
}

/// Runs every lane, each on one connection, the connections taking the next lane as they come
/// free. Every lane is run, so the error returned (that of the earliest failing lane) does not
/// depend on timing.
async fn run_lanes<'a, T, E, F, Fut>(
    clients: &[&'a Client],
    lanes: &'a [Vec<Statement>],
    run: &F,
) -> Result<Vec<T>, E>
where
    F: Fn(&'a Client, &'a [Statement]) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let next = AtomicUsize::new(0);
    let workers = clients.iter().map(|client| {
        let next = &next;
        async move {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(lane) = lanes.get(i) else {
                    break;
                };
                done.push((i, run(client, lane).await));
            }
            done
        }
    });
    let mut done: Vec<(usize, Result<T, E>)> = futures_util::future::join_all(workers)
        .await
        .into_iter()
        .flatten()
        .collect();
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statements(n: usize, tag: &str) -> Vec<Statement> {
        (0..n)
            .map(|i| Statement::new(format!("SELECT {i}"), format!("{tag} {i}")))
            .collect()
    }

    /// 200 tables, each with a key to the next one in its ring of 50 (four rings), and a
    /// partitioned table with two partitions.
    fn rings() -> Schema {
        use crate::diff::fixtures::{col, fk, q, table};
        let mut s = Schema::default();
        for i in 0..200 {
            let mut t = table(&[("id", col("integer")), ("gene_id", col("integer"))]);
            let mut key = fk();
            key.references.table = q(&format!("t{}", (i / 50) * 50 + (i + 1) % 50));
            t.foreign_keys.insert(format!("t{i}_next"), key);
            s.tables.insert(q(&format!("t{i}")), t);
        }
        let mut parent = table(&[("id", col("integer"))]);
        parent.partition_by = Some("RANGE (id)".into());
        for child in ["part_a", "part_b"] {
            let mut c = table(&[("id", col("integer"))]);
            c.partition_of = Some(q("parent"));
            c.bounds = Some("DEFAULT".into());
            s.tables.insert(q(child), c);
        }
        s.tables.insert(q("parent"), parent);
        s
    }

    fn key(st: &Statement) -> (String, String) {
        (st.object.clone(), st.sql.clone())
    }

    #[test]
    fn stages_hold_exactly_the_scripts_statements() {
        let schema = rings();
        let mut staged: Vec<_> = stages(&schema)
            .iter()
            .flatten()
            .flatten()
            .map(key)
            .collect();
        let mut script: Vec<_> = ddl::create_script(&schema).iter().map(key).collect();
        staged.sort();
        script.sort();
        assert_eq!(staged, script);
    }

    #[test]
    fn parallel_lanes_touch_disjoint_tables_and_partitions_follow_their_parent() {
        let schema = rings();
        let stages = stages(&schema);
        let keys = &stages[4];
        assert!(keys.len() >= 2, "the four rings make several key lanes");
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                let names = |lane: &Vec<Statement>| -> Vec<String> {
                    lane.iter().map(|s| s.sql.clone()).collect()
                };
                // A ring's keys name only that ring's tables: no table in two lanes.
                for sa in names(a) {
                    let ring = |sql: &str| {
                        sql.split("\"t")
                            .skip(1)
                            .filter_map(|x| x.split('"').next()?.parse::<usize>().ok())
                            .map(|n| n / 50)
                            .collect::<Vec<_>>()
                    };
                    for sb in names(b) {
                        assert!(
                            ring(&sa).iter().all(|r| !ring(&sb).contains(r)),
                            "{sa} / {sb}"
                        );
                    }
                }
            }
        }
        let tables: Vec<&str> = stages[1]
            .iter()
            .flatten()
            .map(|s| s.object.as_str())
            .filter(|o| o.contains("par"))
            .collect();
        assert_eq!(tables, ["table parent", "table part_a", "table part_b"]);
        let lane_of = |o: &str| {
            stages[1]
                .iter()
                .position(|l| l.iter().any(|s| s.object == o))
        };
        assert_eq!(lane_of("table parent"), lane_of("table part_b"));
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
