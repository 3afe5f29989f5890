//! Shared integration-test harness (`mod common;` in every tests/*.rs file).
//!
//! * [`test_db`] gives each test its own fresh, empty database. With `DATABASE_URL` set, databases
//!   are created on that server; otherwise ONE throw-away cluster is started per test binary (on
//!   first use) and stopped/deleted when the binary exits (atexit hook, also on Ctrl-C/SIGTERM).
//!   `PGDRIFT_TEST_PG=<major>` makes that cluster run that major (see [`test_major`]).
//! * [`run_pgdrift`] runs the compiled binary.
//! * [`dump_schema`] returns a normalized `pg_dump --schema-only` of a database, through the
//!   library's pg_dump witness (`pgdrift::witness`).
//!
//! Tests in one binary run on parallel threads, each `#[tokio::test]` with its own runtime: never
//! share a `tokio_postgres::Client` between tests (its connection task dies with the runtime that
//! spawned it). Use `TestDb::client()` inside the test.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use pgdrift::conn::DbUrl;
use pgdrift::ephemeral::{self, Ephemeral};
use pgdrift::witness;

const TEMPLATE_DB: &str = "pgdrift_tmpl";

/// The server every test database of this binary lives on.
struct Server {
    /// URL of the maintenance database (`postgres`).
    maintenance_url: String,
    /// ` STRATEGY FILE_COPY` on PostgreSQL 15+ (5x faster than the default WAL_LOG for a small
    /// template), empty before.
    create_strategy: &'static str,
    /// The server's major version (which pg_dump [`dump_schema`] needs).
    major: u32,
}

static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();
static COUNTER: AtomicU64 = AtomicU64::new(0);

extern "C" fn cleanup_at_exit() {
    ephemeral::cleanup_all_sync();
}

/// Replaces the database name (path) of a `postgres://` URL, keeping the query string.
pub fn url_with_db(url: &str, db: &str) -> String {
    let (head, query) = match url.find('?') {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    let authority_start = head.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match head[authority_start..].find('/') {
        Some(i) => &head[..authority_start + i],
        None => head,
    };
    format!("{base}/{db}{query}")
}

async fn connect(url: &str) -> Result<tokio_postgres::Client, String> {
    let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .map_err(|e| format!("connecting to {url}: {}", pg_error_text(&e)))?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(client)
}

/// Creates the empty template database if missing; returns the CREATE DATABASE strategy clause
/// and the server's major version.
async fn ensure_template(maintenance_url: &str) -> Result<(&'static str, u32), String> {
    let client = connect(maintenance_url).await?;
    let version: String = client
        .query_one("SHOW server_version_num", &[])
        .await
        .map_err(|e| format!("SHOW server_version_num: {e}"))?
        .get(0);
    let version_num = version
        .parse::<u32>()
        .map_err(|e| format!("server_version_num {version}: {e}"))?;
    let strategy = if version_num >= 150000 {
        " STRATEGY FILE_COPY"
    } else {
        ""
    };
    let exists = client
        .query_opt(
            "SELECT 1 FROM pg_database WHERE datname = $1",
            &[&TEMPLATE_DB],
        )
        .await
        .map_err(|e| format!("checking for {TEMPLATE_DB}: {e}"))?
        .is_some();
    if !exists {
        if let Err(e) = client
            .batch_execute(&format!(
                "CREATE DATABASE {TEMPLATE_DB} TEMPLATE template0 ENCODING 'UTF8'"
            ))
            .await
        {
            // Another test binary may have created it concurrently.
            let dup = e.code() == Some(&tokio_postgres::error::SqlState::DUPLICATE_DATABASE);
            if !dup {
                return Err(format!("creating {TEMPLATE_DB}: {}", pg_error_text(&e)));
            }
        }
    }
    Ok((strategy, version_num / 10000))
}

fn init_server() -> Result<Server, String> {
    let (tx, rx) = std::sync::mpsc::channel::<Result<Server, String>>();
    // A dedicated thread with its own runtime: the cluster must outlive every test's runtime.
    // It stays alive to handle Ctrl-C/SIGTERM (stop the cluster, then exit).
    std::thread::Builder::new()
        .name("pgdrift-test-server".into())
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = tx.send(Err(format!("building a tokio runtime: {e}")));
                    return;
                }
            };
            rt.block_on(async move {
                let result = match std::env::var("DATABASE_URL") {
                    Ok(url) if !url.trim().is_empty() => {
                        let url = url.trim().to_string();
                        ensure_template(&url)
                            .await
                            .map(|(create_strategy, major)| Server {
                                maintenance_url: url,
                                create_strategy,
                                major,
                            })
                    }
                    _ => match start_cluster().await {
                        Ok(eph) => {
                            // SAFETY: registering a plain extern "C" fn.
                            unsafe {
                                libc::atexit(cleanup_at_exit);
                            }
                            let url = eph.url();
                            // Kept alive until process exit; cleanup_all_sync stops it.
                            Box::leak(Box::new(eph));
                            ensure_template(&url)
                                .await
                                .map(|(create_strategy, major)| Server {
                                    maintenance_url: url,
                                    create_strategy,
                                    major,
                                })
                        }
                        Err(e) => Err(format!("starting a throw-away PostgreSQL cluster: {e}")),
                    },
                };
                let ok = result.is_ok();
                let _ = tx.send(result);
                if ok {
                    wait_for_termination().await;
                    ephemeral::cleanup_all_sync();
                    std::process::exit(130);
                }
            });
        })
        .map_err(|e| format!("spawning the test server thread: {e}"))?;
    rx.recv()
        .map_err(|_| "the test server thread died during startup".to_string())?
}

/// `PGDRIFT_TEST_PG=<major>`: the tests run on that major (binaries found as pgdrift finds them,
/// or installed into pgdrift's cache on demand); unset, on this machine's default binaries.
pub fn test_major() -> Option<u32> {
    let v = std::env::var("PGDRIFT_TEST_PG").ok()?;
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    match v.parse() {
        Ok(m) => Some(m),
        Err(_) => panic!("PGDRIFT_TEST_PG={v}: expected a major version such as 17"),
    }
}

/// The server binaries of [`test_major`], resolved once (installing them when missing).
fn test_bins() -> Option<&'static PathBuf> {
    static BINS: OnceLock<Option<PathBuf>> = OnceLock::new();
    BINS.get_or_init(|| {
        let major = test_major()?;
        pgdrift::postgres::allow_install(true);
        match ephemeral::resolve_bins(Some(major)) {
            Ok((dir, _)) => Some(dir),
            Err(e) => panic!("PGDRIFT_TEST_PG={major}: {e}"),
        }
    })
    .as_ref()
}

async fn start_cluster() -> Result<Ephemeral, ephemeral::EphemeralError> {
    match test_major() {
        Some(major) => {
            let _ = tokio::task::spawn_blocking(test_bins).await;
            Ephemeral::start_major(Some(major)).await
        }
        None => Ephemeral::start().await,
    }
}

async fn wait_for_termination() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = match signal(SignalKind::terminate()) {
        Ok(s) => s,
        Err(_) => return std::future::pending().await,
    };
    let mut int = match signal(SignalKind::interrupt()) {
        Ok(s) => s,
        Err(_) => return std::future::pending().await,
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
}

fn server() -> &'static Server {
    match SERVER.get_or_init(init_server) {
        Ok(s) => s,
        Err(e) => panic!("test database server unavailable: {e}"),
    }
}

/// Formats a tokio-postgres error with the server's message, detail and hint.
pub fn pg_error_text(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut s = format!(
                "{}: {} (SQLSTATE {})",
                db.severity(),
                db.message(),
                db.code().code()
            );
            if let Some(d) = db.detail() {
                s.push_str(&format!("\nDETAIL: {d}"));
            }
            if let Some(h) = db.hint() {
                s.push_str(&format!("\nHINT: {h}"));
            }
            if let Some(p) = db.position() {
                s.push_str(&format!("\nPOSITION: {p:?}"));
            }
            s
        }
        None => e.to_string(),
    }
}

/// A fresh, empty database of its own for one test. Left in place on drop (the throw-away
/// cluster is deleted at exit anyway).
#[derive(Debug, Clone)]
pub struct TestDb {
    pub url: String,
    pub name: String,
    server_url: String,
}

impl TestDb {
    /// A new connection to this database (the connection task is spawned on the current runtime).
    pub async fn client(&self) -> tokio_postgres::Client {
        match connect(&self.url).await {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        }
    }

    /// Runs `sql` (may contain several statements); panics with the PostgreSQL error on failure.
    pub async fn exec(&self, sql: &str) {
        let client = self.client().await;
        if let Err(e) = client.batch_execute(sql).await {
            panic!(
                "SQL failed on {}: {}\n--- SQL ---\n{sql}",
                self.name,
                pg_error_text(&e)
            );
        }
    }

    /// Drops this database (closing any connection still open to it), for tests that make many
    /// databases. Errors are ignored: the throw-away cluster is deleted at exit anyway.
    pub async fn drop_now(&self) {
        if let Ok(client) = connect(&self.server_url).await {
            let _ = client
                .batch_execute(&format!(
                    "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                    self.name.replace('"', "\"\"")
                ))
                .await;
        }
    }

    /// URL of the maintenance database (`postgres`) on the same server.
    pub fn server_url(&self) -> String {
        self.server_url.clone()
    }

    /// URL of another database on the same server.
    pub fn url_for(&self, db: &str) -> String {
        url_with_db(&self.server_url, db)
    }
}

fn sanitize_hint(hint: &str) -> String {
    let mut s: String = hint
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    s.truncate(30);
    s
}

/// A fresh database holding the bundled example as it drifted in production
/// (tests/fixtures/example/production_drift.sql: 19 differences in 7 categories).
pub async fn production_drift_db(name_hint: &str) -> TestDb {
    let db = test_db(name_hint).await;
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/example/production_drift.sql");
    let sql =
        std::fs::read_to_string(&fixture).unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
    db.exec(&sql).await;
    db
}

/// Every visible subcommand of the binary, in `--help` order.
pub const SUBCOMMANDS: &[&str] = &[
    "inspect",
    "check",
    "snapshot",
    "diff",
    "plan",
    "apply",
    "squash",
    "lint",
    "erd",
    "postgres",
    "completions",
    "man",
];

/// Creates a fresh empty database (`t_<hint>_<pid>_<n>`, copied from an empty template) and
/// returns its URL. Each call gives a new database.
pub async fn test_db(name_hint: &str) -> TestDb {
    let srv = server();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = format!(
        "t_{}_{}_{}",
        sanitize_hint(name_hint),
        std::process::id(),
        n
    );
    let client = match connect(&srv.maintenance_url).await {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    let sql = format!(
        "CREATE DATABASE \"{name}\" TEMPLATE {TEMPLATE_DB}{}",
        srv.create_strategy
    );
    if let Err(e) = client.batch_execute(&sql).await {
        panic!("{sql}: {}", pg_error_text(&e));
    }
    TestDb {
        url: url_with_db(&srv.maintenance_url, &name),
        name,
        server_url: srv.maintenance_url.clone(),
    }
}

// ---------------------------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------------------------

/// Path of the compiled `pgdrift` binary.
pub fn pgdrift_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_pgdrift"))
}

/// Result of one `pgdrift` run.
#[derive(Debug, Clone)]
pub struct Output {
    /// Exit code (-1 if killed by a signal).
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Panics with both streams unless the exit code is `code`.
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit code {code}, got {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }
}

/// Runs `pgdrift args...` (stdin closed) in `cwd` with extra environment variables.
pub fn run_pgdrift(args: &[&str], cwd: Option<&Path>, envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(pgdrift_bin());
    cmd.args(args).stdin(Stdio::null());
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    // The binary finds the test major's binaries even where a test points PGDRIFT_CACHE_DIR
    // elsewhere (PG_BIN_<major> comes first in discovery).
    if let (Some(major), Some(dir)) = (test_major(), test_bins()) {
        cmd.env(format!("PG_BIN_{major}"), dir);
    }
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = match cmd.output() {
        Ok(o) => o,
        Err(e) => panic!("running {}: {e}", pgdrift_bin().display()),
    };
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// pg_dump
// ---------------------------------------------------------------------------------------------

/// The major version of the test server.
pub fn server_major() -> u32 {
    server().major
}

/// A pg_dump for the test server (panics when there is none: the tests compare dumps).
pub fn pg_dump() -> witness::PgDump {
    let major = server_major();
    match witness::find_pg_dump(major) {
        Some(p) => p,
        None => panic!(
            "no pg_dump for PostgreSQL {major} (install postgresql-client-{major} or set PG_BIN)"
        ),
    }
}

/// `pg_dump --schema-only --no-owner` of `url` (privileges kept), through the library's witness,
/// with comments, blank lines, psql meta-commands and the `SET ...` / `SELECT
/// pg_catalog.set_config(...)` preamble removed. Panics if pg_dump fails.
pub fn dump_schema(url: &str) -> String {
    let db = match DbUrl::parse(url) {
        Ok(u) => u,
        Err(e) => panic!("{e}"),
    };
    match witness::dump_blocking(&pg_dump(), &witness::DumpTarget::whole(db)) {
        Ok(text) => normalize_dump(&text),
        Err(e) => panic!("{e}"),
    }
}

/// Strips comments, blank lines and session-setup noise from a pg_dump script.
pub fn normalize_dump(text: &str) -> String {
    witness::normalize_dump(text)
}

/// A corpus case's `min_major` file (one number): the case needs that major or newer (a feature
/// older servers lack). Returns the skip note when the test server is older, after which the
/// caller skips the case; `None` runs it.
pub fn too_old_for(case_dir: &Path) -> Result<Option<String>, String> {
    let name = case_dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("case");
    let Ok(text) = std::fs::read_to_string(case_dir.join("min_major")) else {
        return Ok(None);
    };
    let min: u32 = text
        .trim()
        .parse()
        .map_err(|e| format!("{name}: min_major: {e}"))?;
    let major = server_major();
    Ok((major < min).then(|| {
        format!("{name} skipped: it needs PostgreSQL {min} or newer (the server runs {major})")
    }))
}

/// A new, empty directory under the system temp dir, unique to this call:
/// `pgdrift-<prefix>-<hint>-<pid>-<nanos>`.
pub fn temp_dir(prefix: &str, hint: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "pgdrift-{prefix}-{hint}-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// What of the user schemas' relations, routines and types is left.
pub const LEFT_OVER: &str = "WITH u AS (SELECT oid FROM pg_namespace
  WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema')
SELECT (SELECT string_agg(relname, ', ') FROM pg_class WHERE relnamespace IN (SELECT oid FROM u)),
  (SELECT string_agg(proname, ', ') FROM pg_proc WHERE pronamespace IN (SELECT oid FROM u)),
  (SELECT string_agg(typname, ', ') FROM pg_type t WHERE typnamespace IN (SELECT oid FROM u)
     AND typtype IN ('e', 'd', 'c', 'r') AND (typrelid = 0 OR
       (SELECT relkind FROM pg_class WHERE oid = typrelid) = 'c'))";

/// A squash's down migration (`squash --format dir` writes it), run on `b`, drops everything
/// in an order PostgreSQL accepts, without CASCADE, and leaves nothing (but the
/// alembic_version it never created).
pub async fn down_leaves_nothing(down: &str, b: &TestDb) -> Result<(), String> {
    let client = b.client().await;
    let shown = |e: String| format!("{e}\n--- down ---\n{down}");
    client
        .batch_execute(&format!("BEGIN;\n{down}COMMIT;"))
        .await
        .map_err(|e| shown(pg_error_text(&e)))?;
    // A squash never creates alembic_version (the migration tool owns it, see
    // squash::ALEMBIC_VERSION), so its down leaves the one B got from the plan.
    client
        .batch_execute("DROP TABLE IF EXISTS public.alembic_version")
        .await
        .map_err(|e| pg_error_text(&e))?;
    let row = client
        .query_one(LEFT_OVER, &[])
        .await
        .map_err(|e| pg_error_text(&e))?;
    let left: Vec<String> = (0..3)
        .filter_map(|i| row.get::<_, Option<String>>(i))
        .collect();
    if left.is_empty() {
        Ok(())
    } else {
        Err(shown(format!("left behind: {}", left.join("; "))))
    }
}
