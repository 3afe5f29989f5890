//! A dump restored into a newer major: the project inspected from a PostgreSQL 14 database
//! shows no drift against that database's schema-only dump restored into PostgreSQL 17.
//!
//! For each case (the `schema.sql` of a round-trip case): build it on a throw-away 14 cluster,
//! inspect it into a project folder (no drift against 14 either), `pg_dump --schema-only` it,
//! restore the dump into a fresh database of a throw-away 17 cluster, and `check` the project
//! against that one: nothing may be reported. What PostgreSQL prints differently on 17 (view
//! text, defaults) is normalized on the target's major, so none of it is drift. What does differ
//! is reported, and expected here ([`genuine`]): a 14 database grants CREATE on `public` to
//! PUBLIC, and its restored dump keeps that on 17, where a new database does not.
//!
//! It needs both majors' server binaries (`pgdrift postgres install 14`, `… 17`; it never
//! downloads) and a pg_dump of 17 or newer (`PGDRIFT_PG_DUMP`); without them it prints SKIPPED
//! and passes. Environment:
//! * `PGDRIFT_RESTORE_TEST=0`: skip it (.ci/run's main suite: tests/matrix.sh runs it);
//! * `PGDRIFT_RESTORE_FROM` / `PGDRIFT_RESTORE_INTO`: the majors (default 14 and 17);
//! * `RESTORE_FILTER=text`: every round-trip case whose name contains `text` (`RESTORE_FILTER=_`
//!   for all of them) instead of the default set; cases with a `requires` file, roles or known
//!   failures are left out (roles are the cluster's, not the dump's).

use std::path::{Path, PathBuf};

use pgdrift::app::{self, Source};
use pgdrift::conn::DbUrl;
use pgdrift::ephemeral::{self, Ephemeral};
use pgdrift::witness;

/// Cases run by default: a spread of kinds whose catalog or deparsed text changed across majors.
const DEFAULT_CASES: &[&str] = &[
    "realistic_shop",
    "views_expressions",
    "views_layers",
    "view_options",
    "columns_defaults",
    "columns_generated",
    "columns_identity",
    "constraints_keys",
    "constraints_checks",
    "constraints_exclusion",
    "indexes_forms",
    "partitions_range_list_hash",
    "types_domains",
    "types_ranges",
    "sequences_options",
    "comments_everywhere",
];

fn major_from_env(var: &str, default: u32) -> u32 {
    match std::env::var(var) {
        Ok(v) if !v.trim().is_empty() => match v.trim().parse() {
            Ok(m) => m,
            Err(_) => panic!("{var}={v}: expected a major version such as 17"),
        },
        _ => default,
    }
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/roundtrip")
}

/// The cases to run on `from`: (name, SQL).
fn cases(from: u32) -> Vec<(String, String)> {
    let known = std::fs::read_to_string(corpus().join("KNOWN_FAILURES")).unwrap_or_default();
    let filter = std::env::var("RESTORE_FILTER").ok();
    let mut names: Vec<String> = match &filter {
        Some(f) => std::fs::read_dir(corpus())
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(f.as_str()))
            .collect(),
        None => DEFAULT_CASES.iter().map(|s| s.to_string()).collect(),
    };
    names.sort();
    names
        .into_iter()
        .filter(|n| !known.contains(&format!("roundtrip/{n} ")))
        .filter(|n| !corpus().join(n).join("requires").exists())
        .filter(|n| {
            std::fs::read_to_string(corpus().join(n).join("min_major"))
                .ok()
                .and_then(|m| m.trim().parse::<u32>().ok())
                .is_none_or(|m| m <= from)
        })
        .filter_map(|n| {
            let sql = std::fs::read_to_string(corpus().join(&n).join("schema.sql")).ok()?;
            let lower = sql.to_lowercase();
            let roles = lower.contains("create role") || lower.contains("grant ");
            (!roles).then_some((n, sql))
        })
        .collect()
}

async fn connect(url: &str) -> Result<tokio_postgres::Client, String> {
    let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .map_err(|e| format!("connecting to {url}: {e}"))?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(client)
}

fn pg_text(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {}", db.severity(), db.message()),
        None => e.to_string(),
    }
}

/// A fresh database `name` on `server`; its URL.
async fn create_db(server: &Ephemeral, name: &str) -> Result<String, String> {
    let client = connect(&server.url()).await?;
    client
        .batch_execute(&format!("CREATE DATABASE \"{name}\""))
        .await
        .map_err(|e| format!("CREATE DATABASE {name}: {}", pg_text(&e)))?;
    Ok(server.url_for_db(name))
}

async fn user_schemas(url: &str) -> Result<Vec<String>, String> {
    let client = connect(url).await?;
    let rows = client
        .query(
            "SELECT nspname::text FROM pg_namespace
             WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
             ORDER BY nspname <> 'public', nspname",
            &[],
        )
        .await
        .map_err(|e| pg_text(&e))?;
    Ok(rows.iter().map(|r| r.get::<_, String>(0)).collect())
}

fn db_url(url: &str) -> Result<DbUrl, String> {
    DbUrl::parse(url).map_err(|e| e.to_string())
}

async fn drift(project: &Path, url: &str, schemas: &[String]) -> Result<Vec<String>, String> {
    let declared = Source::Declared {
        schema_file: project.join("schema.yaml"),
        views_dir: project.join("views"),
    };
    let cmp = app::compare(&declared, &Source::Db(db_url(url)?), None, schemas)
        .await
        .map_err(|e| e.to_string())?;
    Ok(cmp
        .changes
        .iter()
        .map(|c| format!("{} {}: {}", c.category, c.object, c.summary))
        .collect())
}

/// One case from `old` into `new`; the drift found on the new major (empty: none).
async fn run_case(
    n: usize,
    name: &str,
    sql: &str,
    old: &Ephemeral,
    new: &Ephemeral,
    pg_dump: &witness::PgDump,
) -> Result<(), String> {
    let db = format!("restore_{n}");
    let src = create_db(old, &db).await?;
    connect(&src)
        .await?
        .batch_execute(sql)
        .await
        .map_err(|e| format!("building on {}: {}", old.major_version(), pg_text(&e)))?;
    let schemas = user_schemas(&src).await?;
    let project =
        std::env::temp_dir().join(format!("pgdrift-restore-{}-{n}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&project);
    let resolved = app::read_db(&db_url(&src)?, &schemas)
        .await
        .map_err(|e| format!("inspecting: {e}"))?;
    pgdrift::write::write_project(&resolved.schema, &project).map_err(|e| e.to_string())?;
    let on_old = drift(&project, &src, &schemas).await?;
    if !on_old.is_empty() {
        return Err(format!(
            "drift against its own PostgreSQL {} database:\n  {}",
            old.major_version(),
            on_old.join("\n  ")
        ));
    }
    let dump = witness::dump_blocking(pg_dump, &witness::DumpTarget::whole(db_url(&src)?))
        .map_err(|e| e.to_string())?;
    // psql's meta-commands (`\restrict`) are not SQL; the rest restores as pg_restore would.
    let script: String = dump
        .lines()
        .filter(|l| !l.starts_with('\\'))
        .map(|l| format!("{l}\n"))
        .collect();
    let dst = create_db(new, &db).await?;
    connect(&dst)
        .await?
        .batch_execute(&script)
        .await
        .map_err(|e| format!("restoring into {}: {}", new.major_version(), pg_text(&e)))?;
    let mut on_new = drift(&project, &dst, &schemas).await?;
    on_new.retain(|d| !genuine(d, old.major_version(), new.major_version()));
    let _ = std::fs::remove_dir_all(&project);
    if on_new.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "drift after the restore into PostgreSQL {}:\n  {}",
            new.major_version(),
            on_new.join("\n  ")
        ))
    }
}

/// What genuinely differs between the majors and so is rightly reported: before 15, PostgreSQL
/// grants CREATE on schema `public` to PUBLIC, and a restored dump keeps that grant on a newer
/// server, where it is no longer the default (`REVOKE CREATE ON SCHEMA public FROM PUBLIC`
/// makes the restored database what a new one would be).
fn genuine(finding: &str, from: u32, into: u32) -> bool {
    let public_create = finding.starts_with("privilege ")
        && finding.contains("schema public")
        && finding.ends_with("granted in the database but not declared: PUBLIC: create");
    if public_create && from < 15 && into >= 15 {
        eprintln!("restore {from} -> {into}: reported, as it should be: {finding}");
        return true;
    }
    false
}

extern "C" fn cleanup_at_exit() {
    ephemeral::cleanup_all_sync();
}

#[tokio::test]
async fn dump_of_old_major_restored_into_new_major_has_no_drift() {
    let (from, into) = (
        major_from_env("PGDRIFT_RESTORE_FROM", 14),
        major_from_env("PGDRIFT_RESTORE_INTO", 17),
    );
    if std::env::var("PGDRIFT_RESTORE_TEST").is_ok_and(|v| v.trim() == "0") {
        eprintln!("SKIPPED restore {from} -> {into}: PGDRIFT_RESTORE_TEST=0");
        return;
    }
    for m in [from, into] {
        if let Err(e) = pgdrift::postgres::find_major(m) {
            eprintln!(
                "SKIPPED restore {from} -> {into}: no PostgreSQL {m} server binaries (`pgdrift postgres install {m}`): {e}"
            );
            return;
        }
    }
    let Some(pg_dump) = witness::find_pg_dump(into) else {
        eprintln!(
            "SKIPPED restore {from} -> {into}: no pg_dump {into} or newer (set PGDRIFT_PG_DUMP)"
        );
        return;
    };
    // SAFETY: registering a plain extern "C" fn; the clusters are deleted even on a panic.
    unsafe {
        libc::atexit(cleanup_at_exit);
    }
    let old = match Ephemeral::start_major(Some(from)).await {
        Ok(e) => e,
        Err(e) => panic!("starting PostgreSQL {from}: {e}"),
    };
    let new = match Ephemeral::start_major(Some(into)).await {
        Ok(e) => e,
        Err(e) => panic!("starting PostgreSQL {into}: {e}"),
    };
    let cases = cases(from);
    assert!(!cases.is_empty(), "no case selected");
    let mut failures = Vec::new();
    for (n, (name, sql)) in cases.iter().enumerate() {
        if let Err(e) = run_case(n, name, sql, &old, &new, &pg_dump).await {
            failures.push(format!("{name}: {e}"));
        }
    }
    eprintln!(
        "restore {from} -> {into}: {} cases, {} failed",
        cases.len(),
        failures.len()
    );
    old.stop().await;
    new.stop().await;
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
