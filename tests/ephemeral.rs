//! The throw-away PostgreSQL cluster and the shared test harness.
mod common;

use std::net::TcpStream;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use pgdrift::ephemeral::{self, Ephemeral, EphemeralError};

fn port_closed(port: u16) -> bool {
    TcpStream::connect_timeout(
        &std::net::SocketAddr::from(([127, 0, 0, 1], port)),
        Duration::from_millis(500),
    )
    .is_err()
}

async fn connect(url: &str) -> tokio_postgres::Client {
    let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .expect("connect");
    tokio::spawn(async move {
        let _ = conn.await;
    });
    client
}

fn pid_alive(pid: i32) -> bool {
    unsafe { libc::kill(pid, 0) == 0 }
}

fn postmaster_pid(eph: &Ephemeral) -> i32 {
    let text =
        std::fs::read_to_string(eph.data_dir().join("postmaster.pid")).expect("postmaster.pid");
    text.lines().next().unwrap().trim().parse().unwrap()
}

#[tokio::test]
async fn start_query_stop() {
    let eph = Ephemeral::start().await.expect("start cluster");
    let dir = eph.dir().to_path_buf();
    let port = eph.port();
    assert!(dir.is_dir());
    assert!(dir
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("pgdrift-eph-"));
    assert_eq!(
        eph.url(),
        format!("postgres://postgres@127.0.0.1:{port}/postgres")
    );

    let client = connect(&eph.url()).await;
    let row = client.query_one("SELECT 40 + 2", &[]).await.unwrap();
    assert_eq!(row.get::<_, i32>(0), 42);
    let num: String = client
        .query_one("SHOW server_version_num", &[])
        .await
        .unwrap()
        .get(0);
    let num: u32 = num.parse().unwrap();
    assert_eq!(num / 10000, eph.major_version());
    assert!(eph.major_version() >= 10);
    let user: String = client
        .query_one("SELECT current_user", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(user, "postgres");
    let pid = postmaster_pid(&eph);
    assert!(pid_alive(pid));

    // Stop with a client still connected: fast shutdown must not hang.
    eph.stop().await;
    drop(client);
    assert!(!dir.exists(), "data dir {} left behind", dir.display());
    assert!(port_closed(port), "port {port} still open");
    assert!(!pid_alive(pid), "postmaster {pid} still alive");
}

#[tokio::test]
async fn drop_stops_and_removes() {
    let eph = Ephemeral::start().await.expect("start cluster");
    let dir = eph.dir().to_path_buf();
    let port = eph.port();
    let pid = postmaster_pid(&eph);
    let client = connect(&eph.url()).await;
    client
        .batch_execute("CREATE TABLE t (id int)")
        .await
        .unwrap();
    drop(eph);
    assert!(!dir.exists(), "data dir {} left behind", dir.display());
    assert!(port_closed(port), "port {port} still open");
    assert!(!pid_alive(pid), "postmaster {pid} still alive");
}

#[tokio::test]
async fn two_clusters_side_by_side() {
    let (a, b) = tokio::join!(Ephemeral::start(), Ephemeral::start());
    let (a, b) = (a.expect("a"), b.expect("b"));
    assert_ne!(a.port(), b.port());
    assert_ne!(a.dir(), b.dir());
    let ca = connect(&a.url()).await;
    let cb = connect(&b.url()).await;
    ca.batch_execute("CREATE TABLE only_in_a (id int)")
        .await
        .unwrap();
    let n: i64 = cb
        .query_one(
            "SELECT count(*) FROM pg_class WHERE relname = 'only_in_a'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
    a.stop().await;
    b.stop().await;
}

#[tokio::test]
async fn test_db_gives_distinct_empty_databases() {
    let a = common::test_db("distinct a").await;
    let b = common::test_db("distinct-b").await;
    assert_ne!(a.name, b.name);
    assert_ne!(a.url, b.url);
    assert!(a.name.starts_with("t_distinct_a_"), "{}", a.name);

    let ca = a.client().await;
    let cb = b.client().await;
    let db: String = ca
        .query_one("SELECT current_database()", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(db, a.name);
    for c in [&ca, &cb] {
        let n: i64 = c
            .query_one(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(n, 0, "database is not empty");
    }
    a.exec(
        "CREATE TABLE only_in_a (id int PRIMARY KEY); CREATE VIEW v AS SELECT id FROM only_in_a",
    )
    .await;
    let n: i64 = cb
        .query_one(
            "SELECT count(*) FROM pg_class WHERE relname = 'only_in_a'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 0);

    // The maintenance URL points at `postgres` on the same server.
    let cs = connect(&a.server_url()).await;
    let names: Vec<String> = cs
        .query(
            "SELECT datname FROM pg_database WHERE datname = ANY($1) ORDER BY 1",
            &[&vec![a.name.clone(), b.name.clone()]],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(names.len(), 2);

    // dump_schema sees the table in `a` only, without preamble noise.
    let dump_a = common::dump_schema(&a.url);
    let dump_b = common::dump_schema(&b.url);
    assert!(dump_a.contains("CREATE TABLE public.only_in_a"), "{dump_a}");
    assert!(!dump_b.contains("only_in_a"), "{dump_b}");
    assert!(!dump_a.contains("SET "), "{dump_a}");
    assert!(!dump_a.lines().any(|l| l.starts_with("--")), "{dump_a}");
}

#[tokio::test]
#[should_panic(expected = "SQL failed")]
async fn exec_panics_with_pg_message() {
    let db = common::test_db("exec_panics").await;
    db.exec("SELECT * FROM no_such_table").await;
}

#[tokio::test]
async fn many_test_dbs_in_parallel() {
    let mut handles = Vec::new();
    for i in 0..8 {
        handles.push(tokio::spawn(async move {
            let db = common::test_db(&format!("par{i}")).await;
            db.exec("CREATE TABLE t (id int)").await;
            db.name
        }));
    }
    let mut names = Vec::new();
    for h in handles {
        names.push(h.await.unwrap());
    }
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 8);
}

#[test]
fn url_with_db_rewrites_path() {
    assert_eq!(
        common::url_with_db("postgres://u@h:5/postgres", "x"),
        "postgres://u@h:5/x"
    );
    assert_eq!(
        common::url_with_db("postgres://u:p@h:5/db?sslmode=disable", "x"),
        "postgres://u:p@h:5/x?sslmode=disable"
    );
    assert_eq!(common::url_with_db("postgres://h", "x"), "postgres://h/x");
}

#[test]
fn find_bin_dir_has_server_and_client_binaries() {
    let dir = ephemeral::find_bin_dir().expect("binaries");
    for b in ["initdb", "pg_ctl", "postgres", "pg_dump"] {
        assert!(dir.join(b).is_file(), "{} missing in {}", b, dir.display());
    }
}

// ---------------------------------------------------------------------------------------------
// Tests that need a process of their own (environment changes, process-global cleanup).
// The `child_*` tests do nothing unless PGDRIFT_EPH_CHILD is set; the parent re-runs this test
// binary with a filter for exactly one of them.
// ---------------------------------------------------------------------------------------------

fn in_child() -> bool {
    std::env::var_os("PGDRIFT_EPH_CHILD").is_some()
}

fn run_child(test: &str, envs: &[(&str, &str)]) -> (i32, String, String) {
    let exe = std::env::current_exe().expect("current_exe");
    let mut cmd = Command::new(exe);
    cmd.args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env("PGDRIFT_EPH_CHILD", "1")
        .env_remove("DATABASE_URL");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run child test");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        stdout.contains("1 passed"),
        "child test {test} did not pass:\n{stdout}\n{stderr}"
    );
    (out.status.code().unwrap_or(-1), stdout, stderr)
}

fn marker(stdout: &str, key: &str) -> String {
    stdout
        .lines()
        .find_map(|l| {
            let pat = format!("{key}=");
            l.find(&pat).map(|i| l[i + pat.len()..].trim())
        })
        .unwrap_or_else(|| panic!("no {key}= in child output:\n{stdout}"))
        .to_string()
}

#[test]
fn missing_binaries_error() {
    let empty: PathBuf =
        std::env::temp_dir().join(format!("pgdrift-test-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let res = std::panic::catch_unwind(|| {
        run_child(
            "child_missing_binaries",
            &[("PG_BIN", empty.to_str().unwrap())],
        )
    });
    let _ = std::fs::remove_dir_all(&empty);
    res.unwrap();
}

#[tokio::test]
async fn child_missing_binaries() {
    if !in_child() {
        return;
    }
    let err = ephemeral::find_bin_dir().expect_err("PG_BIN must be honoured exclusively");
    assert!(matches!(err, EphemeralError::BinariesNotFound(_)));
    let msg = Ephemeral::start()
        .await
        .expect_err("start must fail")
        .to_string();
    assert!(
        msg.starts_with("PostgreSQL server binaries (initdb, pg_ctl, postgres) not found; install them (Debian/Ubuntu: apt-get install postgresql) or set PG_BIN to their directory"),
        "{msg}"
    );
    assert!(msg.contains("PG_BIN="), "{msg}");
}

#[test]
fn cleanup_all_sync_stops_everything() {
    let (_, stdout, _) = run_child("child_cleanup_all", &[]);
    let dir = PathBuf::from(marker(&stdout, "DIR"));
    let port: u16 = marker(&stdout, "PORT").parse().unwrap();
    assert!(!dir.exists());
    assert!(port_closed(port));
}

#[tokio::test]
async fn child_cleanup_all() {
    if !in_child() {
        return;
    }
    let a = Ephemeral::start().await.expect("start");
    let b = Ephemeral::start().await.expect("start");
    println!("DIR={}", a.dir().display());
    println!("PORT={}", a.port());
    let pids = [postmaster_pid(&a), postmaster_pid(&b)];
    ephemeral::cleanup_all_sync();
    for (e, pid) in [(&a, pids[0]), (&b, pids[1])] {
        assert!(!e.dir().exists());
        assert!(port_closed(e.port()));
        assert!(!pid_alive(pid));
    }
    // Dropping / stopping after the global cleanup is harmless.
    drop(a);
    b.stop().await;
    ephemeral::cleanup_all_sync();
}

#[test]
fn shared_cluster_removed_at_exit() {
    let (_, stdout, _) = run_child("child_shared_cluster", &[]);
    let url = marker(&stdout, "SERVER");
    let port: u16 = url
        .rsplit(':')
        .next()
        .and_then(|s| s.split('/').next())
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        port_closed(port),
        "shared cluster on {port} survived its test binary"
    );
    let prefix = format!("pgdrift-eph-{}-", marker(&stdout, "PID"));
    for base in [std::env::temp_dir(), PathBuf::from("/tmp")] {
        for e in std::fs::read_dir(base).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(!name.starts_with(&prefix), "{name} left behind");
        }
    }
}

#[tokio::test]
async fn child_shared_cluster() {
    if !in_child() {
        return;
    }
    let db = common::test_db("atexit").await;
    db.exec("CREATE TABLE t (id int)").await;
    println!("SERVER={}", db.server_url());
    println!("PID={}", std::process::id());
}
