//! The fault-injection harness of tests/faults.rs: the fixture (old database with rows, the
//! declared project, the plan, the dumps of both states), a paused apply, and the checks every
//! fault ends with.
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use pgdrift::conn::DbUrl;

use crate::common;

pub(crate) fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/faults/multi_step")
}

pub(crate) fn read(name: &str) -> String {
    std::fs::read_to_string(corpus().join(name)).unwrap_or_default()
}

/// The dump's statements, sorted, so statement order does not matter.
pub(crate) fn sorted_dump(dump: &str) -> Vec<String> {
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

pub(crate) async fn connect(url: &str) -> Result<tokio_postgres::Client, String> {
    let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(client)
}

/// One step of the plan as `plan --format json` prints it.
#[derive(Debug, Clone)]
pub(crate) struct StepInfo {
    pub(crate) sql: String,
    pub(crate) transactional: bool,
    pub(crate) before_transaction: bool,
}

/// Where the database may be after a fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum State {
    /// Exactly as before.
    Old,
    /// Exactly migrated.
    New,
    /// As before plus the enum labels added before the transaction (`ALTER TYPE .. ADD VALUE`
    /// cannot run in the transaction that uses the label, and cannot be undone).
    OldPlusLabels,
    /// Migrated except the concurrent index builds not finished yet (they run after COMMIT;
    /// the next apply builds them).
    NewWithoutIndexes(usize),
}

impl std::fmt::Display for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            State::Old => write!(f, "old"),
            State::New => write!(f, "new"),
            State::OldPlusLabels => write!(f, "old+label"),
            State::NewWithoutIndexes(n) => write!(f, "new-{n}ix"),
        }
    }
}

/// Everything a family of cases shares: the old database (a template with rows), the declared
/// project, the plan's steps and the dumps of the old and the new state.
pub(crate) struct Fixture {
    pub(crate) online: bool,
    pub(crate) template: common::TestDb,
    pub(crate) dir: PathBuf,
    pub(crate) cache: PathBuf,
    pub(crate) steps: Vec<StepInfo>,
    pub(crate) old: Vec<String>,
    pub(crate) new: Vec<String>,
    pub(crate) rows: Vec<String>,
}

pub(crate) fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pgdrift-faults-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

impl Fixture {
    pub(crate) async fn new(tag: &str, online: bool) -> Fixture {
        let template = common::test_db(&format!("faults_{tag}_tmpl")).await;
        template.exec(&read("old.sql")).await;
        template.exec(&read("data.sql")).await;
        let b = common::test_db(&format!("faults_{tag}_new")).await;
        b.exec(&read("new.sql")).await;
        let dir = scratch_dir(tag);
        let url = DbUrl::parse(&b.url).expect("url");
        let resolved = pgdrift::app::read_db(&url, &[]).await.expect("read B");
        pgdrift::write::write_project(&resolved.schema, &dir).expect("write project");
        b.drop_now().await;
        let cache = dir.join(".cache");
        let mut fx = Fixture {
            online,
            old: sorted_dump(&common::dump_schema(&template.url)),
            rows: rows(&template.url).await,
            template,
            dir,
            cache,
            steps: Vec::new(),
            new: Vec::new(),
        };
        // The reference: the same plan applied without a fault.
        let reference = fx.case_db("ref").await;
        let out = fx.run(&["plan", "--db", &reference.url, "--format", "json"]);
        out.assert_code(0);
        let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("plan json");
        fx.steps = json["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .map(|s| StepInfo {
                sql: s["sql"].as_str().unwrap_or_default().to_string(),
                transactional: s["transactional"].as_bool().unwrap_or(false),
                before_transaction: s["before_transaction"].as_bool().unwrap_or(false),
            })
            .collect();
        fx.run(&["apply", "--db", &reference.url, "--yes"])
            .assert_code(0);
        fx.new = sorted_dump(&common::dump_schema(&reference.url));
        assert_ne!(fx.old, fx.new);
        reference.drop_now().await;
        fx
    }

    pub(crate) fn args<'a>(&self, args: &[&'a str]) -> Vec<&'a str> {
        let mut v = args.to_vec();
        if self.online && matches!(args.first(), Some(&"plan") | Some(&"apply")) {
            v.push("--online");
        }
        v
    }

    pub(crate) fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(common::pgdrift_bin());
        cmd.args(self.args(args))
            .current_dir(&self.dir)
            .env("PGDRIFT_CACHE_DIR", &self.cache)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    pub(crate) fn run(&self, args: &[&str]) -> common::Output {
        let out = self.command(args).output().expect("run pgdrift");
        common::Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// A fresh copy of the old database, rows included.
    pub(crate) async fn case_db(&self, hint: &str) -> common::TestDb {
        let db = common::test_db(hint).await;
        db.drop_now().await;
        let admin = connect(&db.server_url()).await.expect("admin");
        // WAL_LOG (the default): FILE_COPY checkpoints, which costs more than copying a small
        // database block by block.
        let sql = format!(
            "CREATE DATABASE \"{}\" TEMPLATE \"{}\"",
            db.name, self.template.name
        );
        // The template's last connection may still be closing.
        for attempt in 0.. {
            match admin.batch_execute(&sql).await {
                Ok(()) => break,
                Err(e) if attempt < 50 => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("{sql}: {}", common::pg_error_text(&e)),
            }
        }
        db
    }

    /// The pause points of the plan in the order apply reaches them: before each step that runs
    /// before the transaction, each transactional step, COMMIT, then each step after COMMIT.
    pub(crate) fn points(&self) -> Vec<String> {
        let phase = |s: &StepInfo| {
            if s.before_transaction {
                0
            } else if s.transactional {
                1
            } else {
                3
            }
        };
        let mut order: Vec<(u8, String)> = self
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| (phase(s), format!("step:{}", i + 1)))
            .collect();
        order.push((2, "commit".to_string()));
        order.sort_by_key(|(p, _)| *p);
        order.into_iter().map(|(_, p)| p).collect()
    }

    /// The state `dump` is in, if it is an allowed one.
    pub(crate) fn classify(&self, dump: &[String]) -> Result<State, String> {
        if dump == self.old.as_slice() {
            return Ok(State::Old);
        }
        if dump == self.new.as_slice() {
            return Ok(State::New);
        }
        let missing: Vec<&String> = self.new.iter().filter(|l| !dump.contains(l)).collect();
        let extra: Vec<&String> = dump.iter().filter(|l| !self.new.contains(l)).collect();
        if extra.is_empty() && missing.iter().all(|l| l.starts_with("CREATE INDEX")) {
            return Ok(State::NewWithoutIndexes(missing.len()));
        }
        let missing_old: Vec<&String> = self.old.iter().filter(|l| !dump.contains(l)).collect();
        let extra_old: Vec<&String> = dump.iter().filter(|l| !self.old.contains(l)).collect();
        if missing_old.len() == 1
            && extra_old.len() == 1
            && missing_old[0].starts_with("CREATE TYPE")
            && extra_old[0].starts_with("CREATE TYPE")
        {
            return Ok(State::OldPlusLabels);
        }
        Err(format!(
            "neither old nor new:\n--- missing from new ---\n{}\n--- not in new ---\n{}",
            missing.iter().map(|s| s.as_str()).collect::<String>(),
            extra.iter().map(|s| s.as_str()).collect::<String>()
        ))
    }
}

pub(crate) async fn rows(url: &str) -> Vec<String> {
    let client = connect(url).await.expect("connect");
    client
        .query(&read("rows.sql"), &[])
        .await
        .expect("rows.sql")
        .iter()
        .map(|r| r.get::<_, Option<String>>(0).unwrap_or_default())
        .collect()
}

/// What a case found, for the matrix.
#[derive(Debug)]
pub(crate) struct Outcome {
    pub(crate) point: String,
    pub(crate) state: State,
    /// The next apply rebuilt an INVALID index left by the fault.
    pub(crate) rebuilt_invalid: bool,
}

/// A running pgdrift stopped at a fault point.
pub(crate) struct Paused {
    pub(crate) child: Child,
    pub(crate) file: PathBuf,
    pub(crate) backend: i32,
    pub(crate) os_pid: u32,
}

impl Paused {
    /// Starts `apply` and waits until it reaches `point`.
    pub(crate) async fn start(
        fx: &Fixture,
        url: &str,
        point: &str,
        extra: &[&str],
    ) -> Result<Paused, String> {
        let file = fx.dir.join(format!(
            "pause-{}-{}",
            point.replace(':', "_"),
            url.rsplit('/').next().unwrap_or("db")
        ));
        let _ = std::fs::remove_file(&file);
        let mut args = vec!["apply", "--db", url, "--yes"];
        args.extend_from_slice(extra);
        let mut cmd = fx.command(&args);
        cmd.env("PGDRIFT_FAULT_PAUSE_AT", point)
            .env("PGDRIFT_FAULT_FILE", &file);
        let mut child = cmd.spawn().map_err(|e| e.to_string())?;
        let started = Instant::now();
        loop {
            if let Ok(text) = std::fs::read_to_string(&file) {
                let mut parts = text.split_whitespace();
                let backend = parts.next().and_then(|p| p.parse().ok());
                let os_pid = parts.next().and_then(|p| p.parse().ok());
                if let (Some(backend), Some(os_pid)) = (backend, os_pid) {
                    return Ok(Paused {
                        child,
                        file,
                        backend,
                        os_pid,
                    });
                }
            }
            if let Ok(Some(_)) = child.try_wait() {
                let out = finish(child).await;
                return Err(format!(
                    "apply ended before reaching {point}: {}\n{}",
                    out.stdout, out.stderr
                ));
            }
            if started.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                return Err(format!("apply did not reach {point} in 60 s"));
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Lets it go on and waits for it to end.
    pub(crate) async fn release(self) -> common::Output {
        let _ = std::fs::remove_file(&self.file);
        finish(self.child).await
    }
}

pub(crate) async fn finish(child: Child) -> common::Output {
    let out = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .expect("join")
        .expect("wait");
    common::Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Waits until backend `pid` is gone (its transaction rolled back).
pub(crate) async fn backend_gone(admin: &tokio_postgres::Client, pid: i32) -> Result<(), String> {
    for _ in 0..1000 {
        let n: i64 = admin
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = $1",
                &[&pid],
            )
            .await
            .map_err(|e| common::pg_error_text(&e))?
            .get(0);
        if n == 0 {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    Err(format!("backend {pid} still there after 10 s"))
}

/// Where a case's database lives.
pub(crate) struct Target {
    pub(crate) url: String,
    pub(crate) server_url: String,
}

impl From<&common::TestDb> for Target {
    fn from(db: &common::TestDb) -> Target {
        Target {
            url: db.url.clone(),
            server_url: db.server_url(),
        }
    }
}

/// The checks every fault ends with. `os_pid` is the broken run's (its scratch databases are
/// named after it); `rows` what the tables held before; `repair` SQL that removes the bad data a
/// case planted, run before the next apply. Returns the state the fault left and whether the next
/// apply rebuilt an INVALID index.
pub(crate) async fn after_fault(
    fx: &Fixture,
    db: &Target,
    os_pid: u32,
    rows_before: &[String],
    repair: Option<&str>,
) -> Result<(State, bool), String> {
    let dump = sorted_dump(&common::dump_schema(&db.url));
    let state = fx.classify(&dump)?;
    if rows(&db.url).await != rows_before {
        return Err("rows changed".into());
    }
    let admin = connect(&db.server_url).await?;
    let scratch: Vec<String> = admin
        .query(
            "SELECT datname::text FROM pg_database WHERE datname LIKE $1",
            &[&format!("pgdrift\\_scratch\\_%\\_{os_pid}\\_%")],
        )
        .await
        .map_err(|e| common::pg_error_text(&e))?
        .iter()
        .map(|r| r.get(0))
        .collect();
    if !scratch.is_empty() {
        return Err(format!("scratch databases left: {scratch:?}"));
    }
    let client = connect(&db.url).await?;
    let invalid: i64 = client
        .query_one("SELECT count(*) FROM pg_index WHERE NOT indisvalid", &[])
        .await
        .map_err(|e| common::pg_error_text(&e))?
        .get(0);
    if let Some(sql) = repair {
        client
            .batch_execute(sql)
            .await
            .map_err(|e| common::pg_error_text(&e))?;
    }
    drop(client);
    // The next apply finishes the job.
    let out = fx.run(&["apply", "--db", &db.url, "--yes"]);
    if out.code != 0 || !(out.stdout.contains("converged") || out.stdout.contains("Nothing to do"))
    {
        return Err(format!(
            "the next apply after the fault (state {state}, {invalid} invalid indexes) did not converge: exit {}\n{}\n{}",
            out.code, out.stdout, out.stderr
        ));
    }
    let rebuilt = out.stdout.contains("INVALID") || out.stderr.contains("INVALID");
    if invalid > 0 && !rebuilt {
        return Err(format!(
            "{invalid} INVALID index(es) were left and the next apply did not say it rebuilt them:\n{}\n{}",
            out.stdout, out.stderr
        ));
    }
    let out = fx.run(&["check", "--db", &db.url]);
    if out.code != 0 {
        return Err(format!(
            "check after the next apply: exit {}\n{}\n{}",
            out.code, out.stdout, out.stderr
        ));
    }
    if sorted_dump(&common::dump_schema(&db.url)) != fx.new {
        return Err("after the next apply the schema is not the new one".into());
    }
    if repair.is_none() && rows(&db.url).await != rows_before {
        return Err("rows changed after the next apply".into());
    }
    Ok((state, rebuilt))
}

/// Prints the matrix row of a family and fails with every broken case.
pub(crate) fn report(family: &str, results: Vec<Result<Outcome, String>>) {
    let mut line = format!("| {family} |");
    let mut failures = Vec::new();
    for r in &results {
        match r {
            Ok(o) => line.push_str(&format!(
                " {}: {}{} |",
                o.point,
                o.state,
                if o.rebuilt_invalid {
                    " (INVALID rebuilt)"
                } else {
                    ""
                }
            )),
            Err(e) => {
                line.push_str(" FAIL |");
                failures.push(e.clone());
            }
        }
    }
    eprintln!("{line}");
    assert!(
        failures.is_empty(),
        "{family}: {} of {} cases failed:\n{}",
        failures.len(),
        results.len(),
        failures.join("\n\n")
    );
}

/// The allowed states for a fault at `point` that makes the run fail: before COMMIT the
/// transaction rolls back (the enum label added before it stays); after COMMIT the concurrent
/// builds not yet done are missing.
/// `later`: the fault may strike at a later point than the one it was set up at (held locks:
/// the first step after the point that needs one fails).
pub(crate) fn expect_state(
    fx: &Fixture,
    point: &str,
    state: &State,
    later: bool,
) -> Result<(), String> {
    let points = fx.points();
    let at = points.iter().position(|p| p == point).unwrap_or(0);
    let ok = if later {
        points[at..]
            .iter()
            .any(|p| state_allowed_at(fx, &points, p, state))
    } else {
        state_allowed_at(fx, &points, point, state)
    };
    if ok {
        return Ok(());
    }
    let sql = point
        .strip_prefix("step:")
        .and_then(|n| n.parse::<usize>().ok())
        .and_then(|n| fx.steps.get(n - 1))
        .map(|s| s.sql.as_str())
        .unwrap_or("COMMIT");
    Err(format!(
        "a fault at {point} ({sql}) left the database {state}"
    ))
}

/// Whether a fault striking exactly at `point` may leave `state`.
pub(crate) fn state_allowed_at(
    fx: &Fixture,
    points: &[String],
    point: &str,
    state: &State,
) -> bool {
    let at = points.iter().position(|p| p == point).unwrap_or(0);
    let commit = points.iter().position(|p| p == "commit").unwrap_or(0);
    let commit_passed = at > commit;
    let label_added = points[..at].iter().any(|p| {
        p.strip_prefix("step:")
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| fx.steps.get(n - 1))
            .is_some_and(|s| s.before_transaction)
    });
    match state {
        State::Old => !label_added && !commit_passed,
        State::OldPlusLabels => label_added && !commit_passed,
        State::New | State::NewWithoutIndexes(_) => commit_passed,
    }
}
