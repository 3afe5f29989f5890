//! `pgdrift lint`, tested as data: each folder under tests/corpus/lint is one case.
//!
//! * With `live.sql`: the SQL builds a real database, which is linted live (`--db`) and through a
//!   snapshot of it (`--against`); both must give exactly `expected`. A `schema.yaml` next to it
//!   only configures the rules (its `lint:` key).
//! * Without: `schema.yaml` (+ `views/`) is the declared project, linted offline; expected lines
//!   then start with the declaration's `file:line:column`.
//!
//! `expected` holds one finding per line, in report order: `[file:line:col ]severity rule
//! object: message`, then `ignored N` when ignore rules hid some (`#` comments and blank lines are skipped). `CORPUS_FILTER=name` runs some.
//! The binary's own behaviour (exit codes, formats, errors) is tested at the end.

mod common;

use std::path::{Path, PathBuf};

use pgdrift::app;
use pgdrift::conn::DbUrl;
use pgdrift::lint::{self, Config, Outcome};
use pgdrift::load::{self, SourceMap};

fn lines(o: &Outcome) -> Vec<String> {
    let mut out: Vec<String> = o
        .findings
        .iter()
        .map(|f| {
            let at = f
                .location
                .as_ref()
                .map(|l| {
                    let file = l.file.file_name().map(|f| f.to_string_lossy().into_owned());
                    format!("{}:{}:{} ", file.unwrap_or_default(), l.line, l.column)
                })
                .unwrap_or_default();
            format!("{at}{} {} {}: {}", f.severity, f.rule, f.object, f.message)
        })
        .collect();
    if o.ignored > 0 {
        out.push(format!("ignored {}", o.ignored));
    }
    out
}

fn expected(dir: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(dir.join("expected"))
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

fn compare(name: &str, source: &str, want: &[String], got: &[String]) -> Result<(), String> {
    if want == got {
        return Ok(());
    }
    Err(format!(
        "{name} ({source}):\n  expected:\n    {}\n  got:\n    {}",
        want.join("\n    "),
        got.join("\n    ")
    ))
}

fn temp_dir(hint: &str) -> PathBuf {
    common::temp_dir("lint", hint)
}

async fn run_case(dir: &Path) -> Result<(), String> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let want = expected(dir)?;
    let schema_file = dir.join("schema.yaml");
    let config = Config::from_file(&schema_file).map_err(|e| format!("{name}: {e}"))?;
    let Ok(sql) = std::fs::read_to_string(dir.join("live.sql")) else {
        let declared = load::load_project(&schema_file, &dir.join("views"))
            .map_err(|e| format!("{name}: {e}"))?;
        let o = lint::run(&declared.schema, &config, &declared.sources, &name);
        return compare(&name, "declared", &want, &lines(&o));
    };
    let db = common::test_db(&name).await;
    db.exec(&sql).await;
    let url = DbUrl::parse(&db.url).map_err(|e| e.to_string())?;
    let live = app::read_db(&url, &[])
        .await
        .map_err(|e| format!("{name}: {e}"))?;
    let o = lint::run(&live.schema, &config, &SourceMap::default(), &name);
    compare(&name, "--db", &want, &lines(&o))?;
    let snap = temp_dir(&name).join("snapshot.yaml");
    app::snapshot(&url, &[], &snap)
        .await
        .map_err(|e| format!("{name}: {e}"))?;
    let schema = load::load_snapshot(&snap).map_err(|e| format!("{name}: {e}"))?;
    let o = lint::run(&schema, &config, &SourceMap::default(), &name);
    compare(&name, "--against snapshot", &want, &lines(&o))?;
    db.drop_now().await;
    Ok(())
}

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/lint")
}

#[tokio::test]
async fn lint_corpus() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus_root())
        .expect("tests/corpus/lint")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 15,
        "the lint corpus shrank: {} cases",
        dirs.len()
    );
    let filter = std::env::var("CORPUS_FILTER").ok();
    let mut failures = Vec::new();
    for dir in &dirs {
        if filter
            .as_deref()
            .is_some_and(|f| !dir.to_string_lossy().contains(f))
        {
            continue;
        }
        if let Err(e) = run_case(dir).await {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every rule has a positive case somewhere in the corpus (its id appears in an `expected`).
#[test]
fn every_rule_fires_somewhere_in_the_corpus() {
    let mut all = String::new();
    for e in std::fs::read_dir(corpus_root()).expect("corpus").flatten() {
        all.push_str(&std::fs::read_to_string(e.path().join("expected")).unwrap_or_default());
    }
    for r in lint::rules::ALL {
        assert!(
            all.contains(&format!(" {} ", r.id)),
            "no corpus case shows rule {}",
            r.id
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Fixes: the SQL a finding suggests runs as printed (identifiers quoted) and clears it.

/// Cases whose every fix is one runnable SQL text (no placeholders, no globs).
const RUNNABLE_FIX_CASES: &[&str] = &[
    "bigint_keys_db",
    "fk_indexed_db",
    "fk_type_match_db",
    "has_primary_key_db",
    "no_duplicate_index_db",
    "no_serial_db",
    "odd_identifiers_db",
    "timestamptz_db",
];

#[tokio::test]
async fn suggested_fixes_run_and_clear_their_findings() {
    let mut failures = Vec::new();
    for case in RUNNABLE_FIX_CASES {
        let dir = corpus_root().join(case);
        let sql = std::fs::read_to_string(dir.join("live.sql")).expect("live.sql");
        let db = common::test_db(case).await;
        db.exec(&sql).await;
        let url = DbUrl::parse(&db.url).expect("url");
        let config = Config::default();
        let before = app::read_db(&url, &[]).await.expect("read");
        let o = lint::run(&before.schema, &config, &SourceMap::default(), case);
        assert!(!o.findings.is_empty(), "{case}: nothing to fix");
        let client = db.client().await;
        for f in &o.findings {
            if let Err(e) = client.batch_execute(&f.fix).await {
                failures.push(format!(
                    "{case}: {}: {}\n  {}",
                    f.object,
                    common::pg_error_text(&e),
                    f.fix
                ));
            }
        }
        let after = app::read_db(&url, &[]).await.expect("read");
        let left = lines(&lint::run(
            &after.schema,
            &config,
            &SourceMap::default(),
            case,
        ));
        if !left.is_empty() {
            failures.push(format!(
                "{case}: findings left after the fixes:\n  {}",
                left.join("\n  ")
            ));
        }
        db.drop_now().await;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// The binary: sources, formats, exit codes, bad input.

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A project folder holding a copy of one corpus case's schema.yaml.
fn project(case: &str) -> PathBuf {
    let dir = temp_dir(case);
    std::fs::copy(
        corpus_root().join(case).join("schema.yaml"),
        dir.join("schema.yaml"),
    )
    .expect("copy schema.yaml");
    dir
}

fn findings_json(stdout: &str) -> Vec<serde_json::Value> {
    let doc: serde_json::Value =
        serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(doc["format"], "pgdrift.lint");
    assert_eq!(doc["version"], 1);
    doc["findings"].as_array().cloned().unwrap_or_default()
}

#[test]
fn declared_project_exit_codes_and_rule_overrides() {
    let dir = project("bigint_keys_declared");
    let out = common::run_pgdrift(&["lint"], Some(&dir), &[]);
    out.assert_code(1);
    assert!(
        out.stdout
            .contains("schema.yaml:5:7: error [bigint-keys] column genes.id"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("lint: 4 findings (3 errors, 1 warning)"),
        "{}",
        out.stdout
    );
    let relaxed = common::run_pgdrift(
        &[
            "lint",
            "--rule",
            "bigint-keys=warning",
            "--rule",
            "fk-type-match=off",
        ],
        Some(&dir),
        &[],
    );
    relaxed.assert_code(0);
    assert!(
        relaxed
            .stdout
            .contains("lint: 3 findings (0 errors, 3 warnings)"),
        "{}",
        relaxed.stdout
    );
    // Deterministic: the same bytes twice.
    assert_eq!(
        common::run_pgdrift(&["lint"], Some(&dir), &[]).stdout,
        out.stdout
    );
}

#[test]
fn formats_json_markdown_github() {
    let dir = project("bigint_keys_declared");
    let json = common::run_pgdrift(&["lint", "--format", "json"], Some(&dir), &[]);
    json.assert_code(1);
    let findings = findings_json(&json.stdout);
    assert_eq!(findings.len(), 4);
    assert_eq!(findings[0]["rule"], "bigint-keys");
    assert_eq!(findings[0]["name"], "genes.id");
    assert_eq!(findings[0]["file"], "schema.yaml");
    assert_eq!(findings[0]["line"], 5);
    assert_eq!(
        findings[0]["fix"],
        "ALTER TABLE \"public\".\"genes\" ALTER COLUMN \"id\" TYPE bigint;"
    );

    let md = common::run_pgdrift(&["lint", "--format", "markdown"], Some(&dir), &[]);
    md.assert_code(1);
    assert!(
        md.stdout
            .starts_with("### pgdrift lint: 4 findings (3 errors, 1 warning)"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout
            .contains("| error | bigint-keys | column genes.id | `schema.yaml:5:7` |"),
        "{}",
        md.stdout
    );

    let gh = common::run_pgdrift(&["lint", "--format", "github"], Some(&dir), &[]);
    gh.assert_code(1);
    let first = gh.stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("::error file=schema.yaml,line=5,col=7,title=pgdrift lint bigint-keys::column genes.id: primary key column is integer"),
        "{first}"
    );
    assert!(first.contains("%0Afix: ALTER TABLE"), "{first}");
    assert!(
        gh.stdout.lines().any(|l| l
            .starts_with("::warning file=schema.yaml,line=5,col=7,title=pgdrift lint no-serial::")),
        "{}",
        gh.stdout
    );
}

#[test]
fn bad_configuration_exits_2_naming_file_and_line() {
    let dir = temp_dir("badcfg");
    let cases: &[(&str, &str)] = &[
        (
            "tables: {}\nlint:\n  rules:\n    fk-index: error\n",
            "schema.yaml:4:",
        ),
        (
            "tables: {}\nlint:\n  rules: {fk-indexed: loud}\n",
            "schema.yaml:3:",
        ),
        (
            "tables: {}\nlint:\n  ignore:\n    - {rule: fk-indexed, name: \"a*\"}\n",
            "schema.yaml:4:",
        ),
        (
            "tables: {}\nlint:\n  ignore:\n    - {rule: nope, name: a, reason: b}\n",
            "schema.yaml:4:",
        ),
    ];
    for (yaml, place) in cases {
        std::fs::write(dir.join("schema.yaml"), yaml).expect("write");
        let out = common::run_pgdrift(&["lint"], Some(&dir), &[]);
        out.assert_code(2);
        assert!(
            out.stderr.starts_with(&format!("error: {place}")),
            "{yaml}\n{}",
            out.stderr
        );
    }
    std::fs::write(dir.join("schema.yaml"), "tables: {}\n").expect("write");
    let out = common::run_pgdrift(&["lint", "--rule", "fk-index=error"], Some(&dir), &[]);
    out.assert_code(2);
    assert!(
        out.stderr
            .contains("unknown rule `fk-index`; rules: has-primary-key"),
        "{}",
        out.stderr
    );
    let out = common::run_pgdrift(&["lint", "--rule", "fk-indexed"], Some(&dir), &[]);
    out.assert_code(2);
    let out = common::run_pgdrift(&["lint"], Some(&temp_dir("empty")), &[]);
    out.assert_code(2);
    assert!(out.stderr.contains("schema.yaml"), "{}", out.stderr);
}

#[test]
fn unreachable_database_exits_2_without_the_password() {
    let dir = temp_dir("nodb");
    let out = common::run_pgdrift(
        &[
            "lint",
            "--db",
            "postgres://alice:s3cr3t-pw@127.0.0.1:1/nowhere",
        ],
        Some(&dir),
        &[],
    );
    out.assert_code(2);
    assert!(
        !out.stderr.contains("s3cr3t-pw") && !out.stdout.contains("s3cr3t-pw"),
        "{}",
        out.stderr
    );
}

/// The acceptance: on the bundled example as it drifted in production, lint finds the
/// integer ids, the timestamps without time zone and the unindexed foreign keys that the
/// planning notes found by hand — live and through a snapshot, with the same output.
#[tokio::test]
async fn production_example_live_and_snapshot() {
    let db = common::test_db("lint_prod").await;
    let sql = std::fs::read_to_string(repo().join("tests/fixtures/example/production_drift.sql"))
        .expect("fixture");
    db.exec(&sql).await;
    let live = common::run_pgdrift(
        &["lint", "--db", &db.url, "--format", "json"],
        Some(&repo()),
        &[],
    );
    live.assert_code(1);
    let names: Vec<String> = findings_json(&live.stdout)
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["rule"].as_str().unwrap_or(""),
                f["name"].as_str().unwrap_or("")
            )
        })
        .collect();
    for want in [
        "bigint-keys static_sources.id",
        "bigint-keys static_evidence_uploads.source_id",
        "bigint-keys static_source_audit.source_id",
        "timestamptz genes.created_at",
        "timestamptz genes.updated_at",
        "timestamptz gene_annotations.created_at",
        "timestamptz system_logs.timestamp",
        "fk-indexed gene_curations.gene_curations_curator_id_fkey",
        "no-serial gene_evidence.id",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "missing {want} in {names:#?}"
        );
    }
    let snap = temp_dir("lint_prod").join("production.yaml");
    let snap_arg = snap.to_string_lossy().into_owned();
    common::run_pgdrift(
        &["snapshot", "--db", &db.url, "--out", &snap_arg],
        None,
        &[],
    )
    .assert_code(0);
    let offline = common::run_pgdrift(
        &["lint", "--against", &snap_arg, "--format", "json"],
        Some(&repo()),
        &[],
    );
    offline.assert_code(1);
    assert_eq!(findings_json(&offline.stdout), findings_json(&live.stdout));

    // `check --format github` annotates the same database's drift at the declarations.
    let gh = common::run_pgdrift(
        &["check", "--db", &db.url, "--format", "github"],
        Some(&repo()),
        &[],
    );
    gh.assert_code(1);
    let declared =
        load::load_project(&repo().join("schema.yaml"), &repo().join("views")).expect("example");
    let genes = pgdrift::model::QualifiedName::new("public", "genes");
    let at = |key: load::ObjectKey| {
        let loc = declared.sources.get(&key).expect("declared position");
        format!("file=schema.yaml,line={},col={}", loc.line, loc.column)
    };
    let created = at(load::ObjectKey::Column(genes.clone(), "created_at".into()));
    assert!(
        gh.stdout.lines().any(|l| l.starts_with(&format!(
            "::warning {created},title=pgdrift check timezone::column genes.created_at"
        )) || l.starts_with(&format!(
            "::error {created},title=pgdrift check timezone::column genes.created_at"
        ))),
        "{}",
        gh.stdout
    );
    // An index only the database has is annotated at its table.
    let table = at(load::ObjectKey::Table(genes));
    assert!(
        gh.stdout
            .lines()
            .any(|l| l.contains(&table) && l.contains("ix_genes_hgnc_id_old")),
        "{}",
        gh.stdout
    );
    // A view's drift points into its own file.
    assert!(
        gh.stdout
            .contains("file=views/evidence_summary_view.sql,line="),
        "{}",
        gh.stdout
    );
    db.drop_now().await;
}

/// The declared-schema loader accepts the `lint:` key and reports its mistakes at their line, so
/// `check` refuses a bad configuration exactly as `lint` does.
#[test]
fn the_loader_accepts_the_lint_key_and_reports_its_mistakes() {
    let ok = "tables:\n  t: {columns: {id: bigint}, primary_key: [id]}\nlint:\n  rules: {fk-indexed: error}\n";
    let d = load::load_schema_str(ok, "schema.yaml").expect("loads");
    assert_eq!(d.schema.tables.len(), 1);
    for (yaml, place) in [
        (
            "tables: {}\nlint:\n  rules:\n    fk-index: error\n",
            "schema.yaml:4:",
        ),
        ("tables: {}\nlint:\n  rulez: {}\n", "schema.yaml:3:"),
        (
            "tables: {}\nlint:\n  ignore:\n    - {rule: fk-indexed, name: x}\n",
            "schema.yaml:4:",
        ),
    ] {
        let e = load::load_schema_str(yaml, "schema.yaml").expect_err(yaml);
        assert!(e.to_string().starts_with(place), "{yaml}\n{e}");
    }
}

/// The README's numbers for the committed production snapshot, offline.
#[test]
fn production_snapshot_counts_match_the_readme() {
    let out = common::run_pgdrift(
        &[
            "lint",
            "--against",
            "snapshots/production.yaml",
            "--format",
            "json",
        ],
        Some(&repo()),
        &[],
    );
    out.assert_code(1);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let by_rule = &doc["summary"]["by_rule"];
    assert_eq!(by_rule["bigint-keys"], 3, "{by_rule}");
    assert_eq!(by_rule["timestamptz"], 4, "{by_rule}");
    assert_eq!(by_rule["fk-indexed"], 14, "{by_rule}");
    assert_eq!(by_rule["no-duplicate-index"], 1, "{by_rule}");
    assert_eq!(by_rule["no-serial"], 2, "{by_rule}");
}
