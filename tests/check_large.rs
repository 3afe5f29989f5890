//! A declared schema too large for one transaction on a server with default settings must still
//! normalize and check clean: the scratch database is filled in autocommit batches.

mod common;

use pgdrift::app::{self, Source};
use pgdrift::conn::DbUrl;

const TABLES: usize = 2000;

fn large_yaml() -> String {
    let mut yaml = String::from("tables:\n");
    for i in 0..TABLES {
        yaml.push_str(&format!(
            "  t{i}:\n    columns:\n      id: {{type: bigint, nullable: false}}\n      name: text\n      ref_id: bigint\n      created_at: {{type: timestamptz, default: now()}}\n    primary_key: [id]\n    indexes:\n      t{i}_name_idx: [name]\n      t{i}_ref_idx: [ref_id, created_at]\n      t{i}_created_idx: [created_at]\n"
        ));
    }
    yaml
}

#[tokio::test]
async fn large_schema_checks_clean_where_one_transaction_would_overflow_the_lock_table() {
    let dir = std::env::temp_dir().join(format!("pgdrift-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("schema.yaml"), large_yaml()).unwrap();
    let declared =
        pgdrift::load::load_project(&dir.join("schema.yaml"), &dir.join("views")).unwrap();

    // The premise: the same DDL inside ONE transaction fails on a server with default settings.
    // Its own throw-away cluster: an overflowed lock table leaves the server short of shared
    // memory for new connections.
    let probe = pgdrift::ephemeral::Ephemeral::start().await.unwrap();
    let (client, conn) = tokio_postgres::connect(&probe.url(), tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    let script = pgdrift::ddl::render_script(&pgdrift::ddl::create_script(&declared.schema));
    let err = client
        .batch_execute(&format!("BEGIN;\n{script}\nCOMMIT;"))
        .await
        .expect_err("one transaction should overflow the lock table");
    let text = common::pg_error_text(&err);
    assert!(
        text.contains("shared memory") || text.contains("max_locks_per_transaction"),
        "{text}"
    );
    drop(client);
    probe.stop().await;

    // Built in batches, it works; and check against it reports nothing.
    let live = common::test_db("large_live").await;
    pgdrift::normalize::create_declared(&live.client().await, &declared)
        .await
        .unwrap();
    let cmp = app::compare(
        &Source::Declared {
            schema_file: dir.join("schema.yaml"),
            views_dir: dir.join("views"),
        },
        &Source::Db(DbUrl::parse(&live.url).unwrap()),
        None,
        &[],
    )
    .await
    .unwrap();
    assert_eq!(cmp.left.schema.tables.len(), TABLES);
    assert!(
        cmp.changes.is_empty(),
        "{:?}",
        cmp.changes
            .iter()
            .take(5)
            .map(|c| &c.summary)
            .collect::<Vec<_>>()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn very_large_schema_files_load() {
    // 6,000 tables in long form: well over the YAML parser's default budget of 250,000 nodes.
    let mut yaml = String::from("tables:\n");
    for i in 0..6000 {
        yaml.push_str(&format!("  t{i}:\n    columns:\n"));
        for c in 0..6 {
            yaml.push_str(&format!("      c{c}:\n        type: bigint\n        nullable: false\n        comment: column {c}\n"));
        }
    }
    let declared =
        pgdrift::load::load_schema_str(&yaml, "schema.yaml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(declared.schema.tables.len(), 6000);
}
