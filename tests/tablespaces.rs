//! Tablespaces end to end, on a real server: tables, partitioned tables and partitions,
//! materialized views, indexes and the indexes behind primary key, unique and exclusion
//! constraints, in two uniquely named tablespaces (odd names: spaces, quotes, non-ASCII).
//!
//! Tablespaces are cluster-wide, so this test creates its own (a LOCATION directory next to the
//! server's data directory, owned by the server's OS user) and drops them at the end. On a
//! server the harness did not start (DATABASE_URL) where that is impossible (a remote server,
//! no superuser), it says SKIPPED on stderr instead of passing silently. The corpus drivers
//! cannot hold these cases: their SQL runs in one database, and a tablespace needs a directory
//! on the server's machine first.

mod common;

use std::collections::BTreeSet;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use pgdrift::app::{self, Source};
use pgdrift::conn::DbUrl;

/// Two tablespaces this test created, with their directories.
struct Spaces {
    names: Vec<String>,
    dirs: Vec<PathBuf>,
    admin_url: String,
}

fn qi(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Creates two tablespaces in directories next to the server's data directory.
async fn create_spaces(admin_url: &str) -> Result<Spaces, String> {
    let (client, conn) = tokio_postgres::connect(admin_url, tokio_postgres::NoTls)
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(conn);
    let row = client
        .query_one("SHOW data_directory", &[])
        .await
        .map_err(|e| common::pg_error_text(&e))?;
    let data_dir = PathBuf::from(row.get::<_, String>(0));
    // The server's OS user owns its data directory; the LOCATION must be that user's.
    let meta = std::fs::metadata(&data_dir)
        .map_err(|e| format!("{} is not on this machine: {e}", data_dir.display()))?;
    let parent = data_dir.parent().unwrap_or(Path::new("/tmp"));
    let mut spaces = Spaces {
        names: Vec::new(),
        dirs: Vec::new(),
        admin_url: admin_url.to_string(),
    };
    for i in 0..2 {
        let dir = parent.join(format!("pgdrift-ts-{}-{i}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        std::os::unix::fs::chown(&dir, Some(meta.uid()), Some(meta.gid()))
            .map_err(|e| format!("chown {}: {e}", dir.display()))?;
        let name = format!("Tablé \"{i}\" {}", std::process::id());
        let sql = format!(
            "CREATE TABLESPACE {} LOCATION '{}'",
            qi(&name),
            dir.display().to_string().replace('\'', "''")
        );
        spaces.dirs.push(dir);
        client
            .batch_execute(&sql)
            .await
            .map_err(|e| common::pg_error_text(&e))?;
        spaces.names.push(name);
    }
    Ok(spaces)
}

impl Spaces {
    /// Drops the tablespaces (the databases using them are dropped first) and their folders.
    async fn drop_all(&self) {
        if let Ok((client, conn)) =
            tokio_postgres::connect(&self.admin_url, tokio_postgres::NoTls).await
        {
            tokio::spawn(conn);
            for n in &self.names {
                if let Err(e) = client
                    .batch_execute(&format!("DROP TABLESPACE {}", qi(n)))
                    .await
                {
                    eprintln!("dropping tablespace {n}: {}", common::pg_error_text(&e));
                }
            }
        }
        for d in &self.dirs {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

/// The live schema: every kind of relation that has a tablespace, in one of the two.
fn live_sql(t0: &str, t1: &str) -> String {
    format!(
        r#"
CREATE TABLE "Ledger ""Ü""" (id int, at date NOT NULL, code text NOT NULL,
  CONSTRAINT "Ledger pk" PRIMARY KEY (id) USING INDEX TABLESPACE {t0},
  CONSTRAINT "code uq" UNIQUE (code) USING INDEX TABLESPACE {t1} DEFERRABLE) TABLESPACE {t0};
CREATE INDEX "at idx" ON "Ledger ""Ü""" (at) TABLESPACE {t1} WHERE (at > '2020-01-01');
CREATE TABLE booking (during int4range,
  CONSTRAINT "no overlap" EXCLUDE USING gist (during WITH &&) USING INDEX TABLESPACE {t1} WHERE (NOT isempty(during)));
CREATE TABLE events (k int NOT NULL, v text) PARTITION BY RANGE (k) TABLESPACE {t0};
CREATE TABLE events_1 PARTITION OF events FOR VALUES FROM (0) TO (10);
CREATE TABLE events_2 PARTITION OF events FOR VALUES FROM (10) TO (20) TABLESPACE {t1};
CREATE TABLE events_3 PARTITION OF events FOR VALUES FROM (20) TO (30) TABLESPACE pg_default;
CREATE INDEX events_k ON events (k) TABLESPACE {t1};
CREATE MATERIALIZED VIEW "Ledger mv" TABLESPACE {t1} AS SELECT id FROM "Ledger ""Ü""";
CREATE UNIQUE INDEX "Ledger mv id" ON "Ledger mv" (id) TABLESPACE {t0};
"#
    )
}

/// The statements of a schema dump, sorted (their order does not matter here).
fn statements(dump: &str) -> BTreeSet<String> {
    dump.split(";\n").map(|s| s.trim().to_string()).collect()
}

async fn findings(project: &Path, url: &str) -> BTreeSet<String> {
    let declared = Source::Declared {
        schema_file: project.join("schema.yaml"),
        views_dir: project.join("views"),
    };
    let live = Source::Db(DbUrl::parse(url).expect("test URL parses"));
    let cmp = app::compare_with(&declared, &live, None, &[], &Default::default())
        .await
        .unwrap_or_else(|e| panic!("check: {e}"));
    cmp.changes.iter().map(|c| c.line()).collect()
}

fn pgdrift(args: &[&str], cwd: &Path) -> common::Output {
    common::run_pgdrift(args, Some(cwd), &[])
}

#[tokio::test]
async fn tablespaces_end_to_end() {
    let a = common::test_db("ts_a").await;
    let spaces = match create_spaces(&a.server_url()).await {
        Ok(s) => s,
        Err(e) if std::env::var_os("DATABASE_URL").is_some() => {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED tablespaces_end_to_end: cannot create a tablespace on the DATABASE_URL server: {e}"
            );
            return;
        }
        Err(e) => panic!("creating tablespaces on the test server: {e}"),
    };
    let b = common::test_db("ts_b").await;
    // A failed assertion must still drop the cluster-wide tablespaces: run in a task of its own.
    let outcome = tokio::spawn(run(a.clone(), b.clone(), spaces.names.clone())).await;
    tokio::join!(a.drop_now(), b.drop_now());
    spaces.drop_all().await;
    if let Err(e) = outcome {
        if e.is_panic() {
            std::panic::resume_unwind(e.into_panic());
        }
        panic!("{e}");
    }
}

async fn run(a: common::TestDb, b: common::TestDb, names: Vec<String>) {
    let (t0, t1) = (qi(&names[0]), qi(&names[1]));
    a.exec(&live_sql(&t0, &t1)).await;
    let project = common::temp_dir("ts", "project");
    // 1. inspect writes every tablespace; nothing is left unsupported.
    let out = pgdrift(&["inspect", "--db", &a.url, "--out", "."], &project);
    assert_eq!(out.code, 0, "inspect: {}", out.stderr);
    let yaml = std::fs::read_to_string(project.join("schema.yaml")).expect("schema.yaml");
    assert!(!yaml.contains("NOT WRITTEN"), "unsupported left:\n{yaml}");
    assert_eq!(yaml.matches("tablespace:").count(), 10, "{yaml}");
    assert!(
        yaml.contains("tablespace: pg_default"),
        "events_3 is in the default: {yaml}"
    );
    let mv = std::fs::read_to_string(project.join("views/Ledger mv.sql"))
        .or_else(|_| std::fs::read_to_string(project.join("views/Ledger_mv.sql")))
        .expect("the matview's file");
    assert!(mv.contains(&format!("TABLESPACE {t1} AS")), "{mv}");
    // 2. check: no drift.
    assert_eq!(findings(&project, &a.url).await, BTreeSet::new());
    // 3. plan + apply from empty: converges, the same pg_dump as A.
    let out = pgdrift(&["apply", "--db", &b.url, "--yes"], &project);
    assert_eq!(out.code, 0, "apply: {}{}", out.stdout, out.stderr);
    assert_eq!(findings(&project, &b.url).await, BTreeSet::new());
    let (da, db) = (common::dump_schema(&a.url), common::dump_schema(&b.url));
    assert_eq!(
        statements(&da),
        statements(&db),
        "pg_dump of A and B differ"
    );
    // 4. drift: every kind moved; each one finding in category storage; plan moves them back.
    b.exec(&format!(
        r#"ALTER TABLE "Ledger ""Ü""" SET TABLESPACE pg_default;
ALTER INDEX "code uq" SET TABLESPACE {t0};
ALTER INDEX "at idx" SET TABLESPACE pg_default;
ALTER INDEX "no overlap" SET TABLESPACE pg_default;
ALTER TABLE events SET TABLESPACE pg_default;
ALTER TABLE events_2 SET TABLESPACE {t0};
ALTER MATERIALIZED VIEW "Ledger mv" SET TABLESPACE pg_default;"#
    ))
    .await;
    let expected: BTreeSet<String> = [
        r#"storage table "Ledger ""Ü""""#,
        "storage unique code uq",
        "storage index at idx",
        "storage exclusion no overlap",
        "storage table events",
        "storage table events_2",
        "storage materialized_view Ledger mv",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(findings(&project, &b.url).await, expected);
    let out = pgdrift(&["plan", "--db", &b.url], &project);
    assert!(
        out.stdout.contains(&format!(
            "ALTER TABLE \"public\".\"Ledger \"\"Ü\"\"\" SET TABLESPACE {t0}"
        )) && out.stdout.contains("hazards: rewrite"),
        "plan:\n{}",
        out.stdout
    );
    let out = pgdrift(&["apply", "--db", &b.url, "--yes"], &project);
    assert_eq!(out.code, 0, "apply: {}{}", out.stdout, out.stderr);
    assert_eq!(findings(&project, &b.url).await, BTreeSet::new());
    // 5. squash --verify of A, with the pg_dump witness.
    let out = pgdrift(
        &[
            "squash",
            "--from-db",
            &a.url,
            "--verify",
            "--out",
            "squash.sql",
        ],
        &project,
    );
    assert_eq!(out.code, 0, "squash --verify: {}{}", out.stdout, out.stderr);
    let sql = std::fs::read_to_string(project.join("squash.sql")).expect("squash.sql");
    assert!(
        sql.contains(&format!("USING INDEX TABLESPACE {t1}")),
        "{sql}"
    );
    // 6. a tablespace the server does not have: exit 2 at the declaration, nothing changed.
    let bad = yaml.replacen(
        &format!("tablespace: {}", names[0]),
        "tablespace: no such space",
        1,
    );
    assert_ne!(
        bad, yaml,
        "the YAML spelling of the tablespace name was not found"
    );
    std::fs::write(project.join("schema.yaml"), bad).expect("write");
    let before = common::dump_schema(&b.url);
    let out = pgdrift(&["apply", "--db", &b.url, "--yes"], &project);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("schema.yaml:")
            && out.stderr.contains("no such space")
            && out.stderr.contains("does not exist"),
        "{}",
        out.stderr
    );
    assert_eq!(before, common::dump_schema(&b.url));
    let _ = std::fs::remove_dir_all(&project);
}
