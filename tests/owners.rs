//! Owners end to end through the binary: `inspect --owners` writes them and `check --owners`
//! is clean; an object given to another role is drift of category `owner` with `--owners` and
//! nothing without; `plan --owners` + `apply --owners` converge; `--ignore role:` leaves a
//! managed service's owners and grants out; a declared owner that does not exist is refused.
//! Role names with capitals and spaces round-trip.

mod common;

use std::path::{Path, PathBuf};

const ROLES: &str = "
DO $$ BEGIN CREATE ROLE pgdrift_own_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE \"pgdrift Own Audit\"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_own_rds_admin; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;";

const OBJECTS: &str = "
CREATE SCHEMA billing;
CREATE TABLE t (id serial PRIMARY KEY, n int);
CREATE TABLE billing.audit_log (id bigint GENERATED ALWAYS AS IDENTITY, what text);
CREATE VIEW v AS SELECT id FROM t;
CREATE MATERIALIZED VIEW mv AS SELECT n FROM t;
CREATE SEQUENCE s;
CREATE TYPE mood AS ENUM ('a');
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'select a';
CREATE PROCEDURE p() LANGUAGE sql AS 'select 1';
ALTER TABLE t OWNER TO pgdrift_own_app;
ALTER VIEW v OWNER TO pgdrift_own_app;
ALTER MATERIALIZED VIEW mv OWNER TO pgdrift_own_app;
ALTER SEQUENCE s OWNER TO pgdrift_own_app;
ALTER TYPE mood OWNER TO pgdrift_own_app;
ALTER DOMAIN posint OWNER TO pgdrift_own_app;
ALTER FUNCTION f(int) OWNER TO pgdrift_own_app;
ALTER PROCEDURE p() OWNER TO pgdrift_own_app;
ALTER SCHEMA billing OWNER TO \"pgdrift Own Audit\";
ALTER TABLE billing.audit_log OWNER TO \"pgdrift Own Audit\";";

fn temp_dir(hint: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pgdrift_owners_{hint}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// `(category, object name)` of every finding of a JSON report.
fn findings(out: &common::Output) -> Vec<(String, String)> {
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("json report");
    let changes = report["changes"].as_array().cloned().unwrap_or_default();
    changes
        .iter()
        .map(|c| {
            let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
            (text(&c["category"]), text(&c["object"]["name"]))
        })
        .collect()
}

#[tokio::test]
async fn owners_inspect_check_plan_apply() {
    let db = common::test_db("owners_e2e").await;
    db.exec(&format!("{ROLES}{OBJECTS}")).await;
    let dir = temp_dir("e2e");
    common::run_pgdrift(
        &["inspect", "--owners", "--db", &db.url, "--out", s(&dir)],
        None,
        &[],
    )
    .assert_code(0);
    let text = std::fs::read_to_string(dir.join("schema.yaml")).expect("schema.yaml");
    for needle in [
        "owner: pgdrift_own_app",
        "owners:",
        "schema billing: pgdrift Own Audit",
        "table billing.audit_log: pgdrift Own Audit",
    ] {
        assert!(text.contains(needle), "{needle} missing from\n{text}");
    }
    // Sequences owned by a column follow their table: never listed.
    assert!(!text.contains("sequence t_id_seq"), "{text}");
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--db", db.url.as_str(), "--no-cache"]);
        common::run_pgdrift(&all, Some(&dir), &[])
    };
    run(&["check", "--owners"]).assert_code(0);
    run(&["check"]).assert_code(0);

    // Another owner on the live side: drift only when asked for.
    db.exec("ALTER TABLE t OWNER TO \"pgdrift Own Audit\"; ALTER FUNCTION f(int) OWNER TO \"pgdrift Own Audit\";")
        .await;
    let out = run(&["check", "--owners", "--format", "json"]);
    out.assert_code(1);
    let got = findings(&out);
    assert!(got.contains(&("owner".into(), "table t".into())), "{got:?}");
    assert!(
        got.contains(&("owner".into(), "function f(integer)".into())),
        "{got:?}"
    );
    assert_eq!(got.len(), 2, "{got:?}");
    run(&["check"]).assert_code(0);
    run(&["check", "--owners", "--category", "owner"]).assert_code(1);

    // plan --owners ends with the ALTERs; apply --owners converges.
    let plan = run(&["plan", "--owners"]);
    plan.assert_code(0);
    assert!(
        plan.stdout
            .contains("ALTER TABLE \"public\".\"t\" OWNER TO \"pgdrift_own_app\""),
        "{}",
        plan.stdout
    );
    assert!(
        plan.stdout
            .contains("ALTER FUNCTION \"public\".\"f\"(integer) OWNER TO \"pgdrift_own_app\""),
        "{}",
        plan.stdout
    );
    let plain = run(&["plan"]);
    assert!(!plain.stdout.contains("OWNER TO"), "{}", plain.stdout);
    let apply = run(&["apply", "--owners", "--yes"]);
    apply.assert_code(0);
    assert!(apply.stdout.contains("converged"), "{}", apply.stdout);
    run(&["check", "--owners"]).assert_code(0);

    // A snapshot keeps them: an offline check against it compares owners too.
    let snap = dir.join("snap.yaml");
    common::run_pgdrift(
        &["snapshot", "--owners", "--db", &db.url, "--out", s(&snap)],
        None,
        &[],
    )
    .assert_code(0);
    let snap_text = std::fs::read_to_string(&snap).expect("snapshot");
    assert!(snap_text.contains("owner: pgdrift_own_app"), "{snap_text}");
    let server = db.server_url();
    let offline = |extra: &[&str]| {
        let mut all = vec![
            "check",
            "--against",
            s(&snap),
            "--dev-url",
            &server,
            "--no-cache",
        ];
        all.extend_from_slice(extra);
        common::run_pgdrift(&all, Some(&dir), &[])
    };
    offline(&["--owners"]).assert_code(0);
    std::fs::write(
        dir.join("schema.yaml"),
        text.replace("owner: pgdrift_own_app", "owner: pgdrift_own_rds_admin"),
    )
    .expect("rewrite schema.yaml");
    offline(&["--owners"]).assert_code(1);
    offline(&[]).assert_code(0);
    std::fs::write(dir.join("schema.yaml"), &text).expect("restore schema.yaml");

    // A squash leaves owners out, like pg_dump --no-owner.
    let squash = common::run_pgdrift(
        &["squash", "--owners", "--dev-url", &server],
        Some(&dir),
        &[],
    );
    squash.assert_code(0);
    assert!(squash.stdout.contains("CREATE TABLE"), "{}", squash.stdout);
    assert!(!squash.stdout.contains("OWNER TO"), "{}", squash.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--ignore role:PATTERN=REASON` works like schema.yaml's `{kind: role}` rule: the owners and
/// grants of matching roles are left out of both sides before the comparison.
#[tokio::test]
async fn cli_role_ignore_filters_owners_and_grants() {
    let db = common::test_db("owners_ignore").await;
    db.exec(&format!("{ROLES}{OBJECTS}")).await;
    let dir = temp_dir("ignore");
    common::run_pgdrift(
        &["inspect", "--owners", "--db", &db.url, "--out", s(&dir)],
        None,
        &[],
    )
    .assert_code(0);
    db.exec(
        "ALTER TABLE t OWNER TO pgdrift_own_rds_admin;
         GRANT SELECT ON billing.audit_log TO pgdrift_own_rds_admin;",
    )
    .await;
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--db", db.url.as_str(), "--no-cache", "--format", "json"]);
        common::run_pgdrift(&all, Some(&dir), &[])
    };
    let out = run(&["check", "--owners"]);
    out.assert_code(1);
    let got = findings(&out);
    assert!(got.contains(&("owner".into(), "table t".into())), "{got:?}");
    assert!(
        got.contains(&("privilege".into(), "table billing.audit_log".into())),
        "{got:?}"
    );
    let ignore = "role:pgdrift_own_rds*=the managed service's own role";
    run(&["check", "--owners", "--ignore", ignore]).assert_code(0);
    // Without --owners only the grant was drift, and the rule removes it too.
    run(&["check", "--ignore", ignore]).assert_code(0);
    let out = run(&["check", "--ignore", "role:nobody*=x"]);
    out.assert_code(1);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A declared owner role the target lacks: `plan --owners` warns and `apply --owners` refuses,
/// naming the role and where schema.yaml names it; without `--owners` it is ignored.
#[tokio::test]
async fn missing_owner_role_is_refused() {
    let db = common::test_db("owners_missing").await;
    let dir = temp_dir("missing");
    std::fs::write(
        dir.join("schema.yaml"),
        "owner: pgdrift_own_nobody_yet\ntables:\n  notes: {columns: {id: bigint}}\n",
    )
    .expect("write schema.yaml");
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--db", db.url.as_str(), "--no-cache"]);
        common::run_pgdrift(&all, Some(&dir), &[])
    };
    let plan = run(&["plan", "--owners"]);
    plan.assert_code(0);
    assert!(
        plan.stderr
            .contains("role pgdrift_own_nobody_yet does not exist")
            && plan.stderr.contains("schema.yaml:1:8"),
        "{}",
        plan.stderr
    );
    let apply = run(&["apply", "--owners", "--yes"]);
    apply.assert_code(2);
    assert!(
        apply.stderr.contains("pgdrift_own_nobody_yet") && apply.stderr.contains("schema.yaml:1:8"),
        "{}",
        apply.stderr
    );
    run(&["apply", "--yes"]).assert_code(0);
    run(&["check"]).assert_code(0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// An `owners:` key must name a declared object (with or without `--owners`: a typo never
/// silently does nothing); the error points at its line.
#[tokio::test]
async fn owners_key_naming_nothing_is_an_error_at_its_line() {
    let db = common::test_db("owners_bad_key").await;
    let dir = temp_dir("bad_key");
    std::fs::write(
        dir.join("schema.yaml"),
        "tables:\n  notes: {columns: {id: bigint}}\nowners:\n  table nothere: x\n",
    )
    .expect("write schema.yaml");
    let out = common::run_pgdrift(&["check", "--db", &db.url, "--no-cache"], Some(&dir), &[]);
    out.assert_code(2);
    assert!(
        out.stderr.contains("schema.yaml:4:3")
            && out.stderr.contains("owners table nothere")
            && out.stderr.contains("names no declared object"),
        "{}",
        out.stderr
    );
    std::fs::write(
        dir.join("schema.yaml"),
        "tables:\n  notes: {columns: {id: bigint}}\nowners:\n  index notes_pkey: x\n",
    )
    .expect("write schema.yaml");
    let out = common::run_pgdrift(&["check", "--db", &db.url, "--no-cache"], Some(&dir), &[]);
    out.assert_code(2);
    assert!(out.stderr.contains("schema.yaml:4:3"), "{}", out.stderr);
    // A serial column's sequence follows its table.
    std::fs::write(
        dir.join("schema.yaml"),
        "tables:\n  notes: {columns: {id: serial}}\nowners:\n  sequence notes_id_seq: x\n",
    )
    .expect("write schema.yaml");
    let out = common::run_pgdrift(&["check", "--db", &db.url, "--no-cache"], Some(&dir), &[]);
    out.assert_code(2);
    assert!(
        out.stderr.contains("schema.yaml:4:3") && out.stderr.contains("the table's owner"),
        "{}",
        out.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}
