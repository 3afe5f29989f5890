//! The check corpus: each folder under tests/corpus/check holds a declared project
//! (schema.yaml, optional views/), the SQL that builds the live database (live.sql) and the
//! findings `check` must report (expected: one `category kind name` per line, the presence
//! after the category for an object on one side only: `foreign_key missing foreign_key f`; empty = no drift;
//! `expected.<N>` instead from major N on, where PostgreSQL itself changed; `min_major` holding
//! N skips the case, with a note, on older servers that lack what it uses; `options` holds
//! command-line options of `check` such as `--owners`, one a line).
//! Every case runs against a real PostgreSQL in its own database.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use pgdrift::app::{self, Source};
use pgdrift::conn::DbUrl;

fn finding_lines(changes: &[pgdrift::diff::Change]) -> BTreeSet<String> {
    changes.iter().map(|c| c.line()).collect()
}

/// `expected`, or `expected.<N>` for the greatest N not above the server's major: where
/// PostgreSQL itself changed between majors (`GRANT ALL` includes MAINTAIN from 17 on), the
/// findings differ and each major's are pinned.
fn expected_file(dir: &Path) -> std::path::PathBuf {
    let major = common::server_major();
    let mut best: Option<u32> = None;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(n) = name
            .strip_prefix("expected.")
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        if n <= major && best.is_none_or(|b| n > b) {
            best = Some(n);
        }
    }
    match best {
        Some(n) => dir.join(format!("expected.{n}")),
        None => dir.join("expected"),
    }
}

/// The case's `options` file, if any: one command-line option a line (`--owners`,
/// `--no-privileges`, `--ignore role:PATTERN=REASON`), as `check` takes them.
fn options(dir: &Path) -> Result<app::CompareOptions, String> {
    let mut out = app::CompareOptions::default();
    let Ok(text) = std::fs::read_to_string(dir.join("options")) else {
        return Ok(out);
    };
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.split_once(' ') {
            None if line == "--owners" => out.owners = true,
            None if line == "--no-privileges" => out.no_privileges = true,
            Some(("--ignore", rule)) => {
                let pattern = rule
                    .trim()
                    .strip_prefix("role:")
                    .and_then(|r| r.split_once('=').map(|(p, _)| p.to_string()))
                    .ok_or(format!(
                        "options: only `--ignore role:PATTERN=REASON` is read here, not `{line}`"
                    ))?;
                out.ignore_roles.push(pattern);
            }
            _ => return Err(format!("options: unknown option `{line}`")),
        }
    }
    Ok(out)
}

async fn run_case(dir: &Path) -> Result<(), String> {
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("case")
        .to_string();
    if let Some(note) = common::too_old_for(dir)? {
        eprintln!("check corpus: {note}");
        return Ok(());
    }
    let live_sql =
        std::fs::read_to_string(dir.join("live.sql")).map_err(|e| format!("{name}: {e}"))?;
    let expected: BTreeSet<String> = std::fs::read_to_string(expected_file(dir))
        .map_err(|e| format!("{name}: {e}"))?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let db = common::test_db(&name).await;
    db.exec(&live_sql).await;
    let before = common::dump_schema(&db.url);
    let declared = Source::Declared {
        schema_file: dir.join("schema.yaml"),
        views_dir: dir.join("views"),
    };
    let live = Source::Db(DbUrl::parse(&db.url).map_err(|e| e.to_string())?);
    let options = options(dir).map_err(|e| format!("{name}: {e}"))?;
    let cmp = app::compare_with(&declared, &live, None, &[], &options)
        .await
        .map_err(|e| format!("{name}: {e}"))?;
    let got = finding_lines(&cmp.changes);
    if got != expected {
        return Err(format!(
            "{name}:\n  expected: {expected:?}\n  got:      {got:?}\n  changes:  {:#?}",
            cmp.changes
                .iter()
                .map(|c| c.summary.clone())
                .collect::<Vec<_>>()
        ));
    }
    // Checking must leave the target exactly as it was.
    let after = common::dump_schema(&db.url);
    if before != after {
        return Err(format!("{name}: the target's schema changed during check"));
    }
    Ok(())
}

#[tokio::test]
async fn check_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/check");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("corpus folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 20, "the corpus shrank: {} cases", dirs.len());
    let filter = std::env::var("CORPUS_FILTER").ok();
    let mut failures = Vec::new();
    for dir in &dirs {
        if let Some(f) = &filter {
            if !dir.to_string_lossy().contains(f.as_str()) {
                continue;
            }
        }
        if let Err(e) = run_case(dir).await {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n\n")
    );
}

/// `check --format json` of the seed case, through the binary: every field docs/json-format.md
/// promises is there, and presence, severity and the two sides are right for a few findings.
#[tokio::test]
async fn seed_case_json_fields() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/check/corp_chk_seed_gene_db");
    let live_sql = std::fs::read_to_string(dir.join("live.sql")).expect("live.sql");
    let db = common::test_db("corp_chk_json").await;
    db.exec(&live_sql).await;
    let args = ["check", "--db", &db.url, "--no-cache", "--format", "json"];
    let out = common::run_pgdrift(&args, Some(&dir), &[]);
    out.assert_code(1);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("one JSON document");
    assert_eq!(doc["format"], "pgdrift.check");
    assert_eq!(doc["version"], 2);
    assert_eq!(doc["summary"]["total"], 17);
    assert_eq!(doc["summary"]["errors"], 11);
    assert_eq!(doc["summary"]["warnings"], 6);
    let changes = doc["changes"].as_array().expect("changes");
    let fields = [
        "category",
        "presence",
        "severity",
        "object",
        "summary",
        "declared",
        "live",
        "detail",
        "possible_rename",
        "renamed_from",
    ];
    for c in changes {
        for f in fields {
            assert!(c.get(f).is_some(), "no `{f}` in {c}");
        }
    }
    let find = |category: &str, name: &str| {
        changes
            .iter()
            .find(|c| c["category"] == category && c["object"]["name"] == name)
            .unwrap_or_else(|| panic!("no {category} finding for {name}"))
    };
    // An index that lost UNIQUE lets duplicates in: an error, like a missing unique index.
    let ix = find("index", "ix_genes_symbol");
    assert_eq!(
        (&ix["presence"], &ix["severity"]),
        (&"changed".into(), &"error".into())
    );
    assert_eq!(ix["declared"], "UNIQUE USING btree (symbol)");
    assert_eq!(ix["live"], "USING btree (symbol)");
    assert_eq!(ix["object"]["table"], "genes");
    let fk = find("foreign_key", "gene_annotations_gene_id_fkey");
    assert_eq!(fk["severity"], "error");
    assert_eq!(
        fk["declared"],
        "(gene_id) REFERENCES genes(id) ON DELETE CASCADE"
    );
    assert_eq!(fk["live"], "(gene_id) REFERENCES genes(id)");
    let tz = find("timezone", "genes.created_at");
    assert_eq!(tz["object"]["member"], "created_at");
    assert_eq!(tz["live"], "timestamp without time zone");
    let missing = find("index", "ix_gene_evidence_source_name");
    assert_eq!(
        (&missing["presence"], &missing["severity"]),
        (&"missing".into(), &"warning".into())
    );
    assert!(missing["live"].is_null());
    let view = find("view", "evidence_summary_view");
    let detail = view["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("+  WHERE g.is_active"), "{detail}");
}
