//! Every schema, like pg_dump: without --schema, commands read every schema that is not a
//! system schema and not owned by an extension; --schema / --exclude-schema narrow it with globs;
//! plan creates and drops schemas like any object.

mod common;

use std::path::PathBuf;

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pgdrift_schemas_{tag}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

const SQL: &str = r#"
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id bigint PRIMARY KEY);
CREATE SCHEMA "Audit Log";
CREATE TABLE "Audit Log"."Events" (id bigint);
CREATE TABLE users (id bigint PRIMARY KEY);
"#;

#[tokio::test]
async fn inspect_reads_every_schema_and_globs_narrow_it() {
    let db = common::test_db("schemas_inspect").await;
    db.exec(SQL).await;
    let dir = temp_dir("all");
    common::run_pgdrift(
        &[
            "inspect",
            "--db",
            &db.url,
            "--out",
            dir.to_str().unwrap_or("."),
        ],
        None,
        &[],
    )
    .assert_code(0);
    let yaml = std::fs::read_to_string(dir.join("schema.yaml")).expect("schema.yaml");
    assert!(yaml.contains("billing.invoices"), "{yaml}");
    assert!(yaml.contains("Audit Log.Events"), "{yaml}");
    // The inspected project is clean against its database, every schema included.
    common::run_pgdrift(&["check", "--db", &db.url, "--no-cache"], Some(&dir), &[]).assert_code(0);

    let dir = temp_dir("narrow");
    common::run_pgdrift(
        &[
            "inspect",
            "--db",
            &db.url,
            "--exclude-schema",
            "Audit*",
            "--out",
            dir.to_str().unwrap_or("."),
        ],
        None,
        &[],
    )
    .assert_code(0);
    let yaml = std::fs::read_to_string(dir.join("schema.yaml")).expect("schema.yaml");
    assert!(yaml.contains("billing.invoices"), "{yaml}");
    assert!(!yaml.contains("Audit Log"), "{yaml}");
    // Checked with the same selection: clean; with every schema: the excluded one is extra.
    common::run_pgdrift(
        &[
            "check",
            "--db",
            &db.url,
            "--exclude-schema",
            "Audit*",
            "--no-cache",
        ],
        Some(&dir),
        &[],
    )
    .assert_code(0);
    let out = common::run_pgdrift(&["check", "--db", &db.url, "--no-cache"], Some(&dir), &[]);
    out.assert_code(1);
    assert!(
        out.stdout
            .contains("schema Audit Log exists in the database but is not declared"),
        "{}",
        out.stdout
    );
}

#[tokio::test]
async fn plan_creates_and_drops_schemas() {
    let db = common::test_db("schemas_plan").await;
    db.exec("CREATE SCHEMA old_stuff; CREATE TABLE users (id bigint PRIMARY KEY);")
        .await;
    let dir = temp_dir("plan");
    std::fs::write(
        dir.join("schema.yaml"),
        "tables:\n  users:\n    columns:\n      id: bigint\n    primary_key: [id]\n  reports.daily:\n    columns:\n      day: date\n",
    )
    .expect("write schema.yaml");
    let out = common::run_pgdrift(
        &["plan", "--db", &db.url, "--format", "sql"],
        Some(&dir),
        &[],
    );
    out.assert_code(0);
    assert!(
        out.stdout.contains("CREATE SCHEMA \"reports\""),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("DROP SCHEMA \"old_stuff\""),
        "{}",
        out.stdout
    );
    let out = common::run_pgdrift(
        &["apply", "--db", &db.url, "--yes", "--allow-destructive"],
        Some(&dir),
        &[],
    );
    out.assert_code(0);
    assert!(out.stdout.contains("converged"), "{}", out.stdout);
}
