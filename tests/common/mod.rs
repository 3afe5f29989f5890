//! Shared integration-test harness (`mod common;` in every tests/*.rs file).
//!
//! * [`test_db`] gives each test its own fresh, empty database. With `DATABASE_URL` set, databases
//!   are created on that server; otherwise ONE throw-away cluster is started per test binary (on
//!   first use) and stopped/deleted when the binary exits (atexit hook, also on Ctrl-C/SIGTERM).
//! * [`run_pgdrift`] runs the compiled binary.
//! * [`dump_schema`] returns a normalized `pg_dump --schema-only` of a database.
//!
//! Tests in one binary run on parallel threads, each `#[tokio::test]` with its own runtime: never
//! share a `tokio_postgres::Client` between tests (its connection task dies with the runtime that
//! spawned it). Use `TestDb::client()` inside the test.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use pgdrift::ephemeral::{self, Ephemeral};

const TEMPLATE_DB: &str = "pgdrift_tmpl";

/// The server every test database of this binary lives on.
struct Server {
    /// URL of the maintenance database (`postgres`).
    maintenance_url: String,
    /// ` STRATEGY FILE_COPY` on PostgreSQL 15+ (5x faster than the default WAL_LOG for a small
    /// template), empty before.
    create_strategy: &'static str,
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

/// Creates the empty template database if missing; returns the CREATE DATABASE strategy clause.
async fn ensure_template(maintenance_url: &str) -> Result<&'static str, String> {
    let client = connect(maintenance_url).await?;
    let version: String = client
        .query_one("SHOW server_version_num", &[])
        .await
        .map_err(|e| format!("SHOW server_version_num: {e}"))?
        .get(0);
    let strategy = match version.parse::<u32>() {
        Ok(v) if v >= 150000 => " STRATEGY FILE_COPY",
        _ => "",
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
    Ok(strategy)
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
                        ensure_template(&url).await.map(|create_strategy| Server {
                            maintenance_url: url,
                            create_strategy,
                        })
                    }
                    _ => match Ephemeral::start().await {
                        Ok(eph) => {
                            // SAFETY: registering a plain extern "C" fn.
                            unsafe {
                                libc::atexit(cleanup_at_exit);
                            }
                            let url = eph.url();
                            // Kept alive until process exit; cleanup_all_sync stops it.
                            Box::leak(Box::new(eph));
                            ensure_template(&url).await.map(|create_strategy| Server {
                                maintenance_url: url,
                                create_strategy,
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

/// `pg_dump --schema-only --no-owner --no-privileges` of `url`, with comments, blank lines and the
/// `SET ...` / `SELECT pg_catalog.set_config(...)` preamble removed. Panics if pg_dump fails.
pub fn dump_schema(url: &str) -> String {
    let pg_dump = match ephemeral::find_bin_dir() {
        Ok(dir) if dir.join("pg_dump").is_file() => dir.join("pg_dump"),
        _ => PathBuf::from("pg_dump"),
    };
    let out = match Command::new(&pg_dump)
        .args([
            "--schema-only",
            "--no-owner",
            "--no-privileges",
            "--dbname",
            url,
        ])
        .stdin(Stdio::null())
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("running {}: {e}", pg_dump.display()),
    };
    if !out.status.success() {
        panic!(
            "pg_dump failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    normalize_dump(&String::from_utf8_lossy(&out.stdout))
}

/// Strips comments, blank lines and session-setup noise from a pg_dump script.
pub fn normalize_dump(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let t = line.trim_end();
        if t.is_empty()
            || t.starts_with("--")
            || t.starts_with("SET ")
            || t.starts_with("SELECT pg_catalog.set_config(")
            || t.starts_with("\\restrict")
            || t.starts_with("\\unrestrict")
        {
            continue;
        }
        out.push_str(t);
        out.push('\n');
    }
    out
}
