//! Domains, composite and range types and collations end to end through the CLI: the hint for a
//! type in a schema that was not read (inspect warns, check names the way out), and the
//! categories `domain` / `user_type` that `--fail-on` and `--warn-on` gate on.

mod common;

use std::path::PathBuf;

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pgdrift_types_{tag}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

const SQL: &str = r#"
CREATE SCHEMA shared;
CREATE DOMAIN shared.email AS text CHECK (VALUE ~ '@');
CREATE SCHEMA app;
CREATE TYPE app.pair AS (a integer, b text);
CREATE TABLE app.users (id bigint PRIMARY KEY, mail shared.email, p app.pair);
"#;

fn inspect(url: &str, dir: &std::path::Path, schemas: &[&str]) -> common::Output {
    let mut args = vec!["inspect", "--db", url, "--out", dir.to_str().unwrap_or(".")];
    for s in schemas {
        args.extend_from_slice(&["--schema", s]);
    }
    common::run_pgdrift(&args, None, &[])
}

#[tokio::test]
async fn a_type_in_a_schema_not_read_leads_to_schema() {
    let db = common::test_db("types_hint").await;
    db.exec(SQL).await;
    let dir = temp_dir("narrow");
    let out = inspect(&db.url, &dir, &["app"]);
    out.assert_code(0);
    assert!(
        out.stderr.contains("warning: column app.users.mail uses type shared.email of schema `shared`, which was not read")
            && out.stderr.contains("`--schema shared`"),
        "{}",
        out.stderr
    );
    let out = common::run_pgdrift(
        &["check", "--db", &db.url, "--schema", "app", "--no-cache"],
        Some(&dir),
        &[],
    );
    out.assert_code(2);
    assert!(
        out.stderr.contains("column app.users.mail: unknown type `shared.email`: schema `shared` is not part of this project")
            && out.stderr.contains("`domains:`")
            && out.stderr.contains("inspect again with `--schema shared` added"),
        "{}",
        out.stderr
    );

    let dir = temp_dir("both");
    let out = inspect(&db.url, &dir, &["app", "shared"]);
    out.assert_code(0);
    assert!(!out.stderr.contains("warning:"), "{}", out.stderr);
    let args = [
        "check",
        "--db",
        &db.url,
        "--schema",
        "app",
        "--schema",
        "shared",
        "--no-cache",
    ];
    common::run_pgdrift(&args, Some(&dir), &[]).assert_code(0);
}

#[tokio::test]
async fn domain_and_user_type_categories_gate_the_exit_code() {
    let db = common::test_db("types_gate").await;
    db.exec(SQL).await;
    let dir = temp_dir("gate");
    inspect(&db.url, &dir, &[]).assert_code(0);
    db.exec(
        "ALTER DOMAIN shared.email SET DEFAULT 'x@y'; ALTER TYPE app.pair ADD ATTRIBUTE c date",
    )
    .await;
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "--db", db.url.as_str(), "--no-cache"];
        args.extend_from_slice(extra);
        common::run_pgdrift(&args, Some(&dir), &[])
    };
    let out = check(&["--format", "json"]);
    out.assert_code(1);
    assert!(
        out.stdout.contains("\"category\": \"domain\""),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\"category\": \"user_type\""),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\"kind\": \"composite_type\""),
        "{}",
        out.stdout
    );
    check(&["--fail-on", "domain"]).assert_code(1);
    check(&["--fail-on", "types"]).assert_code(1);
    check(&["--warn-on", "domain,user_type"]).assert_code(0);
    check(&["--fail-on", "enum"]).assert_code(0);
}
