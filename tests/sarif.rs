//! `--format sarif` of `check` and `lint`, end to end through the binary: every log validates
//! against the vendored SARIF 2.1.0 JSON schema (tests/fixtures/sarif, with Python's `jsonschema`
//! when one is found: no JSON-schema validator is among the crate's dependencies), the structure
//! code-scanning uploads require is checked field by field, and every location points at the line
//! of schema.yaml (or of a view file) that declares the object the result is about.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn temp_dir(hint: &str) -> PathBuf {
    common::temp_dir("sarif", hint)
}

fn str_of<'a>(v: &'a Value, what: &str) -> &'a str {
    v.as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {v}"))
}

/// A Python that can `import jsonschema`: `$PGDRIFT_JSONSCHEMA_PYTHON`, the CI venv's, python3.
fn jsonschema_python() -> Option<PathBuf> {
    let venv = std::env::var_os("PGDRIFT_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/pgdrift-venv"));
    let candidates = [
        std::env::var_os("PGDRIFT_JSONSCHEMA_PYTHON").map(PathBuf::from),
        Some(venv.join("bin/python")),
        Some(PathBuf::from("python3")),
    ];
    candidates.into_iter().flatten().find(|py| {
        std::process::Command::new(py)
            .args(["-c", "import jsonschema"])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

const VALIDATE_PY: &str = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(log))
for e in errors[:20]:
    print("/".join(str(p) for p in e.absolute_path), e.message)
sys.exit(1 if errors else 0)
"#;

/// Validates the log against the vendored SARIF 2.1.0 schema, if a validator is available.
fn validate_against_schema(text: &str) {
    let Some(py) = jsonschema_python() else {
        eprintln!("SKIPPED schema validation: no Python with `jsonschema` (set PGDRIFT_JSONSCHEMA_PYTHON)");
        return;
    };
    let file = temp_dir("log").join("log.sarif");
    std::fs::write(&file, text).expect("write log");
    let schema = repo().join("tests/fixtures/sarif/sarif-2.1.0-rtm.5.json");
    let out = std::process::Command::new(&py)
        .arg("-c")
        .arg(VALIDATE_PY)
        .arg(&schema)
        .arg(&file)
        .output()
        .expect("run the validator");
    assert!(
        out.status.success(),
        "{} is not valid SARIF 2.1.0:\n{}{}",
        file.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Asserts the log's required structure (SARIF 2.1.0 §3.13–3.27 and GitHub's upload rules)
/// and returns its results.
fn validate(text: &str) -> Vec<Value> {
    validate_against_schema(text);
    let doc: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(doc["version"], "2.1.0");
    assert!(
        str_of(&doc["$schema"], "$schema").contains("sarif-2.1.0"),
        "{}",
        doc["$schema"]
    );
    let runs = doc["runs"].as_array().expect("runs is an array");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "pgdrift");
    let rules = driver["rules"].as_array().expect("driver.rules");
    assert!(!rules.is_empty());
    let mut ids = Vec::new();
    for r in rules {
        let id = str_of(&r["id"], "rule id");
        assert!(!ids.contains(&id), "rule {id} twice");
        ids.push(id);
        assert!(!str_of(&r["shortDescription"]["text"], "shortDescription").is_empty());
        let level = str_of(&r["defaultConfiguration"]["level"], "default level");
        assert!(
            ["none", "note", "warning", "error"].contains(&level),
            "{level}"
        );
    }
    let results = run["results"].as_array().expect("results").clone();
    for r in &results {
        let id = str_of(&r["ruleId"], "ruleId");
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(ids.get(index), Some(&id), "ruleIndex of {r}");
        let level = str_of(&r["level"], "level");
        assert!(["note", "warning", "error"].contains(&level), "{level}");
        assert!(!str_of(&r["message"]["text"], "message").is_empty());
        for loc in r["locations"].as_array().expect("locations") {
            let artifact = &loc["physicalLocation"]["artifactLocation"];
            let uri = str_of(&artifact["uri"], "uri");
            assert!(!uri.starts_with('/') && !uri.contains(' '), "{uri}");
            if let Some(region) = loc["physicalLocation"].get("region") {
                assert!(region["startLine"].as_u64().expect("startLine") >= 1);
                assert!(region["startColumn"].as_u64().expect("startColumn") >= 1);
            }
        }
    }
    results
}

/// The object a result is about, as its message starts: `column genes.id: ...` gives
/// `[genes, id]`; `constraint fk_x on genes: ...` gives `[fk_x, genes]`.
fn object_names(message: &str) -> Vec<String> {
    let head = message.split(": ").next().unwrap_or_default();
    head.split_whitespace()
        .skip(1)
        .filter(|w| *w != "on")
        .flat_map(|w| w.split('.'))
        .map(|w| {
            w.trim_matches(|c| c == '"' || c == '(' || c == ')')
                .to_string()
        })
        .filter(|w| !w.is_empty() && w != "public")
        .collect()
}

/// The file and line a result points at, read from `root`.
fn pointed_line(result: &Value, root: &Path) -> Option<(String, usize, String)> {
    let loc = &result["locations"][0]["physicalLocation"];
    let uri = loc["artifactLocation"]["uri"].as_str()?;
    let line = loc["region"]["startLine"].as_u64()? as usize;
    let text = std::fs::read_to_string(root.join(uri)).expect("pointed file");
    let at = text.lines().nth(line - 1).unwrap_or_default().to_string();
    Some((uri.to_string(), line, at))
}

/// Every located result's line names its object (the object itself, or its table for an object
/// declared with it); returns how many were located.
fn assert_lines_name_objects(results: &[Value], root: &Path) -> usize {
    let mut located = 0;
    for r in results {
        let Some((uri, line, text)) = pointed_line(r, root) else {
            continue;
        };
        located += 1;
        let message = str_of(&r["message"]["text"], "message");
        let names = object_names(message);
        assert!(
            names.iter().any(|n| text.contains(n.as_str())),
            "{uri}:{line} is `{text}`, which names none of {names:?} ({message})"
        );
    }
    located
}

#[test]
fn lint_sarif_of_a_declared_project() {
    let dir = temp_dir("lint");
    std::fs::copy(
        repo().join("tests/corpus/lint/bigint_keys_declared/schema.yaml"),
        dir.join("schema.yaml"),
    )
    .expect("copy schema.yaml");
    let out = common::run_pgdrift(&["lint", "--format", "sarif"], Some(&dir), &[]);
    out.assert_code(1);
    let results = validate(&out.stdout);
    assert_eq!(results.len(), 4, "{}", out.stdout);
    let first = &results[0];
    assert_eq!(first["ruleId"], "bigint-keys");
    assert_eq!(first["level"], "error");
    let loc = &first["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "schema.yaml");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(loc["region"]["startLine"], 5);
    assert_eq!(loc["region"]["startColumn"], 7);
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "no-serial" && r["level"] == "warning"));
    assert_eq!(assert_lines_name_objects(&results, &dir), results.len());

    // The bundled example, as declared: every finding is located at a line naming its object.
    let out = common::run_pgdrift(&["lint", "--format", "sarif"], Some(&repo()), &[]);
    let results = validate(&out.stdout);
    assert!(!results.is_empty(), "{}", out.stdout);
    assert_eq!(assert_lines_name_objects(&results, &repo()), results.len());

    // A clean lint is a valid log with no results; exit 0.
    std::fs::write(
        dir.join("schema.yaml"),
        "tables:\n  t: {columns: {id: bigint}, primary_key: [id]}\n",
    )
    .expect("write");
    let out = common::run_pgdrift(&["lint", "--format", "sarif"], Some(&dir), &[]);
    out.assert_code(0);
    assert!(validate(&out.stdout).is_empty());
}

/// `check --format sarif` on the example as it drifted in production: one result per change of
/// the JSON report, its category as rule, located at the declaration (schema.yaml or the view's
/// file) when the object is declared.
#[tokio::test]
async fn check_sarif_of_a_drifted_database() {
    let db = common::test_db("sarif_prod").await;
    let sql = std::fs::read_to_string(repo().join("tests/fixtures/example/production_drift.sql"))
        .expect("fixture");
    db.exec(&sql).await;
    let out = common::run_pgdrift(
        &["check", "--db", &db.url, "--format", "sarif"],
        Some(&repo()),
        &[],
    );
    out.assert_code(1);
    let results = validate(&out.stdout);
    let json = common::run_pgdrift(
        &["check", "--db", &db.url, "--format", "json"],
        Some(&repo()),
        &[],
    );
    json.assert_code(1);
    let doc: Value = serde_json::from_str(&json.stdout).expect("json report");
    let changes = doc["changes"].as_array().expect("changes");
    assert_eq!(results.len(), changes.len(), "{}", out.stdout);
    for (r, c) in results.iter().zip(changes) {
        assert_eq!(r["ruleId"], c["category"], "{r}\n{c}");
        assert_eq!(r["level"], c["severity"], "{r}\n{c}");
    }
    let located = assert_lines_name_objects(&results, &repo());
    assert!(located > 0);
    // Every result has a location (code scanning requires one): the declaration, else the
    // schema file as a whole.
    for r in &results {
        let uri = str_of(
            &r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "uri",
        );
        assert!(uri == "schema.yaml" || uri.starts_with("views/"), "{uri}");
    }
    assert!(
        results.iter().any(|r| {
            r["ruleId"] == "timezone"
                && str_of(&r["message"]["text"], "message").starts_with("column genes.created_at")
                && r["locations"][0]["physicalLocation"]["region"]["startLine"].is_u64()
        }),
        "{}",
        out.stdout
    );
    assert!(
        results.iter().any(|r| str_of(
            &r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "uri"
        )
        .starts_with("views/")),
        "{}",
        out.stdout
    );
    db.drop_now().await;
}

/// `diff` of two snapshots has no declared file: results without locations, still valid.
#[test]
fn diff_sarif_of_two_snapshots_has_no_locations() {
    let prod = repo().join("snapshots/production.yaml");
    let text = std::fs::read_to_string(&prod).expect("snapshot");
    let drifted = temp_dir("diff").join("drifted.yaml");
    std::fs::write(
        &drifted,
        text.replacen("timestamp with time zone", "timestamp without time zone", 1),
    )
    .expect("write");
    let out = common::run_pgdrift(
        &[
            "diff",
            &prod.to_string_lossy(),
            &drifted.to_string_lossy(),
            "--format",
            "sarif",
        ],
        None,
        &[],
    );
    out.assert_code(1);
    let results = validate(&out.stdout);
    assert_eq!(results.len(), 1, "{}", out.stdout);
    assert_eq!(results[0]["ruleId"], "timezone");
    assert_eq!(results[0]["locations"], serde_json::json!([]));
}
