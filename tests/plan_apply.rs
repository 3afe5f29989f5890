//! `plan` and `apply` against a real PostgreSQL.
//!
//! The convergence corpus: each folder under tests/corpus/converge holds old.sql and new.sql
//! (plus optional `renames`, `data.sql`, `verify.sql`). old is built in database A, new in B; B
//! is read into a declared project (with the renames declared), a plan is made and applied to A,
//! and then the declared project must show no drift against A, and pg_dump of A and B must be
//! the same after sorting their statements. `data.sql` runs on A before the plan and
//! `verify.sql` (one boolean) after it, to prove data survives.

mod common;

use std::path::{Path, PathBuf};

use pgdrift::app::{self, Source};
use pgdrift::apply::{apply_plan, ApplyError, ApplyOptions};
use pgdrift::conn::DbUrl;
use pgdrift::model::{QualifiedName, Schema};
use pgdrift::plan::{self, Hazard, Plan, PlanOptions};

fn url(s: &str) -> DbUrl {
    DbUrl::parse(s).expect("test URL parses")
}

/// The dump's statements, sorted, so statement order does not matter.
fn sorted_dump(dump: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in dump.lines() {
        cur.push_str(line);
        cur.push('\n');
        if line.trim_end().ends_with(';') {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.sort();
    out
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pgdrift-plan-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn apply_renames(schema: &mut Schema, text: &str) -> Result<(), String> {
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let q = |s: &str| QualifiedName::parse(s).map_err(|e| e.to_string());
        match parts.as_slice() {
            ["table", new, old] => {
                let t = schema.tables.get_mut(&q(new)?).ok_or(line)?;
                t.renamed_from = Some(old.to_string());
            }
            ["column", table, new, old] => {
                let t = schema.tables.get_mut(&q(table)?).ok_or(line)?;
                t.columns.get_mut(*new).ok_or(line)?.renamed_from = Some(old.to_string());
            }
            ["index", table, new, old] => {
                let t = schema.tables.get_mut(&q(table)?).ok_or(line)?;
                t.indexes.get_mut(*new).ok_or(line)?.renamed_from = Some(old.to_string());
            }
            ["check", table, new, old] => {
                let t = schema.tables.get_mut(&q(table)?).ok_or(line)?;
                t.checks.get_mut(*new).ok_or(line)?.renamed_from = Some(old.to_string());
            }
            _ => return Err(format!("bad renames line `{line}`")),
        }
    }
    Ok(())
}

fn declared(dir: &Path) -> Source {
    Source::Declared {
        schema_file: dir.join("schema.yaml"),
        views_dir: dir.join("views"),
    }
}

/// Builds `old` in a new database and `new` in another, writes the declared project for `new`
/// into a temp folder. Returns (A, B, project dir).
async fn setup(
    name: &str,
    old: &str,
    new: &str,
    renames: Option<&str>,
) -> Result<(common::TestDb, common::TestDb, PathBuf), String> {
    setup_in(name, old, new, renames, &[]).await
}

async fn setup_in(
    name: &str,
    old: &str,
    new: &str,
    renames: Option<&str>,
    schemas: &[String],
) -> Result<(common::TestDb, common::TestDb, PathBuf), String> {
    let a = common::test_db(&format!("{name}_a")).await;
    let b = common::test_db(&format!("{name}_b")).await;
    a.exec(old).await;
    b.exec(new).await;
    let dir = scratch_dir(name);
    let mut resolved = app::read_db(&url(&b.url), schemas)
        .await
        .map_err(|e| format!("{name}: reading B: {e}"))?;
    if let Some(r) = renames {
        apply_renames(&mut resolved.schema, r).map_err(|e| format!("{name}: {e}"))?;
    }
    pgdrift::write::write_project(&resolved.schema, &dir).map_err(|e| e.to_string())?;
    Ok((a, b, dir))
}

async fn make_plan(dir: &Path, db: &str, opts: &PlanOptions) -> Result<Plan, String> {
    make_plan_in(dir, db, opts, &[]).await
}

async fn make_plan_in(
    dir: &Path,
    db: &str,
    opts: &PlanOptions,
    schemas: &[String],
) -> Result<Plan, String> {
    plan::plan_for(&declared(dir), &url(db), None, schemas, opts)
        .await
        .map(|(p, _)| p)
        .map_err(|e| e.to_string())
}

async fn drift(dir: &Path, db: &str) -> Result<Vec<String>, String> {
    drift_in(dir, db, &[]).await
}

async fn drift_in(dir: &Path, db: &str, schemas: &[String]) -> Result<Vec<String>, String> {
    let cmp = app::compare(&declared(dir), &Source::Db(url(db)), None, schemas)
        .await
        .map_err(|e| e.to_string())?;
    Ok(cmp
        .changes
        .iter()
        .map(|c| format!("{} {}: {}", c.category, c.object, c.summary))
        .collect())
}

async fn query_bool(db: &common::TestDb, sql: &str) -> Result<bool, String> {
    let client = db.client().await;
    let row = client
        .query_one(sql, &[])
        .await
        .map_err(|e| common::pg_error_text(&e))?;
    Ok(row.get(0))
}

async fn run_case(case: &Path, online: bool) -> Result<(), String> {
    let name = case.file_name().and_then(|n| n.to_str()).unwrap_or("case");
    let read = |f: &str| std::fs::read_to_string(case.join(f)).ok();
    let old = read("old.sql").ok_or(format!("{name}: no old.sql"))?;
    let new = read("new.sql").ok_or(format!("{name}: no new.sql"))?;
    let tag = format!("{name}{}", if online { "_on" } else { "" });
    let schemas: Vec<String> = read("schemas")
        .map(|s| s.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    let (a, b, dir) = setup_in(&tag, &old, &new, read("renames").as_deref(), &schemas).await?;
    if let Some(data) = read("data.sql") {
        a.exec(&data).await;
    }
    let opts = PlanOptions {
        online,
        ..Default::default()
    };
    let plan = make_plan_in(&dir, &a.url, &opts, &schemas).await?;
    let text = plan::render_sql(&plan);
    if std::env::var("PLAN_SHOW").is_ok() {
        eprintln!("=== {tag}\n{text}");
    }
    let apply_opts = ApplyOptions {
        allow_destructive: true,
        ..Default::default()
    };
    apply_plan(&url(&a.url), &plan, &apply_opts)
        .await
        .map_err(|e| format!("{name}: apply failed: {e}\n--- plan ---\n{text}"))?;
    let left = drift_in(&dir, &a.url, &schemas).await?;
    if !left.is_empty() {
        return Err(format!(
            "{name}: not converged:\n  {}\n--- plan ---\n{text}",
            left.join("\n  ")
        ));
    }
    let (da, db) = (
        sorted_dump(&common::dump_schema(&a.url)),
        sorted_dump(&common::dump_schema(&b.url)),
    );
    if da != db {
        let only_a: Vec<&String> = da.iter().filter(|s| !db.contains(s)).collect();
        let only_b: Vec<&String> = db.iter().filter(|s| !da.contains(s)).collect();
        return Err(format!(
            "{name}: dumps differ\n--- only in A (migrated) ---\n{}\n--- only in B (target) ---\n{}\n--- plan ---\n{text}",
            only_a.iter().map(|s| s.as_str()).collect::<String>(),
            only_b.iter().map(|s| s.as_str()).collect::<String>()
        ));
    }
    if let Some(v) = read("verify.sql") {
        if !query_bool(&a, &v).await? {
            return Err(format!("{name}: data check failed: {v}"));
        }
    }
    // A converged database plans nothing.
    let again = make_plan_in(&dir, &a.url, &opts, &schemas).await?;
    if !again.steps.is_empty() {
        return Err(format!(
            "{name}: a second plan is not empty:\n{}",
            plan::render_sql(&again)
        ));
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

async fn run_corpus(online: bool) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/converge");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("corpus folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 40, "the corpus shrank: {} cases", dirs.len());
    let filter = std::env::var("CORPUS_FILTER").ok();
    let mut failures = Vec::new();
    for d in &dirs {
        if let Some(f) = &filter {
            if !d.to_string_lossy().contains(f.as_str()) {
                continue;
            }
        }
        if let Err(e) = run_case(d, online).await {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n\n")
    );
}

#[tokio::test]
async fn convergence_corpus() {
    run_corpus(false).await;
}

#[tokio::test]
async fn convergence_corpus_online() {
    run_corpus(true).await;
}

// ---------------------------------------------------------------------------------------------
// Failure handling

async fn table_rows(db: &common::TestDb, sql: &str) -> Vec<String> {
    let client = db.client().await;
    client
        .query(sql, &[])
        .await
        .expect("query")
        .iter()
        .map(|r| r.get::<_, String>(0))
        .collect()
}

#[tokio::test]
async fn failing_third_statement_rolls_everything_back() {
    let old = "create table t (a int, b int, c int);\ninsert into t values (1, null, 3);";
    let new = "create table t (a bigint default 7, b int not null, c int);";
    let (a, _b, dir) = setup("fail_third", old, new, None).await.unwrap();
    let plan = make_plan(&dir, &a.url, &PlanOptions::default())
        .await
        .unwrap();
    let pos = plan
        .steps
        .iter()
        .position(|s| s.sql.contains("SET NOT NULL"))
        .expect("a SET NOT NULL step");
    assert!(
        pos >= 2,
        "SET NOT NULL should come after the type and default: {plan:#?}"
    );
    let dump_before = common::dump_schema(&a.url);
    let data_before = table_rows(&a, "select t::text from t").await;
    let err = apply_plan(&url(&a.url), &plan, &ApplyOptions::default())
        .await
        .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, ApplyError::StepFailed { .. }), "{msg}");
    assert!(
        msg.contains("SET NOT NULL") && msg.contains("null"),
        "{msg}"
    );
    assert!(msg.contains("rolled back"), "{msg}");
    assert_eq!(common::dump_schema(&a.url), dump_before);
    assert_eq!(table_rows(&a, "select t::text from t").await, data_before);
}

#[tokio::test]
async fn lock_held_elsewhere_fails_on_lock_timeout() {
    let old = "create table t (a int);";
    let new = "create table t (a int, b int);";
    let (a, _b, dir) = setup("lock_timeout", old, new, None).await.unwrap();
    let plan = make_plan(&dir, &a.url, &PlanOptions::default())
        .await
        .unwrap();
    let before = common::dump_schema(&a.url);
    let holder = a.client().await;
    holder
        .batch_execute("BEGIN; LOCK TABLE t IN ACCESS SHARE MODE")
        .await
        .unwrap();
    let opts = ApplyOptions {
        lock_timeout: "300ms".into(),
        ..Default::default()
    };
    let started = std::time::Instant::now();
    let err = apply_plan(&url(&a.url), &plan, &opts).await.unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("lock timeout"), "{msg}");
    assert!(msg.contains("ADD COLUMN"), "names the statement: {msg}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    holder.batch_execute("ROLLBACK").await.unwrap();
    assert_eq!(common::dump_schema(&a.url), before);
}

#[tokio::test]
async fn concurrent_applies_never_interleave() {
    let old = "create table t (a int);";
    let new = "create table t (a int, b int);";
    let (a, _b, dir) = setup("concurrent", old, new, None).await.unwrap();
    let plan = make_plan(&dir, &a.url, &PlanOptions::default())
        .await
        .unwrap();
    // Another apply holds the lock: without --lock-wait we fail at once.
    let holder = a.client().await;
    holder
        .query_one(
            "SELECT pg_advisory_lock($1)",
            &[&pgdrift::apply::lock_key()],
        )
        .await
        .unwrap();
    let err = apply_plan(&url(&a.url), &plan, &ApplyOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(err, ApplyError::Locked), "{err}");
    assert!(err.to_string().contains("--lock-wait"));
    // With --lock-wait we wait until the other one finishes.
    let waiter = {
        let plan = plan.clone();
        let u = a.url.clone();
        tokio::spawn(async move {
            let opts = ApplyOptions {
                lock_wait: true,
                ..Default::default()
            };
            apply_plan(&url(&u), &plan, &opts).await
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(
        !waiter.is_finished(),
        "the second apply must wait for the lock"
    );
    let cols = table_rows(&a, "select string_agg(attname::text, ',' order by attnum) from pg_attribute where attrelid = 't'::regclass and attnum > 0").await;
    assert_eq!(cols, vec!["a".to_string()]);
    holder
        .query_one(
            "SELECT pg_advisory_unlock($1)",
            &[&pgdrift::apply::lock_key()],
        )
        .await
        .unwrap();
    waiter.await.unwrap().unwrap();
    assert!(drift(&dir, &a.url).await.unwrap().is_empty());
    // Two applies of the same plan at once: exactly one succeeds, the other fails cleanly.
    let (a2, _b2, dir2) = setup("concurrent2", old, new, None).await.unwrap();
    let plan2 = make_plan(&dir2, &a2.url, &PlanOptions::default())
        .await
        .unwrap();
    let opts = ApplyOptions {
        lock_wait: true,
        ..Default::default()
    };
    let u2 = url(&a2.url);
    let (r1, r2) = tokio::join!(
        apply_plan(&u2, &plan2, &opts),
        apply_plan(&u2, &plan2, &opts)
    );
    let ok = [r1.is_ok(), r2.is_ok()].iter().filter(|x| **x).count();
    assert_eq!(ok, 1, "{r1:?} {r2:?}");
    assert!(drift(&dir2, &a2.url).await.unwrap().is_empty());
}

#[tokio::test]
async fn destructive_plan_needs_permission() {
    let old = "create table t (a int, gone text);\ncreate table old_t (x int);";
    let new = "create table t (a int);";
    let (a, _b, dir) = setup("destructive", old, new, None).await.unwrap();
    let plan = make_plan(&dir, &a.url, &PlanOptions::default())
        .await
        .unwrap();
    assert_eq!(plan.destructive_steps().len(), 2, "{plan:#?}");
    let before = common::dump_schema(&a.url);
    let err = apply_plan(&url(&a.url), &plan, &ApplyOptions::default())
        .await
        .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("--allow-destructive"), "{msg}");
    assert!(
        msg.contains("DROP COLUMN") && msg.contains("DROP TABLE"),
        "{msg}"
    );
    assert_eq!(common::dump_schema(&a.url), before);
}

#[tokio::test]
async fn dry_run_changes_nothing() {
    let old = "create table t (a int);";
    let new = "create table t (a bigint not null default 1, b text);\ncreate index t_b on t (b);";
    let (a, _b, dir) = setup("dry_run", old, new, None).await.unwrap();
    let plan = make_plan(&dir, &a.url, &PlanOptions::default())
        .await
        .unwrap();
    let before = common::dump_schema(&a.url);
    let opts = ApplyOptions {
        dry_run: true,
        ..Default::default()
    };
    let report = apply_plan(&url(&a.url), &plan, &opts).await.unwrap();
    assert!(report.rolled_back);
    assert_eq!(report.transactional_run, plan.steps.len());
    assert_eq!(common::dump_schema(&a.url), before);
}

#[tokio::test]
async fn hazards_are_classified() {
    let old =
        "create table t (a int, b varchar(100), c varchar(10), d timestamp, e bigint, f int);";
    let new = "create table t (a bigint, b varchar(10), c varchar(50), d timestamptz, e int, f int not null);\ncreate index t_a on t (a);";
    let (a, _b, dir) = setup("hazards", old, new, None).await.unwrap();
    let plan = make_plan(&dir, &a.url, &PlanOptions::default())
        .await
        .unwrap();
    let hz = |needle: &str| -> Vec<Hazard> {
        plan.steps
            .iter()
            .find(|s| s.sql.contains(needle))
            .unwrap_or_else(|| panic!("no step with {needle}: {plan:#?}"))
            .hazards
            .clone()
    };
    assert_eq!(hz("\"a\" TYPE bigint"), vec![Hazard::Rewrite]);
    assert_eq!(
        hz("\"b\" TYPE character varying(10)"),
        vec![Hazard::DataLoss, Hazard::Rewrite]
    );
    assert_eq!(hz("\"c\" TYPE character varying(50)"), Vec::<Hazard>::new());
    assert_eq!(
        hz("\"d\" TYPE timestamp with time zone"),
        vec![Hazard::Rewrite]
    );
    assert!(
        hz("\"d\" TYPE").is_empty()
            || plan
                .steps
                .iter()
                .any(|s| s.sql.contains("AT TIME ZONE 'UTC'"))
    );
    assert_eq!(
        hz("\"e\" TYPE integer"),
        vec![Hazard::DataLoss, Hazard::Rewrite]
    );
    assert_eq!(hz("SET NOT NULL"), vec![Hazard::LongLock]);
    assert_eq!(hz("CREATE INDEX"), vec![Hazard::LongLock]);
    let online = make_plan(
        &dir,
        &a.url,
        &PlanOptions {
            online: true,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let ix = online
        .steps
        .iter()
        .find(|s| s.sql.contains("CREATE INDEX CONCURRENTLY"))
        .expect("concurrent index");
    assert!(!ix.transactional);
    assert_eq!(ix.hazards, vec![Hazard::NotTransactional]);
    // The tz option reaches the USING clause.
    let berlin = make_plan(
        &dir,
        &a.url,
        &PlanOptions {
            tz: "Europe/Berlin".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(berlin
        .steps
        .iter()
        .any(|s| s.sql.contains("AT TIME ZONE 'Europe/Berlin'")));
}

#[tokio::test]
async fn online_plan_uses_not_valid_and_resumes_invalid_index() {
    let old = "create table p (id int primary key);\ncreate table t (a int, p_id int);\ninsert into p values (1);\ninsert into t values (1, 1), (1, 1);";
    let new = "create table p (id int primary key);\ncreate table t (a int constraint t_a_chk check (a > 0), p_id int constraint t_p_fk references p(id));\ncreate index t_a_idx on t (a);";
    let (a, _b, dir) = setup("online", old, new, None).await.unwrap();
    let plan = make_plan(
        &dir,
        &a.url,
        &PlanOptions {
            online: true,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let sqls: Vec<&str> = plan.steps.iter().map(|s| s.sql.as_str()).collect();
    assert!(
        sqls.iter()
            .any(|s| s.contains("t_p_fk") && s.ends_with("NOT VALID")),
        "{sqls:#?}"
    );
    assert!(
        sqls.iter()
            .any(|s| s.contains("VALIDATE CONSTRAINT \"t_p_fk\"")),
        "{sqls:#?}"
    );
    assert!(
        sqls.iter()
            .any(|s| s.contains("t_a_chk") && s.ends_with("NOT VALID")),
        "{sqls:#?}"
    );
    // Leave an INVALID index of the same name behind, as an interrupted concurrent build does.
    let client = a.client().await;
    let _ = client
        .batch_execute("create unique index concurrently t_a_idx on t (a)")
        .await;
    let invalid: bool = client
        .query_one(
            "select not indisvalid from pg_index where indexrelid = 't_a_idx'::regclass",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert!(invalid);
    let text = plan::render_sql(&plan);
    apply_plan(&url(&a.url), &plan, &ApplyOptions::default())
        .await
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(drift(&dir, &a.url).await.unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------------
// The command line

#[tokio::test]
async fn cli_plan_sql_runs_in_psql_and_apply_exit_codes() {
    let old = "create table t (a int);\ncreate view v as select a from t;";
    let new = "create table t (a bigint, b text default 'x');\ncreate view v as select a from t;\ncreate index t_b on t (b);";
    let (a, _b, dir) = setup("cli", old, new, None).await.unwrap();
    let out = common::run_pgdrift(
        &["plan", "--db", &a.url, "--format", "sql"],
        Some(&dir),
        &[],
    );
    out.assert_code(0);
    assert!(
        out.stdout.contains("BEGIN;") && out.stdout.contains("COMMIT;"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("-- Summary"));
    let sql_file = dir.join("plan.sql");
    std::fs::write(&sql_file, &out.stdout).unwrap();
    // psql runs it as is; afterwards check finds no drift.
    let psql = std::process::Command::new("psql")
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", &a.url, "-f"])
        .arg(&sql_file)
        .output()
        .expect("psql");
    assert!(
        psql.status.success(),
        "{}",
        String::from_utf8_lossy(&psql.stderr)
    );
    assert!(drift(&dir, &a.url).await.unwrap().is_empty());

    // JSON, then apply --plan with it; a stale plan is refused.
    let (a2, _b2, dir2) = setup("cli2", old, new, None).await.unwrap();
    let out = common::run_pgdrift(
        &[
            "plan",
            "--db",
            &a2.url,
            "--format",
            "json",
            "--out",
            "plan.json",
        ],
        Some(&dir2),
        &[],
    );
    out.assert_code(0);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir2.join("plan.json")).unwrap()).unwrap();
    assert_eq!(json["format"], "pgdrift.plan");
    assert_eq!(json["version"], 1);
    // No terminal and no --yes: refuses to prompt, changes nothing.
    let out = common::run_pgdrift(&["apply", "--db", &a2.url], Some(&dir2), &[]);
    out.assert_code(2);
    assert!(out.stderr.contains("--yes"), "{}", out.stderr);
    let out = common::run_pgdrift(&["apply", "--db", &a2.url, "--dry-run"], Some(&dir2), &[]);
    out.assert_code(0);
    assert!(out.stdout.contains("dry run"), "{}", out.stdout);
    a2.exec("create table unrelated (x int)").await;
    let out = common::run_pgdrift(
        &["apply", "--db", &a2.url, "--yes", "--plan", "plan.json"],
        Some(&dir2),
        &[],
    );
    out.assert_code(2);
    assert!(out.stderr.contains("changed since"), "{}", out.stderr);
    // The extra table makes the plan destructive: refused without --allow-destructive.
    let out = common::run_pgdrift(&["apply", "--db", &a2.url, "--yes"], Some(&dir2), &[]);
    out.assert_code(2);
    assert!(out.stderr.contains("--allow-destructive"), "{}", out.stderr);
    let out = common::run_pgdrift(
        &["apply", "--db", &a2.url, "--yes", "--allow-destructive"],
        Some(&dir2),
        &[],
    );
    out.assert_code(0);
    assert!(out.stdout.contains("converged"), "{}", out.stdout);
    let out = common::run_pgdrift(&["apply", "--db", &a2.url, "--yes"], Some(&dir2), &[]);
    out.assert_code(0);
    assert!(out.stdout.contains("Nothing to do"), "{}", out.stdout);
}
