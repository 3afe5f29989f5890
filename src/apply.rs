//! `pgdrift apply`: runs a plan so the database is either fully migrated or exactly as before.
//!
//! One connection. The transactional steps run in one transaction that first takes an advisory
//! lock (a second apply on the same database waits or fails clearly) and sets `lock_timeout`
//! and `statement_timeout`; any failure rolls everything back. Steps that cannot run in a
//! transaction (`CREATE INDEX CONCURRENTLY`) run after COMMIT, one by one, each resumable: an
//! INVALID index left by an interrupted build is dropped and built again. A session-level hold
//! of the same advisory lock covers that part too.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use tokio_postgres::Client;

use crate::conn::DbUrl;
use crate::model::{quote_literal, QualifiedName};
use crate::plan::{self, Hazard, Plan, PlanSourceArgs};

/// The advisory lock key every pgdrift apply takes: the first 8 bytes of sha256("pgdrift").
pub fn lock_key() -> i64 {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(b"pgdrift");
    let mut b = [0u8; 8];
    b.copy_from_slice(&d[..8]);
    i64::from_be_bytes(b)
}

#[derive(Debug, Clone)]
pub struct ApplyOptions {
    /// Run steps that lose data.
    pub allow_destructive: bool,
    /// Wait for another apply's lock instead of failing at once.
    pub lock_wait: bool,
    /// `lock_timeout` for every statement (PostgreSQL syntax: `5s`, `500ms`).
    pub lock_timeout: String,
    /// `statement_timeout` for every statement (`0` = none).
    pub statement_timeout: String,
    /// Run the transactional part and roll it back.
    pub dry_run: bool,
}

impl Default for ApplyOptions {
    fn default() -> Self {
        ApplyOptions {
            allow_destructive: false,
            lock_wait: false,
            lock_timeout: "5s".to_string(),
            statement_timeout: "0".to_string(),
            dry_run: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error("the plan loses data and --allow-destructive was not given; nothing was changed. Destructive steps:\n{}", steps.join("\n"))]
    Destructive { steps: Vec<String> },
    #[error("another pgdrift apply holds the lock on this database; nothing was changed (use --lock-wait to wait for it)")]
    Locked,
    #[error("step {index} failed, everything was rolled back and the database is unchanged.\nstatement: {sql}\nerror: {error}")]
    StepFailed {
        index: usize,
        sql: String,
        error: String,
    },
    #[error("step {index} (outside the transaction) failed; the steps before it are applied, rerun apply to resume.\nstatement: {sql}\nerror: {error}")]
    NonTransactionalFailed {
        index: usize,
        sql: String,
        error: String,
    },
    #[error("{what}: {error}")]
    Database { what: String, error: String },
    #[error("the plan in {path} was made for a different database state (the live schema changed since); make a new plan")]
    StalePlan { path: PathBuf },
    #[error(
        "refusing to ask for confirmation without a terminal; pass --yes to apply without asking"
    )]
    NoTerminal,
    #[error("not confirmed; nothing was changed")]
    NotConfirmed,
    #[error("{0}")]
    Other(String),
}

/// What happened.
#[derive(Debug, Clone, Default)]
pub struct ApplyReport {
    pub transactional_run: usize,
    pub non_transactional_run: usize,
    /// Concurrent builds skipped because a valid index of that name already existed.
    pub resumed: usize,
    pub rolled_back: bool,
}

fn pg_error(e: &tokio_postgres::Error) -> String {
    crate::conn::describe_pg_error(e, "")
}

/// The destructive steps, spelled for messages.
pub fn destructive_descriptions(plan: &Plan) -> Vec<String> {
    plan.destructive_steps()
        .into_iter()
        .map(|(i, s)| {
            format!(
                "  step {}: {} -- {}",
                i + 1,
                s.sql.lines().next().unwrap_or(""),
                s.change
            )
        })
        .collect()
}

async fn exec(client: &Client, sql: &str, what: &str) -> Result<(), ApplyError> {
    client
        .batch_execute(sql)
        .await
        .map_err(|e| ApplyError::Database {
            what: what.to_string(),
            error: pg_error(&e),
        })
}

/// A session holding the apply lock (a session-level advisory lock on [`lock_key`]). `run` takes
/// it before it reads the database to plan, so a second apply fails at once (or, with
/// `--lock-wait`, plans only after the first one is done) instead of planning against a database
/// that is being changed.
pub struct ApplyLock {
    client: Client,
}

impl ApplyLock {
    pub async fn acquire(url: &DbUrl, wait: bool) -> Result<ApplyLock, ApplyError> {
        let client = url
            .connect()
            .await
            .map_err(|e| ApplyError::Other(e.to_string()))?;
        let key = lock_key();
        if wait {
            exec(
                &client,
                &format!("SELECT pg_advisory_lock({key})"),
                "waiting for the apply lock",
            )
            .await?;
        } else {
            let row = client
                .query_one("SELECT pg_try_advisory_lock($1)", &[&key])
                .await
                .map_err(|e| ApplyError::Database {
                    what: "taking the apply lock".into(),
                    error: pg_error(&e),
                })?;
            let got: bool = row.get(0);
            if !got {
                return Err(ApplyError::Locked);
            }
        }
        Ok(ApplyLock { client })
    }

    /// Releases the lock (closing the session would too).
    pub async fn release(self) {
        let _ = self
            .client
            .batch_execute(&format!("SELECT pg_advisory_unlock({})", lock_key()))
            .await;
    }
}

/// Runs `plan` on the database at `url`: takes the apply lock, runs, releases it.
pub async fn apply_plan(
    url: &DbUrl,
    plan: &Plan,
    opts: &ApplyOptions,
) -> Result<ApplyReport, ApplyError> {
    if !opts.allow_destructive && !plan.destructive_steps().is_empty() {
        return Err(ApplyError::Destructive {
            steps: destructive_descriptions(plan),
        });
    }
    if plan.steps.is_empty() {
        return Ok(ApplyReport::default());
    }
    let lock = ApplyLock::acquire(url, opts.lock_wait).await?;
    let result = apply_locked(&lock, plan, opts).await;
    lock.release().await;
    result
}

/// Runs `plan` on the session that holds the apply lock.
pub async fn apply_locked(
    lock: &ApplyLock,
    plan: &Plan,
    opts: &ApplyOptions,
) -> Result<ApplyReport, ApplyError> {
    if !opts.allow_destructive && !plan.destructive_steps().is_empty() {
        return Err(ApplyError::Destructive {
            steps: destructive_descriptions(plan),
        });
    }
    let mut report = ApplyReport::default();
    if plan.steps.is_empty() {
        return Ok(report);
    }
    run_locked(&lock.client, plan, opts, &mut report).await?;
    Ok(report)
}

async fn run_locked(
    client: &Client,
    plan: &Plan,
    opts: &ApplyOptions,
    report: &mut ApplyReport,
) -> Result<(), ApplyError> {
    let settings = format!(
        "SET LOCAL search_path TO \"public\"; SET LOCAL lock_timeout = {}; SET LOCAL statement_timeout = {}",
        quote_literal(&opts.lock_timeout),
        quote_literal(&opts.statement_timeout)
    );
    if !opts.dry_run {
        for (i, st) in plan.steps.iter().enumerate() {
            if !st.before_transaction {
                continue;
            }
            let sql = format!("SET search_path TO \"public\"; {}", st.sql);
            fault_point(client, &format!("step:{}", i + 1)).await;
            client
                .batch_execute(&sql)
                .await
                .map_err(|e| ApplyError::NonTransactionalFailed {
                    index: i + 1,
                    sql: st.sql.clone(),
                    error: pg_error(&e),
                })?;
            report.non_transactional_run += 1;
        }
    }
    exec(client, "BEGIN", "starting the transaction").await?;
    let setup = async {
        exec(
            client,
            &format!("SELECT pg_advisory_xact_lock({})", lock_key()),
            "taking the apply lock",
        )
        .await?;
        exec(
            client,
            &settings,
            "setting lock_timeout and statement_timeout",
        )
        .await
    };
    if let Err(e) = setup.await {
        let _ = client.batch_execute("ROLLBACK").await;
        return Err(e);
    }
    for (i, st) in plan.steps.iter().enumerate() {
        if !st.transactional {
            continue;
        }
        fault_point(client, &format!("step:{}", i + 1)).await;
        if let Err(e) = client.batch_execute(&st.sql).await {
            let _ = client.batch_execute("ROLLBACK").await;
            return Err(ApplyError::StepFailed {
                index: i + 1,
                sql: st.sql.clone(),
                error: crate::kinds::publication::explain_error(
                    &st.sql,
                    &e,
                    crate::kinds::event_trigger::explain_error(&st.sql, &e, pg_error(&e)),
                ),
            });
        }
        report.transactional_run += 1;
    }
    if opts.dry_run {
        exec(client, "ROLLBACK", "rolling back the dry run").await?;
        report.rolled_back = true;
        return Ok(());
    }
    fault_point(client, "commit").await;
    if let Err(e) = client.batch_execute("COMMIT").await {
        return Err(ApplyError::StepFailed {
            index: plan.steps.len(),
            sql: "COMMIT".into(),
            error: pg_error(&e),
        });
    }
    if !plan
        .steps
        .iter()
        .any(|s| !s.transactional && !s.before_transaction)
    {
        return Ok(());
    }
    exec(
        client,
        &format!(
            "SET search_path TO \"public\"; SET lock_timeout = {}; SET statement_timeout = {}",
            quote_literal(&opts.lock_timeout),
            quote_literal(&opts.statement_timeout)
        ),
        "setting the session for steps outside the transaction",
    )
    .await?;
    for (i, st) in plan.steps.iter().enumerate() {
        if st.transactional || st.before_transaction {
            continue;
        }
        fault_point(client, &format!("step:{}", i + 1)).await;
        if let Some(ix) = &st.resume_index {
            let state = index_state(client, ix).await.map_err(|e| match e {
                ApplyError::Database { what, error } => ApplyError::NonTransactionalFailed {
                    index: i + 1,
                    sql: what,
                    error,
                },
                other => other,
            })?;
            match state {
                Some(true) => {
                    report.resumed += 1;
                    continue;
                }
                Some(false) => {
                    // An interrupted concurrent build leaves an INVALID index behind.
                    let sql = format!("DROP INDEX CONCURRENTLY {}", ix.sql());
                    client.batch_execute(&sql).await.map_err(|e| {
                        ApplyError::NonTransactionalFailed {
                            index: i + 1,
                            sql,
                            error: pg_error(&e),
                        }
                    })?;
                }
                None => {}
            }
        }
        client
            .batch_execute(&st.sql)
            .await
            .map_err(|e| ApplyError::NonTransactionalFailed {
                index: i + 1,
                sql: st.sql.clone(),
                error: pg_error(&e),
            })?;
        report.non_transactional_run += 1;
    }
    Ok(())
}

/// Test-only fault hook (tests/faults.rs). With `PGDRIFT_FAULT_PAUSE_AT=<point>` and
/// `PGDRIFT_FAULT_FILE=<path>` in the environment, apply stops at that point (`step:N` before
/// plan step N, whatever its phase; `commit` before COMMIT), writes `<backend pid> <os pid>` to
/// the file and waits until the file is removed, so a test can kill the backend, the process or
/// the server at exactly that step. Unset (always, outside the fault tests), it returns at once
/// and does nothing.
async fn fault_point(client: &Client, point: &str) {
    let Some(at) = std::env::var_os("PGDRIFT_FAULT_PAUSE_AT") else {
        return;
    };
    let Some(file) = std::env::var_os("PGDRIFT_FAULT_FILE") else {
        return;
    };
    if at != point {
        return;
    }
    let backend: i32 = match client.query_one("SELECT pg_backend_pid()", &[]).await {
        Ok(row) => row.get(0),
        Err(_) => return,
    };
    let file = PathBuf::from(file);
    let tmp = file.with_extension("tmp");
    if std::fs::write(&tmp, format!("{backend} {}", std::process::id())).is_err()
        || std::fs::rename(&tmp, &file).is_err()
    {
        return;
    }
    // Bounded: a test that forgets to release us must not hang CI.
    for _ in 0..6000 {
        if !file.exists() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

/// Drops the INVALID indexes an interrupted `CREATE INDEX CONCURRENTLY` left in `schemas` (an
/// earlier apply killed mid-build, a lock timeout while the build waited), so the plan made next
/// builds them again: introspection leaves INVALID indexes out, as pg_dump does, so they show
/// as missing. Indexes being built right now, and the by-design INVALID indexes of partitioned
/// tables (`CREATE INDEX ON ONLY`), are left alone. Returns the names dropped.
pub async fn drop_invalid_indexes(
    lock: &ApplyLock,
    schemas: &[String],
    lock_timeout: &str,
) -> Result<Vec<String>, ApplyError> {
    let client = &lock.client;
    let db_err = |what: &str, e: &tokio_postgres::Error| ApplyError::Database {
        what: what.to_string(),
        error: pg_error(e),
    };
    let schemas = crate::kinds::schema::catalog::resolve(client, schemas)
        .await
        .map_err(|e| ApplyError::Other(e.to_string()))?;
    let rows = client
        .query(
            "SELECT n.nspname::text, ic.relname::text FROM pg_index i \
             JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid \
             JOIN pg_namespace n ON n.oid = ic.relnamespace \
             WHERE NOT i.indisvalid AND n.nspname = ANY($1) AND ic.relkind = 'i' AND t.relkind <> 'p' \
             AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid \
                             OR p.relid = i.indrelid) \
             ORDER BY 1, 2",
            &[&schemas],
        )
        .await
        .map_err(|e| db_err("looking for INVALID indexes", &e))?;
    let mut dropped = Vec::new();
    if rows.is_empty() {
        return Ok(dropped);
    }
    exec(
        client,
        &format!("SET lock_timeout = {}", quote_literal(lock_timeout)),
        "setting lock_timeout",
    )
    .await?;
    for row in rows {
        let (Ok(schema), Ok(name)) = (row.try_get::<_, String>(0), row.try_get::<_, String>(1))
        else {
            continue;
        };
        let ix = QualifiedName::new(schema, name);
        let sql = format!("DROP INDEX CONCURRENTLY IF EXISTS {}", ix.sql());
        client
            .batch_execute(&sql)
            .await
            .map_err(|e| db_err(&format!("dropping the INVALID index {ix}"), &e))?;
        dropped.push(ix.to_string());
    }
    let _ = client.batch_execute("RESET lock_timeout").await;
    Ok(dropped)
}

/// `Some(valid)` when an index of that name exists.
async fn index_state(client: &Client, ix: &QualifiedName) -> Result<Option<bool>, ApplyError> {
    let rows = client
        .query(
            "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2",
            &[&ix.schema, &ix.name],
        )
        .await
        .map_err(|e| ApplyError::Database {
            what: format!("looking for index {ix}"),
            error: pg_error(&e),
        })?;
    Ok(rows.first().map(|r| r.get::<_, bool>(0)))
}

// ---------------------------------------------------------------------------------------------
// The command

/// Arguments of `pgdrift apply`.
#[derive(clap::Args, Debug)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub source: PlanSourceArgs,
    /// Apply without asking.
    #[arg(long)]
    pub yes: bool,
    /// Allow steps that lose data (drop table/column, narrowing types, removing enum values).
    #[arg(long)]
    pub allow_destructive: bool,
    /// Apply this plan (JSON from `pgdrift plan --format json`) instead of computing one; it is
    /// refused if the database changed since it was made.
    #[arg(long, value_name = "FILE")]
    pub plan: Option<PathBuf>,
    /// Wait for another apply to finish instead of failing.
    #[arg(long)]
    pub lock_wait: bool,
    /// lock_timeout for every statement.
    #[arg(long, value_name = "DURATION", default_value = "5s")]
    pub lock_timeout: String,
    /// statement_timeout for every statement (0 = none).
    #[arg(long, value_name = "DURATION", default_value = "0")]
    pub statement_timeout: String,
    /// Run the transactional part and roll it back.
    #[arg(long)]
    pub dry_run: bool,
}

/// Runs `pgdrift apply`: 0 converged (or nothing to do), 1 applied but drift remains, 2 error
/// (nothing changed, except steps after COMMIT when one of those fails).
pub async fn run(args: ApplyArgs) -> Result<u8, crate::Error> {
    args.source.jobs.apply();
    let target = crate::app::target(&args.source.db).await?;
    // The lock first: a plan made while another apply changes the database would be stale.
    let lock = ApplyLock::acquire(&target.url, args.lock_wait).await?;
    let result = run_holding(&args, &target, &lock).await;
    lock.release().await;
    result
}

async fn run_holding(
    args: &ApplyArgs,
    target: &crate::app::Target,
    lock: &ApplyLock,
) -> Result<u8, crate::Error> {
    let dev = crate::app::dev_server(args.source.dev_url.as_deref())?;
    let schemas = args.source.db.selection();
    let declared = args.source.declared();
    if !args.dry_run {
        for ix in drop_invalid_indexes(lock, &schemas, &args.lock_timeout).await? {
            eprintln!(
                "note: dropped the INVALID index {ix} that an interrupted CREATE INDEX CONCURRENTLY left behind; the plan builds it again"
            );
        }
    }
    let (computed, cmp, kept) = plan::plan_keeping(
        &declared,
        &target.url,
        dev.as_ref(),
        &schemas,
        &args.source.options(),
    )
    .await?;
    // The check afterwards compares the same declared files: it reuses this normalization.
    let mut normalized = Some(kept.normalized);
    let result = run_planned(args, target, lock, computed, cmp, &mut normalized).await;
    if let Some(n) = normalized {
        n.drop_now().await;
    }
    result
}

/// [`run_holding`] once the plan is computed; `normalized` is the plan's normalization of the
/// declared side, for the check afterwards (taken and put back by it).
async fn run_planned(
    args: &ApplyArgs,
    target: &crate::app::Target,
    lock: &ApplyLock,
    computed: plan::Plan,
    cmp: crate::app::Comparison,
    normalized: &mut Option<crate::app::Normalized>,
) -> Result<u8, crate::Error> {
    let dev = crate::app::dev_server(args.source.dev_url.as_deref())?;
    let schemas = args.source.db.selection();
    let declared = args.source.declared();
    let missing = plan::missing_roles(&declared, &cmp.left.schema, &target.url).await?;
    if !missing.is_empty() {
        return Err(plan::missing_roles_error(&missing));
    }
    let plan = match &args.plan {
        None => computed,
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| crate::Error::Io {
                path: path.clone(),
                source: e,
            })?;
            let loaded = plan::parse_json(&text, path)?;
            if loaded.live_fingerprint != computed.live_fingerprint {
                return Err(ApplyError::StalePlan { path: path.clone() }.into());
            }
            loaded
        }
    };
    for w in &plan.warnings {
        eprintln!("warning: {w}");
    }
    if plan.steps.is_empty() {
        println!("{}", plan.nothing_to_do());
        return Ok(0);
    }
    print!("{}", plan::render_human(&plan, crate::color::stdout()));
    if !args.allow_destructive && !plan.destructive_steps().is_empty() {
        return Err(ApplyError::Destructive {
            steps: destructive_descriptions(&plan),
        }
        .into());
    }
    if !args.yes && !args.dry_run {
        if !std::io::stdin().is_terminal() {
            return Err(ApplyError::NoTerminal.into());
        }
        print!(
            "Apply these {} statements to {}? [y/N] ",
            plan.steps.len(),
            target.url.redacted()
        );
        let _ = std::io::stdout().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            return Err(ApplyError::NotConfirmed.into());
        }
    }
    let opts = ApplyOptions {
        allow_destructive: args.allow_destructive,
        lock_wait: args.lock_wait,
        lock_timeout: args.lock_timeout.clone(),
        statement_timeout: args.statement_timeout.clone(),
        dry_run: args.dry_run,
    };
    let report = apply_locked(lock, &plan, &opts).await?;
    if args.dry_run {
        println!(
            "dry run: all {} transactional statements ran and were rolled back; nothing was changed",
            report.transactional_run
        );
        let skipped = plan.non_transactional_steps().count();
        if skipped > 0 {
            println!("({skipped} statements that run outside the transaction were not tried)");
        }
        return Ok(0);
    }
    let hazards_run = plan
        .steps
        .iter()
        .filter(|s| s.hazards.contains(&Hazard::DataLoss))
        .count();
    println!(
        "applied {} statements ({} destructive){}",
        report.transactional_run + report.non_transactional_run,
        hazards_run,
        if report.resumed > 0 {
            format!(
                ", {} concurrent index builds were already done",
                report.resumed
            )
        } else {
            String::new()
        }
    );
    // The declared side is the one the plan was made from: its normalization is reused.
    let (after, again) = crate::app::compare_keeping(
        normalized.take(),
        &declared,
        &crate::app::Source::Db(target.url.clone()),
        dev.as_ref(),
        &schemas,
        &crate::app::CompareOptions {
            cache_dir: args.source.options().cache_dir,
            no_privileges: args.source.db.no_privileges,
            owners: args.source.db.owners,
            ignore_roles: Vec::new(),
        },
    )
    .await?;
    *normalized = Some(again);
    let (left, _) = crate::diff::apply_ignores(after.changes, &after.left.schema.ignore);
    // Objects the model does not cover were never part of the plan (it warned about them): they
    // cannot make an apply "not converged", but they must not pass unmentioned either.
    let (unsupported, left): (Vec<_>, Vec<_>) = left
        .into_iter()
        .partition(|c| c.category == crate::diff::Category::Unsupported);
    if !unsupported.is_empty() {
        eprintln!(
            "warning: {} object(s) that pgdrift does not model were not compared (see the warnings above)",
            unsupported.len()
        );
    }
    if left.is_empty() {
        println!("converged");
        Ok(0)
    } else {
        println!("not converged: {} differences remain:", left.len());
        for c in &left {
            println!("  {}: {}", c.object.describe(), c.summary);
        }
        Ok(1)
    }
}
