//! `pgdrift squash` against a real PostgreSQL: --verify on the example and the corpora, byte
//! stability, a ten-migration history reproduced exactly (pg_dump equal), fingerprints, --stamp,
//! the dir and separate-views outputs, and (when PGDRIFT_ALEMBIC is set) real Alembic.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use pgdrift::app::{self, Source};
use pgdrift::conn::DbUrl;
use pgdrift::normalize::DevServer;
use pgdrift::squash::{self, ViewsOutput};
use pgdrift::witness::Outcome;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

static DIRS: AtomicU64 = AtomicU64::new(0);

/// A fresh temporary folder for one test, removed when the test ends.
struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(hint: &str) -> TempDir {
    let n = DIRS.fetch_add(1, Ordering::Relaxed);
    let dir =
        std::env::temp_dir().join(format!("pgdrift_squash_{hint}_{}_{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creating a temp folder");
    TempDir(dir)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The ten hand-written migrations, in order.
fn migrations() -> Vec<(String, String)> {
    let dir = repo().join("tests/fixtures/migrations");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("migrations folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 10, "expected ten migration files");
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, read(&p))
        })
        .collect()
}

/// A database built by running the ten migrations one after another.
async fn migrated_db(hint: &str) -> common::TestDb {
    let db = common::test_db(hint).await;
    for (name, sql) in migrations() {
        let client = db.client().await;
        if let Err(e) = client.batch_execute(&sql).await {
            panic!("migration {name} failed: {}", common::pg_error_text(&e));
        }
    }
    db
}

const SCHEMAS: [&str; 4] = ["--schema", "public", "--schema", "audit"];

/// The squash text without its `-- source:` line (which names the database it came from).
fn without_source(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("-- source:") && !l.starts_with("# source:"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn squash_from_db(db: &common::TestDb, extra: &[&str]) -> common::Output {
    let mut args = vec!["squash", "--from-db", db.url.as_str()];
    args.extend_from_slice(&SCHEMAS);
    args.extend_from_slice(extra);
    common::run_pgdrift(&args, None, &[])
}

#[tokio::test]
async fn example_verifies_and_is_byte_stable() {
    let probe = common::test_db("squash_example").await;
    let server = probe.server_url();
    let dir = temp_dir("example");
    let a = dir.join("a.sql");
    let b = dir.join("b.sql");
    let out = common::run_pgdrift(
        &[
            "squash",
            "--verify",
            "--dev-url",
            &server,
            "--out",
            a.to_str().unwrap(),
        ],
        Some(&repo()),
        &[],
    );
    out.assert_code(0);
    assert!(
        out.stderr.contains("verified: 0 differences"),
        "{}",
        out.stderr
    );
    // The declared project's scratch database and the rebuilt one dump identically.
    assert!(
        out.stderr.contains("pg_dump witness: identical (pg_dump "),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("fingerprint is"), "{}", out.stderr);
    common::run_pgdrift(
        &["squash", "--dev-url", &server, "--out", b.to_str().unwrap()],
        Some(&repo()),
        &[],
    )
    .assert_code(0);
    let text = read(&a);
    assert_eq!(text, read(&b), "two runs gave different bytes");
    assert!(text.contains("\nBEGIN;\n") && text.ends_with("COMMIT;\n"));
    let header = squash::parse_header(&text);
    assert!(header.fingerprint.is_some_and(|f| f.starts_with("sha256:")));
    assert!(header.postgres.is_some());

    // The squash builds the example exactly: a database built from it matches the fingerprint
    // and has no drift from the declared project.
    let db = common::test_db("squash_example_built").await;
    db.exec(&text).await;
    let url = DbUrl::parse(&db.url).unwrap();
    let fp = squash::read_fingerprint(a.to_str().unwrap()).unwrap();
    assert!(squash::check_fingerprint(&url, &[], &fp).await.unwrap());
    let declared = Source::Declared {
        schema_file: repo().join("schema.yaml"),
        views_dir: repo().join("views"),
    };
    let cmp = app::compare(&declared, &Source::Db(url), None, &[])
        .await
        .unwrap();
    assert!(
        cmp.changes.is_empty(),
        "{:#?}",
        cmp.changes.iter().map(|c| &c.summary).collect::<Vec<_>>()
    );
}

/// One check-corpus case: its declared schema and its live schema each squash and verify, and
/// the rebuilt database has the fingerprint the header records.
async fn squash_check_case(dir: PathBuf, dev: DevServer) -> Result<(), String> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let live = common::test_db(&format!("sq_{name}")).await;
    live.exec(&read(&dir.join("live.sql"))).await;
    let sources = [
        (
            "declared",
            Source::Declared {
                schema_file: dir.join("schema.yaml"),
                views_dir: dir.join("views"),
            },
        ),
        ("live", Source::Db(DbUrl::parse(&live.url).unwrap())),
    ];
    let mut failures = Vec::new();
    for (side, source) in sources {
        let result = async {
            // Held: a declared source's scratch database is what the pg_dump witness dumps.
            let held = squash::resolve_source_held(&source, Some(&dev), &[]).await?;
            let src = &held.source;
            let checked = async {
                let script = squash::script(&src.schema, ViewsOutput::Inline)?;
                squash::verify(src, &script, &dev).await
            }
            .await;
            let fingerprint = squash::fingerprint(&src.schema);
            held.release().await;
            let v = checked?;
            let mut lines: Vec<String> = v.differences.iter().map(|c| c.summary.clone()).collect();
            lines.extend(v.extra_differences.clone());
            if v.rebuilt_fingerprint != fingerprint {
                lines.push("fingerprint of the rebuilt database differs".into());
            }
            lines.extend(witness_lines(&v.witness));
            Ok::<Vec<String>, pgdrift::Error>(lines)
        }
        .await;
        // A live schema with objects the model does not cover must never verify: every one of
        // them is a difference (and so is the fingerprint, which counts them), and the pg_dump
        // witness sees the squash leave them out.
        let unsupported_case = name.starts_with("unsupported_") && side == "live";
        // Event triggers need a superuser, so normalization carries them instead of creating
        // them: a declared source's scratch database has none for the witness to dump (the
        // model comparison and the round trips from a database cover them).
        let carried_only =
            |l: &String| l.starts_with("pg_dump witness: ") && l.contains("EVENT TRIGGER");
        let result = match result {
            Ok(lines) if side == "declared" => {
                Ok(lines.into_iter().filter(|l| !carried_only(l)).collect())
            }
            other => other,
        };
        match result {
            Ok(lines) if lines.is_empty() && !unsupported_case => {}
            Ok(lines)
                if unsupported_case
                    && lines.iter().any(|l| l.contains("not modelled by pgdrift"))
                    && lines.iter().any(|l| l.starts_with("pg_dump witness: "))
                    && lines.iter().all(|l| {
                        l.contains("not modelled by pgdrift")
                            || l.starts_with("fingerprint")
                            || l.starts_with("pg_dump witness: ")
                    }) => {}
            Ok(lines) => failures.push(format!("{name} ({side}): {lines:#?}")),
            Err(e) => failures.push(format!("{name} ({side}): {e}")),
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

/// The pg_dump witness's differences, one line each; "not run" is a failure too (the tests have
/// a pg_dump and a database on both sides).
fn witness_lines(outcome: &Outcome) -> Vec<String> {
    match outcome {
        Outcome::Compared { differences, .. } => differences
            .iter()
            .map(|d| format!("pg_dump witness: {d:?}"))
            .collect(),
        Outcome::NotRun(why) => vec![format!("pg_dump witness not run: {why}")],
    }
}

/// Every declared schema and every live schema of the check corpus squashes and verifies, also
/// in the pg_dump witness's eyes.
#[tokio::test]
async fn corpus_schemas_verify() {
    let root = repo().join("tests/corpus/check");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 20);
    // CORPUS_FILTER=text: only the cases whose folder name contains it.
    if let Ok(filter) = std::env::var("CORPUS_FILTER") {
        dirs.retain(|d| d.to_string_lossy().contains(&filter));
    }
    let probe = common::test_db("squash_corpus").await;
    // Cases holding `min_major` need a newer server than this one.
    dirs.retain(|d| match common::too_old_for(d) {
        Ok(Some(note)) => {
            eprintln!("squash: {note}");
            false
        }
        _ => true,
    });
    let dev = DevServer::Url(DbUrl::parse(&probe.server_url()).unwrap());
    let failures = run_cases(dirs, 8, |dir| squash_check_case(dir, dev.clone())).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A history of ten migrations (renames, type changes, drops, NOT VALID, identity, two
/// schemas) squashed from the live database rebuilds it exactly: pg_dump equal.
#[tokio::test]
async fn ten_migrations_reproduced_exactly() {
    let a = migrated_db("squash_hist").await;
    let dir = temp_dir("hist");
    let file = dir.join("squash.sql");
    let out = squash_from_db(&a, &["--verify", "--out", file.to_str().unwrap()]);
    out.assert_code(0);
    assert!(
        out.stderr.contains("verified: 0 differences"),
        "{}",
        out.stderr
    );
    let text = read(&file);

    let b = common::test_db("squash_hist_rebuilt").await;
    b.exec(&text).await;
    let dump_a = common::dump_schema(&a.url);
    let dump_b = common::dump_schema(&b.url);
    if dump_a != dump_b {
        let d = similar::TextDiff::from_lines(&dump_a, &dump_b);
        panic!(
            "pg_dump of the rebuilt database differs:\n{}",
            d.unified_diff().header("migrated", "rebuilt")
        );
    }

    // Squashing the rebuilt database gives the same migration again.
    let again = squash_from_db(&b, &[]);
    again.assert_code(0);
    assert_eq!(without_source(&again.stdout), without_source(&text));

    // Fingerprint: the rebuilt database is what the squash produced; a changed one is not.
    let header = squash::parse_header(&text);
    assert_eq!(header.schemas, vec!["public", "audit"]);
    let fp = header.fingerprint.unwrap();
    let b_url = DbUrl::parse(&b.url).unwrap();
    assert!(squash::check_fingerprint(&b_url, &header.schemas, &fp)
        .await
        .unwrap());
    assert!(
        squash::check_fingerprint(&DbUrl::parse(&a.url).unwrap(), &header.schemas, &fp)
            .await
            .unwrap()
    );
    b.exec("ALTER TABLE gene ADD COLUMN note text").await;
    assert!(!squash::check_fingerprint(&b_url, &header.schemas, &fp)
        .await
        .unwrap());
}

/// The same schema built in a different object order (so with different OIDs) squashes to the
/// same bytes.
#[tokio::test]
async fn output_independent_of_creation_order() {
    let a = migrated_db("squash_order_a").await;
    let src = squash::resolve_source(
        &Source::Db(DbUrl::parse(&a.url).unwrap()),
        None,
        &["public".into(), "audit".into()],
    )
    .await
    .unwrap();
    // Rebuild from a model with every map reversed, after burning OIDs.
    let mut reversed = src.schema.clone();
    reversed.tables.reverse();
    reversed.sequences.reverse();
    reversed.enums.reverse();
    reversed.views.reverse();
    for t in reversed.tables.values_mut() {
        t.indexes.reverse();
        t.foreign_keys.reverse();
        t.checks.reverse();
    }
    let script = squash::script(&reversed, ViewsOutput::Inline).unwrap();
    let c = common::test_db("squash_order_c").await;
    let mut burn = String::new();
    for i in 0..40 {
        burn.push_str(&format!(
            "CREATE TABLE burn_{i} (x int); DROP TABLE burn_{i};\n"
        ));
    }
    c.exec(&burn).await;
    c.exec(&format!(
        "BEGIN;\n{}COMMIT;",
        pgdrift::ddl::render_script(&script.migration)
    ))
    .await;
    let out_a = squash_from_db(&a, &[]);
    let out_c = squash_from_db(&c, &[]);
    out_a.assert_code(0);
    out_c.assert_code(0);
    assert_eq!(without_source(&out_a.stdout), without_source(&out_c.stdout));
    assert_eq!(common::dump_schema(&a.url), common::dump_schema(&c.url));
}

/// A normalized dump without the statements that mention `word`.
fn without_statements_about(word: &str, dump: &str) -> Vec<String> {
    dump.split_inclusive(";\n")
        .filter(|st| !st.contains(word))
        .map(str::to_string)
        .collect()
}

fn alembic_versions(rows: &[tokio_postgres::Row]) -> Vec<String> {
    rows.iter().map(|r| r.get::<_, String>(0)).collect()
}

async fn has_alembic_version(db: &common::TestDb) -> bool {
    db.client()
        .await
        .query_one(
            "SELECT to_regclass('public.alembic_version') IS NOT NULL",
            &[],
        )
        .await
        .unwrap()
        .get(0)
}

#[tokio::test]
async fn stamp_only_without_drift() {
    let a = migrated_db("squash_stamp_src").await;
    let built = squash_from_db(&a, &[]);
    built.assert_code(0);

    // Drift: nothing recorded, the drift printed, exit 1.
    let drifted = common::test_db("squash_stamp_drift").await;
    drifted.exec(&built.stdout).await;
    drifted
        .exec("ALTER TABLE gene ADD COLUMN extra int; DROP INDEX sources_running;")
        .await;
    let out = squash_from_db(&a, &["--stamp", "rev1", "--db", &drifted.url]);
    out.assert_code(1);
    assert!(out.stderr.contains("not stamped"), "{}", out.stderr);
    assert!(out.stderr.contains("extra"), "{}", out.stderr);
    assert!(out.stderr.contains("sources_running"), "{}", out.stderr);
    assert!(!has_alembic_version(&drifted).await);

    // No drift: stamped; a rerun changes nothing; a new revision replaces the row.
    let clean = common::test_db("squash_stamp_clean").await;
    clean.exec(&built.stdout).await;
    let versions = |db: common::TestDb| async move {
        alembic_versions(
            &db.client()
                .await
                .query("SELECT version_num FROM alembic_version", &[])
                .await
                .unwrap(),
        )
    };
    for _ in 0..2 {
        let out = squash_from_db(&a, &["--stamp", "rev1", "--db", &clean.url]);
        out.assert_code(0);
        assert!(out.stderr.contains("stamped"), "{}", out.stderr);
        assert_eq!(versions(clean.clone()).await, vec!["rev1"]);
    }
    squash_from_db(&a, &["--stamp", "rev2", "--db", &clean.url]).assert_code(0);
    assert_eq!(versions(clean.clone()).await, vec!["rev2"]);

    // A declared source, too.
    let example = common::test_db("squash_stamp_example").await;
    let sql = common::run_pgdrift(
        &["squash", "--dev-url", &example.server_url()],
        Some(&repo()),
        &[],
    );
    sql.assert_code(0);
    example.exec(&sql.stdout).await;
    common::run_pgdrift(
        &["squash", "--stamp", "base1", "--db", &example.url],
        Some(&repo()),
        &[],
    )
    .assert_code(0);
    assert_eq!(versions(example.clone()).await, vec!["base1"]);
}

#[tokio::test]
async fn dir_format_up_and_down() {
    let a = migrated_db("squash_dir").await;
    let dir = temp_dir("dir");
    let out = squash_from_db(
        &a,
        &[
            "--format",
            "dir",
            "--out",
            dir.to_str().unwrap(),
            "--revision",
            "0042",
            "--message",
            "Squash all migrations",
        ],
    );
    out.assert_code(0);
    let up = read(&dir.join("0042_squash_all_migrations.up.sql"));
    let down = read(&dir.join("0042_squash_all_migrations.down.sql"));
    assert!(!down.contains("CASCADE"));
    let empty = common::test_db("squash_dir_empty").await;
    let e = common::test_db("squash_dir_e").await;
    e.exec(&up).await;
    assert_eq!(common::dump_schema(&a.url), common::dump_schema(&e.url));
    e.exec(&down).await;
    assert_eq!(common::dump_schema(&empty.url), common::dump_schema(&e.url));
    // The down script can run again after the up script (nothing is left half-dropped).
    e.exec(&up).await;
    e.exec(&down).await;
}

#[tokio::test]
async fn views_in_their_own_file() {
    let a = migrated_db("squash_views").await;
    let dir = temp_dir("views");
    let main = dir.join("m.sql");
    let out = squash_from_db(
        &a,
        &[
            "--views-output",
            "separate",
            "--verify",
            "--out",
            main.to_str().unwrap(),
        ],
    );
    out.assert_code(0);
    assert!(
        out.stderr.contains("verified: 0 differences"),
        "{}",
        out.stderr
    );
    let migration = read(&main);
    let views = read(&dir.join("m.views.sql"));
    assert!(!migration.contains("VIEW"), "{migration}");
    assert!(views.contains("CREATE VIEW \"public\".\"top_genes\""));
    assert!(views.contains("CREATE MATERIALIZED VIEW"));
    assert!(views.contains("CREATE UNIQUE INDEX \"source_scores_name\""));
    assert!(views.contains("COMMENT ON VIEW"));
    assert!(!views.contains("CREATE TABLE"));
    let g = common::test_db("squash_views_g").await;
    g.exec(&migration).await;
    g.exec(&views).await;
    assert_eq!(common::dump_schema(&a.url), common::dump_schema(&g.url));
}

#[tokio::test]
async fn errors_are_reported() {
    let dir = temp_dir("errors");
    let missing = common::run_pgdrift(
        &[
            "squash",
            "--schema-file",
            dir.join("nope.yaml").to_str().unwrap(),
        ],
        None,
        &[],
    );
    missing.assert_code(2);
    assert!(missing.stderr.contains("nope.yaml"), "{}", missing.stderr);
    let bad_rev = common::run_pgdrift(
        &[
            "squash",
            "--stamp",
            "it's",
            "--db",
            "postgres://x@127.0.0.1:1/x",
        ],
        None,
        &[],
    );
    bad_rev.assert_code(2);
    assert!(bad_rev.stderr.contains("revision id"), "{}", bad_rev.stderr);
}

/// Real Alembic: `alembic upgrade head` with the emitted revision builds the schema (no drift),
/// `alembic downgrade base` removes every object again.
#[tokio::test]
async fn alembic_end_to_end() {
    let Some(alembic) = std::env::var("PGDRIFT_ALEMBIC")
        .ok()
        .filter(|s| !s.is_empty())
    else {
        // Written to the stderr handle directly: libtest captures eprintln! of passing tests, and
        // a skip must be visible in the CI log.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED alembic_end_to_end: PGDRIFT_ALEMBIC is not set (.ci/run sets it when pip can install alembic and psycopg2-binary)"
        );
        return;
    };
    let a = migrated_db("squash_alembic_src").await;
    let project = temp_dir("alembic");
    let versions = project.join("versions");
    std::fs::create_dir_all(&versions).unwrap();
    let rev = versions.join("abc123_squash.py");
    squash_from_db(
        &a,
        &[
            "--format",
            "alembic",
            "--revision",
            "abc123",
            "--message",
            "squash \"all\" of it",
            "--out",
            rev.to_str().unwrap(),
        ],
    )
    .assert_code(0);
    std::fs::write(
        project.join("alembic.ini"),
        "[alembic]\nscript_location = %(here)s\n\n[loggers]\nkeys = root\n\n[handlers]\nkeys = console\n\n\
         [formatters]\nkeys = generic\n\n[logger_root]\nlevel = WARN\nhandlers = console\n\n\
         [handler_console]\nclass = StreamHandler\nargs = (sys.stderr,)\nlevel = NOTSET\nformatter = generic\n\n\
         [formatter_generic]\nformat = %%(levelname)s %%(message)s\n",
    )
    .unwrap();
    std::fs::write(
        project.join("env.py"),
        "import os\nfrom alembic import context\nfrom sqlalchemy import create_engine\n\n\
         url = os.environ[\"PGDRIFT_TEST_SQLALCHEMY_URL\"]\n\
         if context.is_offline_mode():\n    \
         context.configure(url=url, target_metadata=None, literal_binds=True)\n    \
         with context.begin_transaction():\n        context.run_migrations()\n\
         else:\n    \
         engine = create_engine(url)\n    \
         with engine.connect() as connection:\n        \
         context.configure(connection=connection, target_metadata=None, transactional_ddl=True)\n        \
         with context.begin_transaction():\n            context.run_migrations()\n",
    )
    .unwrap();
    let h = common::test_db("squash_alembic_target").await;
    let sa_url = h
        .url
        .replacen("postgresql://", "postgresql+psycopg2://", 1)
        .replacen("postgres://", "postgresql+psycopg2://", 1);
    let run = |args: &[&str]| {
        let out = std::process::Command::new(&alembic)
            .args(["-c", project.join("alembic.ini").to_str().unwrap()])
            .args(args)
            .env("PGDRIFT_TEST_SQLALCHEMY_URL", &sa_url)
            .current_dir(&project)
            .output()
            .expect("running alembic");
        assert!(
            out.status.success(),
            "alembic {args:?} failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // Offline mode prints the statements verbatim (no bind-parameter mangling of ':' or '%').
    let offline = run(&["upgrade", "head", "--sql"]);
    assert!(
        offline.contains("CREATE TABLE \"public\".\"gene\""),
        "{offline}"
    );
    assert!(
        offline.contains("'https://example.org/a:b?x=1%20'::text"),
        "{offline}"
    );
    assert!(
        !has_alembic_version(&h).await,
        "offline mode touched the database"
    );
    run(&["upgrade", "head"]);
    let schemas = vec!["public".to_string(), "audit".to_string()];
    let cmp = app::compare(
        &Source::Db(DbUrl::parse(&a.url).unwrap()),
        &Source::Db(DbUrl::parse(&h.url).unwrap()),
        None,
        &schemas,
    )
    .await
    .unwrap();
    // Kinds the model does not cover (this schema has a NOT VALID check) are reported on both
    // sides as `unsupported`; the pg_dump comparison below is their witness.
    let drift: Vec<_> = squash::without_alembic_version(cmp.changes)
        .into_iter()
        .filter(|c| c.category != pgdrift::diff::Category::Unsupported)
        .collect();
    assert!(
        drift.is_empty(),
        "{:#?}",
        drift.iter().map(|c| &c.summary).collect::<Vec<_>>()
    );
    let version: String = h
        .client()
        .await
        .query_one("SELECT version_num FROM alembic_version", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(version, "abc123");
    // Beyond the model: pg_dump equal, except for alembic_version.
    let h_dump = common::dump_schema(&h.url);
    assert!(h_dump.contains("alembic_version"));
    assert_eq!(
        without_statements_about("alembic_version", &common::dump_schema(&a.url)),
        without_statements_about("alembic_version", &h_dump)
    );

    run(&["downgrade", "base"]);
    let left = app::read_db(&DbUrl::parse(&h.url).unwrap(), &schemas)
        .await
        .unwrap()
        .schema;
    let tables: Vec<String> = left.tables.keys().map(|k| k.display_name()).collect();
    assert_eq!(tables, vec!["alembic_version"]);
    assert!(left.views.is_empty() && left.enums.is_empty() && left.sequences.is_empty());
    assert!(left.extensions.is_empty() && left.schemas.is_empty());
}

/// A source PostgreSQL would print differently (a hand-written snapshot) fails --verify with
/// every difference listed, and a statement PostgreSQL rejects is named.
#[tokio::test]
async fn verify_reports_differences() {
    let db = common::test_db("squash_verify_fail").await;
    let major: String = db
        .client()
        .await
        .query_one("SELECT current_setting('server_version_num')", &[])
        .await
        .unwrap()
        .get(0);
    let major = major.parse::<u32>().unwrap() / 10000;
    let dir = temp_dir("verify_fail");
    let snap = dir.join("snap.yaml");
    std::fs::write(
        &snap,
        format!(
            "postgres: {major}\ntables:\n  t:\n    columns:\n      x: integer\n      y: int4\n    checks:\n      t_x_check: \"x>0\"\n"
        ),
    )
    .unwrap();
    let out = common::run_pgdrift(
        &[
            "squash",
            "--from-snapshot",
            snap.to_str().unwrap(),
            "--verify",
            "--dev-url",
            &db.server_url(),
        ],
        None,
        &[],
    );
    out.assert_code(1);
    assert!(out.stderr.contains("verify FAILED"), "{}", out.stderr);
    assert!(out.stderr.contains("int4"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("pg_dump witness: not run: a snapshot has no database to dump"),
        "{}",
        out.stderr
    );
    // `x>0` and PostgreSQL's `(x > 0)` share a deparse fixpoint: the same check, not a difference.
    assert!(!out.stderr.contains("t_x_check"), "{}", out.stderr);

    std::fs::write(
        &snap,
        format!("postgres: {major}\ntables:\n  t:\n    columns:\n      x: no_such_type\n"),
    )
    .unwrap();
    let out = common::run_pgdrift(
        &[
            "squash",
            "--from-snapshot",
            snap.to_str().unwrap(),
            "--verify",
            "--dev-url",
            &db.server_url(),
        ],
        None,
        &[],
    );
    out.assert_code(2);
    assert!(out.stderr.contains("table t"), "{}", out.stderr);
    assert!(out.stderr.contains("no_such_type"), "{}", out.stderr);
}

/// Runs `case` for every folder, at most `parallel` at a time; collects the failures.
async fn run_cases<F, Fut>(dirs: Vec<PathBuf>, parallel: usize, case: F) -> Vec<String>
where
    F: Fn(PathBuf) -> Fut,
    Fut: std::future::Future<Output = Result<(), String>> + Send + 'static,
{
    let mut set = tokio::task::JoinSet::new();
    let mut failures = Vec::new();
    for dir in dirs {
        if set.len() >= parallel {
            if let Some(r) = set.join_next().await {
                if let Err(e) = r.unwrap_or_else(|e| Err(e.to_string())) {
                    failures.push(e);
                }
            }
        }
        set.spawn(case(dir));
    }
    while let Some(r) = set.join_next().await {
        if let Err(e) = r.unwrap_or_else(|e| Err(e.to_string())) {
            failures.push(e);
        }
    }
    failures.sort();
    failures
}

/// One convergence-corpus "new" schema: built from its SQL, squashed from the live database,
/// verified, and rebuilt from the squash with an equal pg_dump.
async fn squash_new_schema(dir: PathBuf, dev: DevServer) -> Result<(), String> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let schemas: Vec<String> = std::fs::read_to_string(dir.join("schemas"))
        .map(|s| s.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    let live = common::test_db(&format!("sqc_{name}")).await;
    live.exec(&read(&dir.join("new.sql"))).await;
    let source = Source::Db(DbUrl::parse(&live.url).unwrap());
    let fail = |e: pgdrift::Error| format!("{name}: {e}");
    let src = squash::resolve_source(&source, Some(&dev), &schemas)
        .await
        .map_err(fail)?;
    let script =
        squash::script(&src.schema, ViewsOutput::Inline).map_err(|e| format!("{name}: {e}"))?;
    let v = squash::verify(&src, &script, &dev).await.map_err(fail)?;
    let mut lines: Vec<String> = v.differences.iter().map(|c| c.summary.clone()).collect();
    lines.extend(v.extra_differences.clone());
    lines.extend(witness_lines(&v.witness));
    if !lines.is_empty() {
        return Err(format!("{name}: {lines:#?}"));
    }
    let sql = squash::render_sql(&squash::Meta::new(&src), "test", &script.migration);
    let rebuilt = common::test_db(&format!("sqr_{name}")).await;
    if let Err(e) = rebuilt.client().await.batch_execute(&sql).await {
        return Err(format!("{name}: {}", common::pg_error_text(&e)));
    }
    // The squash leaves `alembic_version` out by design (Alembic's bookkeeping, not schema):
    // the source's is not compared.
    if let Err(e) = live
        .client()
        .await
        .batch_execute("DROP TABLE IF EXISTS public.alembic_version")
        .await
    {
        return Err(format!("{name}: {}", common::pg_error_text(&e)));
    }
    let (live_url, rebuilt_url) = (live.url.clone(), rebuilt.url.clone());
    let (a, b) = tokio::task::spawn_blocking(move || {
        (
            common::dump_schema(&live_url),
            common::dump_schema(&rebuilt_url),
        )
    })
    .await
    .map_err(|e| e.to_string())?;
    if a != b {
        let d = similar::TextDiff::from_lines(&a, &b);
        return Err(format!(
            "{name}: pg_dump differs\n{}",
            d.unified_diff().header("source", "rebuilt")
        ));
    }
    // The down migration empties the rebuilt database (the round-trip driver leaves these
    // cases' squash to this test).
    let down = pgdrift::ddl::render_script(&script.down);
    common::down_leaves_nothing(&down, &rebuilt)
        .await
        .map_err(|e| format!("{name}: down migration: {e}"))
}

/// Every "new" schema of the convergence corpus squashes, verifies and rebuilds exactly.
#[tokio::test]
async fn convergence_corpus_new_schemas() {
    let root = repo().join("tests/corpus/converge");
    let Ok(entries) = std::fs::read_dir(&root) else {
        panic!("no convergence corpus at {}", root.display());
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("new.sql").is_file())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty());
    let total = dirs.len();
    // CORPUS_FILTER=text: only the cases whose folder name contains it.
    if let Ok(filter) = std::env::var("CORPUS_FILTER") {
        dirs.retain(|d| d.to_string_lossy().contains(&filter));
    }
    let probe = common::test_db("squash_converge").await;
    // Cases holding `min_major` need a newer server than this one.
    dirs.retain(|d| match common::too_old_for(d) {
        Ok(Some(note)) => {
            eprintln!("squash: {note}");
            false
        }
        _ => true,
    });
    let dev = DevServer::Url(DbUrl::parse(&probe.server_url()).unwrap());
    let failures = run_cases(dirs, 8, |dir| squash_new_schema(dir, dev.clone())).await;
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A table plus what the model does not hold: a text search dictionary (functions, domains and
/// rules are modelled now).
const WITH_FUNCTION: &str = "
CREATE TABLE item (id bigint PRIMARY KEY, qty integer NOT NULL DEFAULT 0);
CREATE TEXT SEARCH DICTIONARY w_item_total (TEMPLATE = pg_catalog.simple);
";

/// `--verify` of a live database with a function: the model finds nothing, the pg_dump witness
/// names the function, verification fails and nothing is written (neither --out nor stdout);
/// `--allow-unsupported` turns it into a warning. A plain schema passes both.
#[tokio::test]
async fn verify_has_a_pg_dump_witness() {
    let db = common::test_db("squash_witness").await;
    db.exec(WITH_FUNCTION).await;
    let dir = temp_dir("witness");
    let file = dir.join("f.sql");
    let verify = |extra: &[&str]| {
        let mut args = vec!["squash", "--from-db", db.url.as_str(), "--verify"];
        args.extend_from_slice(extra);
        common::run_pgdrift(&args, None, &[])
    };

    let out = verify(&["--out", file.to_str().unwrap()]);
    out.assert_code(1);
    assert!(
        out.stderr.contains(
            "pg_dump witness: 1 statement(s) differ (1 only in the source, 0 only in the rebuilt database)"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("source only:  CREATE TEXT SEARCH DICTIONARY public.w_item_total"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("verify FAILED"), "{}", out.stderr);
    assert!(!out.stderr.contains("verified: 0"), "{}", out.stderr);
    assert!(
        out.stderr.contains("nothing was written") && out.stderr.contains("f.sql"),
        "{}",
        out.stderr
    );
    assert!(!file.exists(), "the unverified script was written");

    let out = verify(&[]);
    out.assert_code(1);
    assert_eq!(out.stdout, "", "the unverified script was printed");
    assert!(out.stderr.contains("w_item_total"), "{}", out.stderr);

    let out = verify(&["--allow-unsupported", "--out", file.to_str().unwrap()]);
    out.assert_code(0);
    assert!(
        out.stderr
            .contains("warning: pg_dump witness: 1 statement(s) differ"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("w_item_total"), "{}", out.stderr);
    assert!(
        out.stderr.contains("verified: 0 differences"),
        "{}",
        out.stderr
    );
    let text = read(&file);
    assert!(text.contains("CREATE TABLE \"public\".\"item\""), "{text}");
    assert!(!text.contains("w_item_total"), "{text}");

    let plain = common::test_db("squash_witness_plain").await;
    plain
        .exec("CREATE TABLE item (id bigint PRIMARY KEY, qty integer NOT NULL DEFAULT 0); CREATE INDEX item_qty ON item (qty);")
        .await;
    let out = common::run_pgdrift(
        &["squash", "--from-db", plain.url.as_str(), "--verify"],
        None,
        &[],
    );
    out.assert_code(0);
    assert!(
        out.stderr.contains("verified: 0 differences"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("pg_dump witness: identical (pg_dump "),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains("CREATE INDEX \"item_qty\""),
        "{}",
        out.stdout
    );
}

/// The library reports the witness in `Verification`; a declared source keeps its scratch
/// database for the witness until released, and every path drops it (on a private server, so
/// other tests' scratch databases do not interfere).
#[tokio::test]
async fn declared_source_scratch_is_held_for_the_witness_and_dropped() {
    let server = pgdrift::ephemeral::Ephemeral::start().await.unwrap();
    let server_url = server.url();
    let scratch_dbs = || async {
        let (client, conn) = tokio_postgres::connect(&server_url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(conn);
        client
            .query(
                "SELECT datname FROM pg_database WHERE datname LIKE 'pgdrift_scratch%'",
                &[],
            )
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<_, String>(0))
            .collect::<Vec<_>>()
    };
    let dev = DevServer::Url(DbUrl::parse(&server_url).unwrap());
    let declared = Source::Declared {
        schema_file: repo().join("schema.yaml"),
        views_dir: repo().join("views"),
    };
    let held = squash::resolve_source_held(&declared, Some(&dev), &[])
        .await
        .unwrap();
    assert_eq!(scratch_dbs().await.len(), 1, "held while verifying");
    let script = squash::script(&held.source.schema, ViewsOutput::Inline).unwrap();
    let v = squash::verify(&held.source, &script, &dev).await.unwrap();
    assert!(v.passed(false));
    match &v.witness {
        Outcome::Compared { differences, .. } => assert_eq!(differences, &vec![]),
        other => panic!("{other:?}"),
    }
    let released = held.release().await;
    assert!(scratch_dbs().await.is_empty());
    // Released: the witness says why it cannot run instead of failing.
    let v = squash::verify(&released, &script, &dev).await.unwrap();
    assert_eq!(
        v.witness,
        Outcome::NotRun(pgdrift::witness::NotRun::SourceDropped)
    );

    // The command drops it on success and on an error after resolving (dir needs --out).
    let out = common::run_pgdrift(
        &["squash", "--verify", "--dev-url", &server_url],
        Some(&repo()),
        &[],
    );
    out.assert_code(0);
    assert!(
        out.stderr.contains("pg_dump witness: identical"),
        "{}",
        out.stderr
    );
    let out = common::run_pgdrift(
        &["squash", "--format", "dir", "--dev-url", &server_url],
        Some(&repo()),
        &[],
    );
    out.assert_code(2);
    assert!(out.stderr.contains("--out DIR"), "{}", out.stderr);
    assert!(
        scratch_dbs().await.is_empty(),
        "a scratch database was left behind"
    );
    server.stop().await;
}

/// Whatever `plan` emits is at PostgreSQL's deparse fixpoint: a project whose checks, defaults,
/// generated column, indexes, domain and view PostgreSQL re-reads into another form (`IN` lists
/// and `ANY (ARRAY[...])` over varchar, casts, `CURRENT_TIMESTAMP`), applied to an empty
/// database, is exactly what the project's squash builds (`check --fingerprint` passes), and a
/// second plan is empty.
#[tokio::test]
async fn applied_project_matches_its_squash() {
    let project = repo().join("tests/fixtures/fixpoint_project");
    let db = common::test_db("fixpoint_applied").await;
    let server = db.server_url();
    let with_db = |cmd: &[&str]| {
        let mut args = cmd.to_vec();
        args.extend_from_slice(&["--db", &db.url, "--dev-url", &server]);
        common::run_pgdrift(&args, Some(&project), &[])
    };
    with_db(&["apply", "--yes"]).assert_code(0);
    let dir = temp_dir("fixpoint");
    let script = dir.join("squash.sql");
    common::run_pgdrift(
        &[
            "squash",
            "--dev-url",
            &server,
            "--out",
            script.to_str().unwrap(),
        ],
        Some(&project),
        &[],
    )
    .assert_code(0);
    let text = read(&script);
    assert!(text.contains("::character varying[]"), "{text}");
    let out = common::run_pgdrift(
        &[
            "check",
            "--db",
            &db.url,
            "--fingerprint",
            script.to_str().unwrap(),
        ],
        Some(&project),
        &[],
    );
    if out.code != 0 {
        // Show what differs: the squash built in a database of its own, against the applied one.
        let built = common::test_db("fixpoint_built").await;
        built.exec(&text).await;
        let diff = common::run_pgdrift(&["diff", &db.url, &built.url], None, &[]);
        panic!(
            "check --fingerprint: {}\napplied vs squash-built:\n{}",
            out.stdout, diff.stdout
        );
    }
    assert!(out.stdout.contains("fingerprint matches"), "{}", out.stdout);
    let again = with_db(&["plan", "--format", "json"]);
    again.assert_code(0);
    let plan: serde_json::Value = serde_json::from_str(&again.stdout).unwrap();
    assert_eq!(
        plan["steps"].as_array().map(Vec::len),
        Some(0),
        "{}",
        again.stdout
    );
    with_db(&["check"]).assert_code(0);
}
