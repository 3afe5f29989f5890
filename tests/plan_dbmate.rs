//! `plan --format dbmate` end to end on the example's production drift: the migration file is
//! written as `<version>_<name>.sql` into --out DIR; its `-- migrate:up` section, run the way
//! dbmate runs it (one transaction), converges the database (`check` clean), and its
//! `-- migrate:down` section, the same way, brings the drift back exactly. dbmate's own
//! `schema_migrations` table is in neither section.

mod common;

use std::path::PathBuf;

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const DBMATE_TABLE: &str = "CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY)";
const IGNORE_IT: &str = "table:schema_migrations=dbmate's bookkeeping";

/// (category, presence, object) of each change `check` reports, sorted.
fn drift(url: &str) -> (i32, Vec<(String, String, String)>) {
    let out = common::run_pgdrift(
        &[
            "check", "--db", url, "--format", "json", "--ignore", IGNORE_IT,
        ],
        Some(&repo()),
        &[],
    );
    let doc: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", out.stdout, out.stderr));
    let mut changes: Vec<(String, String, String)> = doc["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            let s = |k: &str| {
                c[k].as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| c[k].to_string())
            };
            (s("category"), s("presence"), s("object"))
        })
        .collect();
    changes.sort();
    (out.code, changes)
}

/// Runs one section as dbmate does: all of it in one transaction.
async fn run_section(db: &common::TestDb, sql: &str) {
    let client = db.client().await;
    if let Err(e) = client
        .batch_execute(&format!("BEGIN;\n{sql}\nCOMMIT;"))
        .await
    {
        panic!("{}\n{sql}", common::pg_error_text(&e));
    }
}

#[tokio::test]
async fn dbmate_migration_converges_and_rolls_back() {
    let db = common::production_drift_db("dbmate").await;
    db.exec(DBMATE_TABLE).await;
    let (code, before) = drift(&db.url);
    assert_eq!((code, before.len()), (1, 19), "{before:?}");
    let dir = common::temp_dir("dbmate", "migrations");
    let out = common::run_pgdrift(
        &[
            "plan",
            "--db",
            &db.url,
            "--format",
            "dbmate",
            "--out",
            &dir.to_string_lossy(),
            "--revision",
            "20261206120000",
            "-m",
            "Fix production drift",
        ],
        Some(&repo()),
        &[],
    );
    out.assert_code(0);
    let file = dir.join("20261206120000_fix_production_drift.sql");
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{}: {e}\n{}", file.display(), out.stderr));
    let (head, down) = text
        .split_once("\n-- migrate:down\n")
        .expect("a migrate:down section");
    let (_, up) = head
        .split_once("\n-- migrate:up\n")
        .expect("a migrate:up section");
    assert!(!text.contains("schema_migrations"), "{text}");
    assert!(up.contains("hazards: rewrite"), "{up}");
    assert!(
        down.contains("hazards: data_loss") || down.contains("TYPE integer"),
        "{down}"
    );
    run_section(&db, up).await;
    let (code, after) = drift(&db.url);
    assert_eq!((code, after.len()), (0, 0), "{after:?}");
    run_section(&db, down).await;
    let (code, again) = drift(&db.url);
    assert_eq!(code, 1);
    assert_eq!(again, before);
    db.drop_now().await;
}

#[test]
fn a_version_must_be_digits() {
    let out = common::run_pgdrift(
        &["plan", "--format", "dbmate", "--revision", "v1"],
        None,
        &[("DATABASE_URL", "")],
    );
    out.assert_code(2);
    assert!(
        out.stderr
            .contains("--revision v1: a dbmate version is digits only"),
        "{}",
        out.stderr
    );
}
