//! `check` of a fleet of databases on the real test server: grouping by identical drift, the one
//! exit code, the JSON shape, shards merged into the report of one run, `--dbs-from` and
//! `--dbs-query`, unreachable and hanging databases, and passwords never printed.

mod common;

use std::path::{Path, PathBuf};

use common::{run_pgdrift, temp_dir, test_db, Output, TestDb};
use serde_json::Value;

const SCHEMA: &str = "tables:
  items:
    columns:
      id: {type: bigint, nullable: false}
      name: text
    primary_key: [id]
";

const MATCHING: &str = "CREATE TABLE items (id bigint PRIMARY KEY, name text);";
/// Two databases drift this way: the same finding, so one group.
const NARROWED: &str = "CREATE TABLE items (id bigint PRIMARY KEY, name varchar(10));";
/// One database drifts another way.
const OTHER: &str = "CREATE TABLE items (id bigint PRIMARY KEY); CREATE TABLE extra (x int);";

/// Trust authentication ignores it, so every URL can carry it and no output may show it.
const PASSWORD: &str = "Fl33tSecretPw";

fn with_password(url: &str) -> String {
    url.replacen("postgres@", &format!("postgres:{PASSWORD}@"), 1)
}

fn project(hint: &str) -> PathBuf {
    let dir = temp_dir("fleet", hint);
    std::fs::write(dir.join("schema.yaml"), SCHEMA).unwrap();
    dir
}

async fn db_with(hint: &str, sql: &str) -> TestDb {
    let db = test_db(hint).await;
    db.exec(sql).await;
    db
}

/// Runs `pgdrift check` in `dir` with its own normalization cache.
fn check(dir: &Path, args: &[&str]) -> Output {
    let cache = dir.join("cache");
    let cache = cache.to_str().unwrap();
    let mut all = vec!["check", "--quiet"];
    all.extend_from_slice(args);
    run_pgdrift(&all, Some(dir), &[("PGDRIFT_CACHE_DIR", cache)])
}

fn assert_no_password(out: &Output) {
    assert!(
        !out.stdout.contains(PASSWORD) && !out.stderr.contains(PASSWORD),
        "password printed:\n{}\n{}",
        out.stdout,
        out.stderr
    );
}

fn db_args(urls: &[String]) -> Vec<&str> {
    urls.iter().flat_map(|u| ["--db", u.as_str()]).collect()
}

#[tokio::test]
async fn fleet_is_grouped_by_identical_drift_with_one_exit_code() {
    let dir = project("groups");
    let mut urls = Vec::new();
    for sql in [MATCHING, MATCHING, MATCHING, NARROWED, NARROWED, OTHER] {
        urls.push(with_password(&db_with("fleet", sql).await.url));
    }
    let missing = test_db("fleet_gone").await;
    urls.push(with_password(
        &missing.url_for("no_such_database_pgdrift_fleet"),
    ));
    urls.push(format!(
        "postgres://postgres:{PASSWORD}@127.0.0.1:1/closed_port"
    ));

    let out = check(&dir, &[db_args(&urls), vec!["--format", "json"]].concat());
    out.assert_code(2);
    assert_no_password(&out);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["format"], "pgdrift.fleet");
    assert_eq!(v["version"], 1);
    let s = &v["summary"];
    assert_eq!(
        (
            &s["databases"],
            &s["match"],
            &s["drifted"],
            &s["unchecked"],
            &s["groups"]
        ),
        (
            &Value::from(8),
            &Value::from(3),
            &Value::from(3),
            &Value::from(2),
            &Value::from(2)
        ),
        "{}",
        out.stdout
    );
    assert_eq!(v["match"].as_array().unwrap().len(), 3);
    let same = &v["drift"][0];
    assert_eq!(same["databases"].as_array().unwrap().len(), 2);
    assert_eq!(same["failing"], true);
    assert_eq!(same["findings"][0]["category"], "type");
    assert_eq!(same["findings"][0]["object"], "column items.name");
    assert_eq!(same["changes"][0]["live"], "character varying(10)");
    let other = &v["drift"][1];
    assert_eq!(other["databases"].as_array().unwrap().len(), 1);
    let categories: Vec<&str> = other["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["category"].as_str().unwrap())
        .collect();
    assert_eq!(
        categories,
        ["column (missing)", "table (extra)"],
        "{}",
        out.stdout
    );
    let reasons: Vec<String> = v["unchecked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["reason"].as_str().unwrap().to_string())
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("connection refused")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.contains("does not exist")),
        "{reasons:?}"
    );

    let human = check(&dir, &db_args(&urls));
    human.assert_code(2);
    assert_no_password(&human);
    assert!(
        human.stdout.contains("3 match; 2 drifted the same way: 1 difference (1 error, 0 warnings); 1 drifted: 2 differences"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("2 could not be checked"));
    let md = check(
        &dir,
        &[db_args(&urls), vec!["--format", "markdown"]].concat(),
    );
    assert_no_password(&md);
    assert!(
        md.stdout.contains("#### 2 drifted the same way"),
        "{}",
        md.stdout
    );

    // Without the unreachable ones the fleet drifted (1); the matching ones alone pass (0); a
    // drift that --warn-on turns into warnings passes too.
    check(&dir, &db_args(&urls[..6])).assert_code(1);
    check(&dir, &db_args(&urls[..3])).assert_code(0);
    let warn = [db_args(&urls[..5]), vec!["--warn-on", "type"]].concat();
    let out = check(&dir, &warn);
    out.assert_code(0);
    assert!(
        out.stdout.contains("warnings only: passes"),
        "{}",
        out.stdout
    );
}

#[tokio::test]
async fn shards_merged_give_the_report_of_one_run() {
    let dir = project("shards");
    let mut list = String::from("# the fleet\n\n");
    for (i, sql) in [
        MATCHING, NARROWED, MATCHING, NARROWED, OTHER, MATCHING, MATCHING,
    ]
    .iter()
    .enumerate()
    {
        let db = db_with("fleet_shard", sql).await;
        list.push_str(&format!("{}   # tenant {i}\n", with_password(&db.url)));
    }
    list.push_str(&format!(
        "postgres://postgres:{PASSWORD}@127.0.0.1:1/closed\n"
    ));
    let file = dir.join("fleet.txt");
    std::fs::write(&file, list).unwrap();
    let file = file.to_str().unwrap();

    let whole = check(&dir, &["--dbs-from", file, "--format", "json"]);
    whole.assert_code(2);
    let mut parts = Vec::new();
    for i in 1..=3 {
        let shard = format!("{i}/3");
        let out = check(
            &dir,
            &["--dbs-from", file, "--shard", &shard, "--format", "json"],
        );
        assert_no_password(&out);
        let path = dir.join(format!("shard{i}.json"));
        std::fs::write(&path, &out.stdout).unwrap();
        parts.push(path.to_str().unwrap().to_string());
    }
    let mut merge = vec!["report", "merge", "--format", "json"];
    merge.extend(parts.iter().map(String::as_str));
    let merged = run_pgdrift(&merge, Some(&dir), &[]);
    merged.assert_code(2);
    assert_eq!(merged.stdout, whole.stdout);
    let v: Value = serde_json::from_str(&merged.stdout).unwrap();
    assert_eq!(v["summary"]["databases"], 8);
    assert_eq!(v["summary"]["match"], 4);
    let human = run_pgdrift(
        &["report", "merge", &parts[0], &parts[1], &parts[2]],
        None,
        &[],
    );
    assert!(
        human.stdout.contains("4 match; 2 drifted the same way"),
        "{}",
        human.stdout
    );

    // A report of another declared schema does not merge.
    let other: Value = serde_json::from_str(&std::fs::read_to_string(&parts[0]).unwrap()).unwrap();
    let mut other = other;
    other["declared"] = Value::from("elsewhere/schema.yaml");
    let bad = dir.join("other.json");
    std::fs::write(&bad, other.to_string()).unwrap();
    let out = run_pgdrift(
        &["report", "merge", &parts[1], bad.to_str().unwrap()],
        None,
        &[],
    );
    out.assert_code(2);
    assert!(
        out.stderr
            .contains("only reports of one declared schema merge"),
        "{}",
        out.stderr
    );
}

#[tokio::test]
async fn bad_lists_name_file_and_line_and_slow_databases_time_out() {
    let dir = project("bad");
    let file = dir.join("dbs.txt");
    std::fs::write(
        &file,
        format!("# ok\npostgres://a@h/db\nnot a url with {PASSWORD}\n"),
    )
    .unwrap();
    let out = check(&dir, &["--dbs-from", file.to_str().unwrap()]);
    out.assert_code(2);
    assert!(
        out.stderr.contains("dbs.txt:3: expected a database URL"),
        "{}",
        out.stderr
    );
    std::fs::write(&file, "postgres://a@h:99999/db\n").unwrap();
    let out = check(&dir, &["--dbs-from", file.to_str().unwrap()]);
    out.assert_code(2);
    assert!(out.stderr.contains("dbs.txt:1: "), "{}", out.stderr);
    let out = check(&dir, &["--db", "postgres://a@h/x", "--shard", "5/4"]);
    out.assert_code(2);
    assert!(out.stderr.contains("expected I/N"), "{}", out.stderr);

    // A declared schema PostgreSQL rejects fails the whole fleet, naming the place.
    let good = db_with("fleet_slow", MATCHING).await;
    let broken = project("broken");
    std::fs::write(
        broken.join("schema.yaml"),
        "tables:\n  items:\n    columns:\n      id: {type: bigint, default: \"nope(\"}\n",
    )
    .unwrap();
    let out = check(
        &broken,
        &["--db", &good.url, "--db", &good.url_for("other")],
    );
    out.assert_code(2);
    assert!(
        out.stderr
            .contains("schema.yaml:2:3: table items: PostgreSQL rejected"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty(), "{}", out.stdout);

    // A port that accepts and never answers: reported after --db-timeout, the rest is checked.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let hang = format!("postgres://postgres:{PASSWORD}@127.0.0.1:{port}/silent");
    let started = std::time::Instant::now();
    let out = check(
        &dir,
        &["--db", &good.url, "--db", &hang, "--db-timeout", "1"],
    );
    out.assert_code(2);
    assert_no_password(&out);
    assert!(started.elapsed().as_secs() < 30);
    assert!(
        out.stdout.contains("not read within 1 s (--db-timeout)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("1 match;"), "{}", out.stdout);
    drop(silent);
}

#[tokio::test]
async fn dbs_query_lists_databases_by_name_on_the_control_server() {
    let dir = project("query");
    let mut names = Vec::new();
    for sql in [MATCHING, NARROWED] {
        names.push(db_with("fleetq", sql).await);
    }
    let control = with_password(&names[0].server_url());
    let pattern = format!("t_fleetq_{}_%", std::process::id());
    let sql = format!("SELECT datname FROM pg_database WHERE datname LIKE '{pattern}' ORDER BY 1");
    let out = check(
        &dir,
        &["--db", &control, "--dbs-query", &sql, "--format", "json"],
    );
    out.assert_code(1);
    assert_no_password(&out);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["summary"]["databases"], 2, "{}", out.stdout);
    let first = v["match"][0].as_str().unwrap();
    assert!(first.ends_with(&format!("/{}", names[0].name)), "{first}");
    let out = check(&dir, &["--db", &control, "--dbs-query", "SELECT 1"]);
    out.assert_code(2);
    assert!(out.stderr.contains("one text column"), "{}", out.stderr);
}
