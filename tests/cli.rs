//! End-to-end tests of the pgdrift binary: inspect round trips, check on the bundled example,
//! snapshots, exit codes, bad input and secrets.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pgdrift::introspect::{introspect, IntrospectOptions};
use pgdrift::load;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn temp_dir(hint: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "pgdrift-cli-{hint}-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
        % 1_000_000_000
}

fn read_tree(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// A private throw-away server, for tests that assert on server-wide state ("no scratch database
/// left behind"): on the shared one, other tests' scratch databases come and go in parallel.
struct PrivateServer {
    server: pgdrift::ephemeral::Ephemeral,
    /// A database made for the test.
    url: String,
}

impl PrivateServer {
    async fn start(dbname: &str) -> PrivateServer {
        let server = pgdrift::ephemeral::Ephemeral::start().await.unwrap();
        let admin = Self::connect(&server.url()).await;
        admin
            .batch_execute(&format!("CREATE DATABASE \"{dbname}\""))
            .await
            .unwrap();
        let url = server.url_for_db(dbname);
        PrivateServer { server, url }
    }

    async fn connect(url: &str) -> tokio_postgres::Client {
        let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(conn);
        client
    }

    async fn client(&self) -> tokio_postgres::Client {
        Self::connect(&self.url).await
    }

    async fn scratch_databases(&self) -> Vec<String> {
        Self::connect(&self.server.url())
            .await
            .query(
                "SELECT datname FROM pg_database WHERE datname LIKE 'pgdrift_scratch%'",
                &[],
            )
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<_, String>(0))
            .collect()
    }
}

/// Builds a declared project in an (empty) database, views in dependency order.
async fn build_declared(client: &tokio_postgres::Client, schema_file: &Path, views: &Path) {
    let declared = load::load_project(schema_file, views).unwrap();
    pgdrift::normalize::create_declared(client, &declared)
        .await
        .unwrap();
}

#[tokio::test]
async fn inspect_round_trips_the_rich_schema_byte_for_byte() {
    let a = common::test_db("rich_a").await;
    a.exec(&std::fs::read_to_string(repo().join("tests/fixtures/rich.sql")).unwrap())
        .await;
    let out1 = temp_dir("inspect1");
    common::run_pgdrift(
        &[
            "inspect",
            "--db",
            &a.url,
            "--schema",
            "public",
            "--schema",
            "audit",
            "--out",
            out1.to_str().unwrap(),
        ],
        None,
        &[],
    )
    .assert_code(0);

    // Loading what inspect wrote gives the model introspection read.
    let loaded = load::load_project(&out1.join("schema.yaml"), &out1.join("views")).unwrap();
    let client = a.client().await;
    let mut live = introspect(
        &client,
        &IntrospectOptions {
            schemas: vec!["public".into(), "audit".into()],
        },
    )
    .await
    .unwrap();
    for v in live.views.values_mut() {
        v.depends_on.clear();
    }
    assert_eq!(loaded.schema, live, "load(inspect(db)) != introspect(db)");

    // Recreating those files in an empty database and inspecting again gives identical files.
    let b = common::test_db("rich_b").await;
    build_declared(
        &b.client().await,
        &out1.join("schema.yaml"),
        &out1.join("views"),
    )
    .await;
    let out2 = temp_dir("inspect2");
    common::run_pgdrift(
        &[
            "inspect",
            "--db",
            &b.url,
            "--schema",
            "public",
            "--schema",
            "audit",
            "--out",
            out2.to_str().unwrap(),
        ],
        None,
        &[],
    )
    .assert_code(0);
    assert_eq!(read_tree(&out1), read_tree(&out2));
    assert!(
        read_tree(&out1).iter().any(|(f, _)| f.contains("views")),
        "views were written"
    );

    // And the declared folder checks clean against both databases.
    for db in [&a, &b] {
        let out = common::run_pgdrift(
            &[
                "check",
                "--db",
                &db.url,
                "--schema",
                "public",
                "--schema",
                "audit",
                "--schema-file",
                out1.join("schema.yaml").to_str().unwrap(),
                "--views",
                out1.join("views").to_str().unwrap(),
            ],
            None,
            &[],
        );
        out.assert_code(0);
        assert!(out.stdout.contains("no drift"), "{}", out.stdout);
    }
    let _ = std::fs::remove_dir_all(&out1);
    let _ = std::fs::remove_dir_all(&out2);
}

#[tokio::test]
async fn example_checks_clean_against_itself_and_leaves_nothing_behind() {
    let db = PrivateServer::start("example_clean").await;
    build_declared(
        &db.client().await,
        &repo().join("schema.yaml"),
        &repo().join("views"),
    )
    .await;
    let before = common::dump_schema(&db.url);
    let out = common::run_pgdrift(&["check", "--db", &db.url], Some(&repo()), &[]);
    out.assert_code(0);
    assert!(out.stdout.contains("no drift"), "{}", out.stdout);
    assert_eq!(
        before,
        common::dump_schema(&db.url),
        "check changed the target"
    );
    assert!(
        db.scratch_databases().await.is_empty(),
        "a scratch database was left behind"
    );
}

/// The findings the drifted production database must show (tests/fixtures/example/production_drift.sql
/// lists the same 19 items in its header).
const PRODUCTION_DRIFT: &[&str] = &[
    "timezone column genes.created_at",
    "timezone column genes.updated_at",
    "timezone column gene_annotations.created_at",
    "timezone column system_logs.timestamp",
    "default column gene_annotations.updated_at",
    "default column users.is_verified",
    "default column static_evidence_uploads.upload_status",
    "default column gene_curations.status",
    "default column annotation_sources.priority",
    "missing index ix_gene_evidence_evidence_data",
    "missing index ix_cache_entries_expires_at",
    "extra index ix_genes_hgnc_id_old",
    "index index ix_static_sources_active_type",
    "type column static_sources.id",
    "type column static_evidence_uploads.source_id",
    "type column static_source_audit.source_id",
    "foreign_key foreign_key gene_annotations_gene_id_fkey",
    "view view evidence_summary_view",
    "nullability column genes.approved_symbol",
];

fn findings_of(json: &str) -> BTreeSet<String> {
    let doc: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(doc["format"], "pgdrift.check");
    assert_eq!(doc["version"], 1);
    doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {} {}",
                c["category"].as_str().unwrap(),
                c["object"]["kind"].as_str().unwrap(),
                c["object"]["name"].as_str().unwrap()
            )
        })
        .collect()
}

#[tokio::test]
async fn production_drift_is_found_live_and_through_a_snapshot() {
    let db = common::test_db("prod_drift").await;
    db.exec(
        &std::fs::read_to_string(repo().join("tests/fixtures/example/production_drift.sql"))
            .unwrap(),
    )
    .await;
    let expected: BTreeSet<String> = PRODUCTION_DRIFT.iter().map(|s| s.to_string()).collect();
    let header_items =
        std::fs::read_to_string(repo().join("tests/fixtures/example/production_drift.sql"))
            .unwrap()
            .lines()
            .skip_while(|l| !l.contains("BEGIN DRIFT LIST"))
            .skip(1)
            .take_while(|l| !l.contains("END DRIFT LIST"))
            .filter(|l| !l.contains("ignored"))
            .count();
    assert_eq!(
        header_items,
        expected.len(),
        "the fixture's drift list and this test disagree"
    );

    let live = common::run_pgdrift(
        &["check", "--db", &db.url, "--format", "json"],
        Some(&repo()),
        &[],
    );
    live.assert_code(1);
    assert_eq!(findings_of(&live.stdout), expected);

    // The same through a snapshot, normalized on a throw-away server: no credentials needed.
    let dir = temp_dir("snap");
    let snap = dir.join("production.yaml");
    common::run_pgdrift(
        &["snapshot", "--db", &db.url, "--out", snap.to_str().unwrap()],
        None,
        &[],
    )
    .assert_code(0);
    let offline = common::run_pgdrift(
        &[
            "check",
            "--against",
            snap.to_str().unwrap(),
            "--dev-url",
            "ephemeral",
            "--format",
            "json",
        ],
        Some(&repo()),
        &[],
    );
    offline.assert_code(1);
    assert_eq!(findings_of(&offline.stdout), expected);

    // --fail-on limits what fails the gate; --category limits what is reported.
    common::run_pgdrift(
        &[
            "check",
            "--against",
            snap.to_str().unwrap(),
            "--dev-url",
            "ephemeral",
            "--fail-on",
            "enum",
        ],
        Some(&repo()),
        &[],
    )
    .assert_code(0);
    let tz = common::run_pgdrift(
        &[
            "check",
            "--against",
            snap.to_str().unwrap(),
            "--dev-url",
            "ephemeral",
            "--category",
            "timezone",
            "--format",
            "json",
        ],
        Some(&repo()),
        &[],
    );
    tz.assert_code(1);
    assert_eq!(findings_of(&tz.stdout).len(), 4);
    let md = common::run_pgdrift(
        &["check", "--db", &db.url, "--format", "markdown"],
        Some(&repo()),
        &[],
    );
    md.assert_code(1);
    assert!(md.stdout.contains("| severity |"), "{}", md.stdout);

    // The committed example snapshot shows the same drift.
    let committed = common::run_pgdrift(
        &[
            "check",
            "--against",
            "snapshots/production.yaml",
            "--dev-url",
            "ephemeral",
            "--format",
            "json",
        ],
        Some(&repo()),
        &[],
    );
    committed.assert_code(1);
    assert_eq!(findings_of(&committed.stdout), expected);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn snapshot_from_another_major_version_is_refused() {
    let db = common::test_db("skew").await;
    db.exec("CREATE TABLE t (id bigint)").await;
    let dir = temp_dir("skew");
    let snap = dir.join("s.yaml");
    common::run_pgdrift(
        &["snapshot", "--db", &db.url, "--out", snap.to_str().unwrap()],
        None,
        &[],
    )
    .assert_code(0);
    let text = std::fs::read_to_string(&snap).unwrap();
    let major: u32 = text
        .lines()
        .find_map(|l| l.strip_prefix("postgres: "))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    std::fs::write(
        &snap,
        text.replace(
            &format!("postgres: {major}"),
            &format!("postgres: {}", major - 1),
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("schema.yaml"),
        "tables:\n  t:\n    columns:\n      id: bigint\n",
    )
    .unwrap();
    let out = common::run_pgdrift(
        &[
            "check",
            "--against",
            snap.to_str().unwrap(),
            "--dev-url",
            "ephemeral",
        ],
        Some(&dir),
        // No pgdrift cache: binaries of the snapshot's major are then only where a machine
        // installed them (never on this test machine's /usr/lib/postgresql/<major - 1>).
        &[(
            "PGDRIFT_CACHE_DIR",
            dir.join("empty-cache").to_str().unwrap(),
        )],
    );
    if std::path::Path::new(&format!("/usr/lib/postgresql/{}/bin/postgres", major - 1)).exists() {
        // This machine has that major: normalizing with it is the right answer.
        out.assert_code(0);
        assert!(out
            .stdout
            .contains(&format!("normalized with PostgreSQL {}", major - 1)));
    } else {
        out.assert_code(2);
        assert!(
            out.stderr.contains(&format!("PostgreSQL {}", major - 1))
                && out
                    .stderr
                    .contains(&format!("postgres install {}", major - 1)),
            "{}",
            out.stderr
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn bad_declarations_exit_2_naming_the_place() {
    let db = PrivateServer::start("bad_input").await;
    let dir = temp_dir("bad");
    let cases: &[(&str, &str, &str)] = &[
        ("unknown key", "tables:\n  t:\n    columns:\n      id: {type: bigint, nulable: false}\n", "schema.yaml:4"),
        ("unknown type", "tables:\n  t:\n    columns:\n      id: bigintt\n", "schema.yaml:4"),
        ("malformed yaml", "tables:\n  t:\n    columns: [\n", "schema.yaml:"),
        ("missing fk target", "tables:\n  t:\n    columns:\n      a: bigint\n    foreign_keys:\n      t_a_fkey: {columns: [a], references: nope(id)}\n", "nope"),
        ("rejected default", "tables:\n  t:\n    columns:\n      a: {type: integer, default: \"nosuchfunc()\"}\n", "schema.yaml:"),
    ];
    for (what, yaml, needle) in cases {
        std::fs::write(dir.join("schema.yaml"), yaml).unwrap();
        let before = common::dump_schema(&db.url);
        let out = common::run_pgdrift(&["check", "--db", &db.url], Some(&dir), &[]);
        assert_eq!(out.code, 2, "{what}: {}", out.stderr);
        assert!(
            out.stderr.contains(needle),
            "{what}: expected `{needle}` in:\n{}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{what}: {}", out.stderr);
        assert_eq!(
            before,
            common::dump_schema(&db.url),
            "{what}: the target changed"
        );
    }
    // A view whose SQL PostgreSQL rejects is pointed at by file, line and column.
    std::fs::write(
        dir.join("schema.yaml"),
        "tables:\n  t:\n    columns:\n      a: integer\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("views")).unwrap();
    std::fs::write(
        dir.join("views/v.sql"),
        "-- a view\nCREATE VIEW v AS\n  SELECT a,\n         nosuchcol\n  FROM t;\n",
    )
    .unwrap();
    let out = common::run_pgdrift(&["check", "--db", &db.url], Some(&dir), &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("v.sql:4:10"), "{}", out.stderr);
    // Views that read each other in a circle.
    std::fs::write(
        dir.join("views/v.sql"),
        "CREATE VIEW v AS SELECT a FROM w;\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("views/w.sql"),
        "CREATE VIEW w AS SELECT a FROM v;\n",
    )
    .unwrap();
    let out = common::run_pgdrift(&["check", "--db", &db.url], Some(&dir), &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("cycle"), "{}", out.stderr);
    assert!(
        db.scratch_databases().await.is_empty(),
        "a scratch database was left behind"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn connection_failures_are_one_line_exit_2_and_never_show_the_password() {
    let dir = temp_dir("conn");
    std::fs::write(dir.join("schema.yaml"), "tables: {}\n").unwrap();
    for url in [
        "postgres://alice:hunter2secret@127.0.0.1:1/db",
        "postgresql+asyncpg://alice:hunter2secret@127.0.0.1:1/db",
        "postgres://alice@127.0.0.1:1/db?password=hunter2secret",
    ] {
        let out = common::run_pgdrift(&["check", "--db", url], Some(&dir), &[]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(
            !out.stderr.contains("hunter2secret") && !out.stdout.contains("hunter2secret"),
            "{}",
            out.stderr
        );
        // One line for the error, one for what to check.
        assert!(out.stderr.trim().lines().count() <= 2, "{}", out.stderr);
        assert!(
            out.stderr
                .contains("could not reach a PostgreSQL server at 127.0.0.1:1"),
            "{}",
            out.stderr
        );
    }
    let out = common::run_pgdrift(
        &["inspect", "--db", "mysql://x@y/z", "--out", "x"],
        Some(&dir),
        &[],
    );
    assert_eq!(out.code, 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn database_url_comes_from_dotenv_in_sqlalchemy_spelling() {
    let db = common::test_db("dotenv").await;
    db.exec("CREATE TABLE from_dotenv (id bigint)").await;
    let dir = temp_dir("dotenv");
    let sqlalchemy = db
        .url
        .replacen("postgres://", "postgresql+psycopg2://", 1)
        .replacen("postgresql://", "postgresql+psycopg2://", 1);
    std::fs::write(
        dir.join(".env"),
        format!("# local settings\nDATABASE_URL=\"{sqlalchemy}\"\n"),
    )
    .unwrap();
    let out = std::process::Command::new(common::pgdrift_bin())
        .args(["inspect", "--out", "out"])
        .current_dir(&dir)
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let yaml = std::fs::read_to_string(dir.join("out/schema.yaml")).unwrap();
    assert!(yaml.contains("from_dotenv"), "{yaml}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ctrl_c_removes_the_throw_away_server() {
    let out_dir = temp_dir("ctrlc");
    for delay_ms in [150u64, 400, 800] {
        let mut child = std::process::Command::new(common::pgdrift_bin())
            .args([
                "inspect",
                "--db",
                "ephemeral",
                "--out",
                out_dir.to_str().unwrap(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let pid = child.id();
        // SAFETY: sending SIGINT to our own child process.
        unsafe {
            libc::kill(pid as i32, libc::SIGINT);
        }
        let status = child.wait().unwrap();
        // A SIGINT that lands before the handler is installed ends the process by the signal:
        // nothing was created yet, which the leftover check below proves either way.
        use std::os::unix::process::ExitStatusExt;
        assert!(
            matches!(status.code(), Some(0) | Some(130)) || status.signal() == Some(libc::SIGINT),
            "{status:?}"
        );
        let prefix = format!("pgdrift-eph-{pid}-");
        let leftovers: Vec<_> = std::fs::read_dir(std::env::temp_dir())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .collect();
        assert!(leftovers.is_empty(), "after {delay_ms} ms: {leftovers:?}");
    }
    let _ = std::fs::remove_dir_all(&out_dir);
}

#[tokio::test]
async fn diff_compares_any_two_sources() {
    let a = common::test_db("diff_a").await;
    let b = common::test_db("diff_b").await;
    a.exec("CREATE TABLE t (id bigint, at timestamptz)").await;
    b.exec("CREATE TABLE t (id integer, at timestamptz)").await;
    // Two databases.
    let out = common::run_pgdrift(&["diff", &a.url, &b.url, "--format", "json"], None, &[]);
    out.assert_code(1);
    assert_eq!(
        findings_of(&out.stdout),
        BTreeSet::from(["type column t.id".to_string()])
    );
    // A database with itself: nothing.
    common::run_pgdrift(&["diff", &a.url, &a.url], None, &[]).assert_code(0);
    // A snapshot against a database, and a project folder against a database.
    let dir = temp_dir("diff");
    let snap = dir.join("a.yaml");
    common::run_pgdrift(
        &["snapshot", "--db", &a.url, "--out", snap.to_str().unwrap()],
        None,
        &[],
    )
    .assert_code(0);
    let out = common::run_pgdrift(
        &["diff", snap.to_str().unwrap(), &b.url, "--format", "json"],
        None,
        &[],
    );
    out.assert_code(1);
    assert_eq!(
        findings_of(&out.stdout),
        BTreeSet::from(["type column t.id".to_string()])
    );
    let project = dir.join("project");
    common::run_pgdrift(
        &[
            "inspect",
            "--db",
            &a.url,
            "--out",
            project.to_str().unwrap(),
        ],
        None,
        &[],
    )
    .assert_code(0);
    common::run_pgdrift(&["diff", project.to_str().unwrap(), &a.url], None, &[]).assert_code(0);
    let out = common::run_pgdrift(
        &[
            "diff",
            project.to_str().unwrap(),
            &b.url,
            "--format",
            "json",
        ],
        None,
        &[],
    );
    out.assert_code(1);
    assert_eq!(
        findings_of(&out.stdout),
        BTreeSet::from(["type column t.id".to_string()])
    );
    common::run_pgdrift(&["diff", "no/such/thing", &a.url], None, &[]).assert_code(2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn check_fingerprint_tells_whether_the_database_is_what_the_squash_built() {
    let db = common::test_db("fingerprint").await;
    db.exec("CREATE TABLE t (id bigint PRIMARY KEY, name text NOT NULL DEFAULT 'x')")
        .await;
    let dir = temp_dir("fingerprint");
    let squash = dir.join("squash.sql");
    common::run_pgdrift(
        &[
            "squash",
            "--from-db",
            &db.url,
            "--out",
            squash.to_str().unwrap(),
        ],
        None,
        &[],
    )
    .assert_code(0);
    let same = common::run_pgdrift(
        &[
            "check",
            "--db",
            &db.url,
            "--fingerprint",
            squash.to_str().unwrap(),
        ],
        None,
        &[],
    );
    same.assert_code(0);
    assert_eq!(same.stdout.trim().lines().count(), 1, "{}", same.stdout);
    assert!(
        same.stdout.contains("fingerprint matches"),
        "{}",
        same.stdout
    );
    db.exec("ALTER TABLE t ALTER COLUMN name DROP DEFAULT")
        .await;
    let changed = common::run_pgdrift(
        &[
            "check",
            "--db",
            &db.url,
            "--fingerprint",
            squash.to_str().unwrap(),
        ],
        None,
        &[],
    );
    changed.assert_code(1);
    assert!(
        changed.stdout.contains("fingerprint differs"),
        "{}",
        changed.stdout
    );
    let text = std::fs::read_to_string(&squash).unwrap();
    let hash = text
        .lines()
        .find_map(|l| l.split("fingerprint: ").nth(1))
        .unwrap()
        .trim()
        .to_string();
    common::run_pgdrift(
        &["check", "--db", &db.url, "--fingerprint", &hash],
        None,
        &[],
    )
    .assert_code(1);
    common::run_pgdrift(
        &["check", "--db", &db.url, "--fingerprint", "no/such/file"],
        None,
        &[],
    )
    .assert_code(2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn drifted_production_is_brought_back_by_apply() {
    let db = common::test_db("prod_apply").await;
    db.exec(
        &std::fs::read_to_string(repo().join("tests/fixtures/example/production_drift.sql"))
            .unwrap(),
    )
    .await;
    db.exec("INSERT INTO genes (hgnc_id, approved_symbol) VALUES ('HGNC:1100', 'BRCA1')")
        .await;
    let plan = common::run_pgdrift(
        &["plan", "--db", &db.url, "--format", "sql"],
        Some(&repo()),
        &[],
    );
    plan.assert_code(0);
    assert!(
        plan.stdout.contains("AT TIME ZONE 'UTC'"),
        "{}",
        plan.stdout
    );
    let applied = common::run_pgdrift(&["apply", "--db", &db.url, "--yes"], Some(&repo()), &[]);
    applied.assert_code(0);
    assert!(
        applied.stdout.contains("converged") || applied.stderr.contains("converged"),
        "{}\n{}",
        applied.stdout,
        applied.stderr
    );
    let check = common::run_pgdrift(&["check", "--db", &db.url], Some(&repo()), &[]);
    check.assert_code(0);
    let client = db.client().await;
    let n: i64 = client
        .query_one(
            "SELECT count(*) FROM genes WHERE approved_symbol = 'BRCA1'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 1, "the data survived");
}

#[tokio::test]
async fn scratch_databases_of_killed_runs_are_swept_and_live_ones_are_not() {
    // Its own server: other tests check that no scratch database is left on the shared one.
    let server = pgdrift::ephemeral::Ephemeral::start().await.unwrap();
    let (admin, conn) = tokio_postgres::connect(&server.url(), tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    admin.batch_execute("CREATE DATABASE target").await.unwrap();
    let target = server.url_for_db("target");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let stale = format!("pgdrift_scratch_{}_1_1", now - 7200);
    let stale_in_use = format!("pgdrift_scratch_{}_2_2", now - 7200);
    let recent = format!("pgdrift_scratch_{}_3_3", now - 60);
    for name in [&stale, &stale_in_use, &recent] {
        admin
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .await
            .unwrap();
    }
    // Someone is still connected to this one: it must survive.
    let (holder, conn) =
        tokio_postgres::connect(&server.url_for_db(&stale_in_use), tokio_postgres::NoTls)
            .await
            .unwrap();
    tokio::spawn(conn);
    let dir = temp_dir("sweep");
    std::fs::write(dir.join("schema.yaml"), "tables: {}\n").unwrap();
    common::run_pgdrift(&["check", "--db", &target, "--no-cache"], Some(&dir), &[]).assert_code(0);
    let left: Vec<String> = admin
        .query(
            "SELECT datname FROM pg_database WHERE datname LIKE 'pgdrift_scratch%'",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(!left.contains(&stale), "{left:?}");
    assert!(left.contains(&stale_in_use), "{left:?}");
    assert!(left.contains(&recent), "{left:?}");
    assert_eq!(
        left.len(),
        2,
        "the run's own scratch database is gone too: {left:?}"
    );
    drop(holder);
    drop(admin);
    server.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn wrong_password_is_one_clear_line_without_the_password() {
    // Its own server with password authentication (the shared one trusts everyone).
    let server = pgdrift::ephemeral::Ephemeral::start().await.unwrap();
    let (admin, conn) = tokio_postgres::connect(&server.url(), tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    admin
        .batch_execute("CREATE ROLE alice LOGIN PASSWORD 'right-horse-battery'")
        .await
        .unwrap();
    let hba = server.data_dir().join("pg_hba.conf");
    std::fs::write(&hba, "local all all trust\nhost all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n").unwrap();
    admin
        .batch_execute("SELECT pg_reload_conf()")
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let port = server.port();
    let dir = temp_dir("password");
    std::fs::write(dir.join("schema.yaml"), "tables: {}\n").unwrap();
    let wrong = format!("postgresql+asyncpg://alice:wrong-staple-secret@127.0.0.1:{port}/postgres");
    let out = common::run_pgdrift(&["check", "--db", &wrong], Some(&dir), &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(out.stderr.trim().lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("password authentication failed"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("wrong-staple-secret") && !out.stdout.contains("wrong-staple-secret"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("alice:***@"), "{}", out.stderr);
    // The right password works (and is not printed either).
    let right = format!("postgres://alice:right-horse-battery@127.0.0.1:{port}/postgres");
    let out = common::run_pgdrift(
        &[
            "inspect",
            "--db",
            &right,
            "--out",
            dir.join("out").to_str().unwrap(),
        ],
        None,
        &[],
    );
    out.assert_code(0);
    assert!(
        !out.stderr.contains("right-horse-battery"),
        "{}",
        out.stderr
    );
    drop(admin);
    server.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}
