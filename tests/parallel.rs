//! `--jobs N`: the declared DDL on several scratch connections at once must normalize to exactly
//! what one connection gives, report a rejected declaration at the same file:line, and leave no
//! scratch database behind; `plan` must normalize once (seen through `PGDRIFT_TRACE`).

mod common;

use std::path::Path;
use std::sync::Mutex;

use common::{run_pgdrift, temp_dir, test_db, TestDb};

/// Many kinds at once: enums, a domain, a composite type, partitions, inheritance, foreign keys
/// in both directions and in a cycle, functions (one a table's default needs), a trigger, views,
/// a materialized view, comments and grants; then 150 plain tables with indexes and keys, so
/// every stage has several lanes.
fn fixture() -> String {
    let mut sql = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rich.sql"),
    )
    .expect("rich.sql");
    sql.push_str(
        "DO $$ BEGIN CREATE ROLE pgdrift_par_reader; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE TYPE pair AS (a integer, b text);
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'c' || 1 $$;
CREATE TABLE events (id int, at date NOT NULL, code text DEFAULT next_code(), p pair, n positive)
  PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX events_at ON events (at);
CREATE TABLE base (id int PRIMARY KEY, label text);
CREATE TABLE derived (extra text) INHERITS (base);
CREATE TABLE ping (id int PRIMARY KEY, pong_id int);
CREATE TABLE pong (id int PRIMARY KEY, ping_id int REFERENCES ping (id));
ALTER TABLE ping ADD CONSTRAINT ping_pong FOREIGN KEY (pong_id) REFERENCES pong (id);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER ping_touch BEFORE UPDATE ON ping FOR EACH ROW EXECUTE FUNCTION touch();
CREATE VIEW ping_pong_v AS SELECT ping.id, pong.id AS pong FROM ping JOIN pong ON pong.ping_id = ping.id;
GRANT SELECT ON ping, pong, ping_pong_v TO pgdrift_par_reader;
COMMENT ON TABLE pong IS 'the other side';
",
    );
    for i in 0..150 {
        sql.push_str(&format!(
            "CREATE TABLE t{i} (id int PRIMARY KEY, prev int, note text DEFAULT 'x');\n\
             CREATE INDEX t{i}_note ON t{i} (note);\n"
        ));
    }
    for i in 0..150 {
        let target = if i % 3 == 0 {
            (i * 7) % 150
        } else {
            (i + 1) % 150
        };
        sql.push_str(&format!(
            "ALTER TABLE t{i} ADD CONSTRAINT t{i}_prev FOREIGN KEY (prev) REFERENCES t{target} (id);\n"
        ));
    }
    sql
}

/// How `inspect` writes the columns of the fixture's table `name`.
fn columns_of(name: &str) -> String {
    format!("  {name}:\n    columns:\n      id:\n        type: integer\n        nullable: false\n      prev:\n        type: integer\n      note:\n        type: text\n        default: \"'x'::text\"\n")
}

/// Gives the view `order_totals` one more output column, `column` (`1 AS one`), in the middle.
fn add_view_column(dir: &Path, column: &str) {
    let view = dir.join("views/order_totals.sql");
    let text = std::fs::read_to_string(&view).expect("view file");
    let changed = text.replace("count(*) AS n,", &format!("count(*) AS n, {column},"));
    std::fs::write(&view, changed).expect("write view");
}

/// How many scratch databases a run with `PGDRIFT_TRACE` created, by its stderr.
fn scratch_created(stderr: &str) -> usize {
    stderr
        .lines()
        .filter(|l| l.starts_with("pgdrift trace: scratch database #"))
        .count()
}

/// A database holding [`fixture`] and the project `inspect` writes for it.
async fn project(hint: &str) -> (TestDb, std::path::PathBuf) {
    let db = test_db(hint).await;
    db.exec(&fixture()).await;
    let dir = temp_dir("parallel", hint);
    let dir_s = dir.to_string_lossy().into_owned();
    run_pgdrift(&["inspect", "--db", &db.url, "--out", &dir_s], None, &[]).assert_code(0);
    (db, dir)
}

fn squash(dir: &Path, server: &str, jobs: &str) -> String {
    let out = run_pgdrift(
        &[
            "squash",
            "--schema-file",
            "schema.yaml",
            "--views",
            "views",
            "--dev-url",
            server,
            "--jobs",
            jobs,
        ],
        Some(dir),
        &[("PGDRIFT_TRACE", "1")],
    );
    out.assert_code(0);
    assert!(
        out.stderr
            .contains(&format!("declared DDL on {jobs} connection(s)")),
        "{}",
        out.stderr
    );
    out.stdout
}

/// The tests of this file one at a time: each checks that no scratch database is left on the
/// server, which another test's run in progress would hold.
fn serially(test: impl std::future::Future<Output = ()>) {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(test);
}

async fn scratch_databases(db: &TestDb) -> Vec<String> {
    let client = db.client().await;
    let rows = client
        .query(
            "SELECT datname::text FROM pg_database WHERE datname LIKE 'pgdrift\\_scratch\\_%'",
            &[],
        )
        .await
        .expect("pg_database");
    rows.iter().map(|r| r.get(0)).collect()
}

#[test]
fn parallel_ddl_normalizes_exactly_like_one_connection() {
    serially(async {
        let (db, dir) = project("par_same").await;
        let server = db.server_url();
        let one = squash(&dir, &server, "1");
        let four = squash(&dir, &server, "4");
        assert!(one.contains("CREATE TABLE \"public\".\"t149\""), "{one}");
        assert!(one.contains("ping_pong"), "{one}");
        assert_eq!(one, four, "--jobs 4 normalized differently from --jobs 1");
        // And the project matches its database with either.
        for jobs in ["1", "3"] {
            let out = run_pgdrift(
                &["check", "--db", &db.url, "--no-cache", "--jobs", jobs],
                Some(&dir),
                &[],
            );
            out.assert_code(0);
        }
    });
}

#[test]
fn a_rejected_table_in_a_parallel_lane_names_its_line_and_leaves_no_scratch() {
    serially(async {
        let (db, dir) = project("par_err").await;
        let yaml = dir.join("schema.yaml");
        let text = std::fs::read_to_string(&yaml).expect("schema.yaml");
        // t120's default calls a function nobody declared: PostgreSQL rejects its CREATE TABLE,
        // which runs in a late lane of the tables stage.
        let anchor = &columns_of("t120");
        assert!(text.contains(anchor), "inspect wrote t120 differently");
        let broken = text.replace(
            anchor,
            &anchor.replace("default: \"'x'::text\"", "default: no_such_fn()"),
        );
        std::fs::write(&yaml, &broken).expect("write schema.yaml");
        // The error names the column's own line (its key, `note:`).
        let note =
            broken.find("  t120:\n").expect("t120") + anchor.find("      note:").expect("note");
        let line = broken[..note].matches('\n').count() + 1;
        let mut messages = Vec::new();
        for jobs in ["1", "4"] {
            let out = run_pgdrift(
                &["check", "--db", &db.url, "--no-cache", "--jobs", jobs],
                Some(&dir),
                &[],
            );
            out.assert_code(2);
            assert!(
                out.stderr.contains(&format!("schema.yaml:{line}:"))
                    && out.stderr.contains("column t120.note")
                    && out.stderr.contains("no_such_fn"),
                "--jobs {jobs}: {}",
                out.stderr
            );
            messages.push(out.stderr);
        }
        assert_eq!(messages[0], messages[1]);
        assert_eq!(scratch_databases(&db).await, Vec::<String>::new());
    });
}

#[test]
fn plan_with_a_changed_view_normalizes_once() {
    serially(async {
        let (db, dir) = project("par_plan").await;
        add_view_column(&dir, "1 AS one");
        let out = run_pgdrift(
            &["plan", "--db", &db.url, "--no-cache", "--jobs", "2"],
            Some(&dir),
            &[("PGDRIFT_TRACE", "1")],
        );
        out.assert_code(0);
        assert!(out.stdout.contains("1 AS one"), "{}", out.stdout);
        assert_eq!(scratch_created(&out.stderr), 1, "{}", out.stderr);
        assert_eq!(scratch_databases(&db).await, Vec::<String>::new());
    });
}

#[test]
fn apply_normalizes_once_and_checks_the_result_with_that_normalization() {
    serially(async {
        let (db, dir) = project("par_apply").await;
        add_view_column(&dir, "2 AS two");
        let yaml = dir.join("schema.yaml");
        let text = std::fs::read_to_string(&yaml).expect("schema.yaml");
        let t5 = columns_of("t5");
        assert!(text.contains(&t5), "inspect wrote t5 differently");
        let added = format!("{t5}      extra:\n        type: bigint\n");
        std::fs::write(&yaml, text.replace(&t5, &added)).expect("write schema.yaml");
        let out = run_pgdrift(
            &["apply", "--db", &db.url, "--no-cache", "--yes"],
            Some(&dir),
            &[("PGDRIFT_TRACE", "1")],
        );
        out.assert_code(0);
        assert!(
            out.stdout.contains("converged") && !out.stdout.contains("not converged"),
            "{}",
            out.stdout
        );
        assert_eq!(scratch_created(&out.stderr), 1, "{}", out.stderr);
        assert_eq!(scratch_databases(&db).await, Vec::<String>::new());
    });
}

#[test]
fn squash_verify_builds_on_several_connections_and_strict_runs_the_file_once() {
    serially(async {
        let (db, dir) = project("par_squash").await;
        let server = db.server_url();
        let out_file = dir.join("squash.sql");
        let out_s = out_file.to_string_lossy().into_owned();
        let out = run_pgdrift(
            &[
                "squash",
                "--from-db",
                &db.url,
                "--dev-url",
                &server,
                "--jobs",
                "3",
                "--verify-strict",
                "--out",
                &out_s,
            ],
            None,
            &[("PGDRIFT_TRACE", "1")],
        );
        out.assert_code(0);
        for expected in [
            "verify: migration on 3 connection(s)",
            "verified: 0 differences",
            "--verify-strict: the SQL, run in one session as written, built the same schema",
        ] {
            assert!(out.stderr.contains(expected), "{expected}: {}", out.stderr);
        }
        let sql = std::fs::read_to_string(&out_file).expect("squash.sql");
        assert!(sql.contains("CREATE TABLE \"public\".\"t149\""), "{sql}");
        assert_eq!(scratch_databases(&db).await, Vec::<String>::new());
    });
}
