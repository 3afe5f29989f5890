//! SARIF 2.1.0 logs for `check --format sarif` and `lint --format sarif`: one result per finding,
//! its rule (the drift category for `check`, the rule id for `lint`), level and message, located
//! at the declaration in schema.yaml or a view file when known, so code-scanning UIs (GitHub's
//! `upload-sarif`, GitLab's SAST report) annotate the pull request.
//! <https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html>
//!
//! Positions come from the same resolution as `--format github` ([`crate::github`]).

use std::path::Path;

use serde_json::{json, Map, Value};

use crate::diff::{Category, Severity};
use crate::github::{self, Position};
use crate::lint::{rules, Outcome};
use crate::load::SourceMap;
use crate::report::Report;

pub const VERSION: &str = "2.1.0";
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// SARIF's `level` for a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A relative path as a URI reference (forward slashes, percent-encoded); an absolute one as a
/// `file://` URI.
pub fn uri(path: &str) -> String {
    let mut out = String::new();
    let unix = path.replace('\\', "/");
    let absolute = unix.starts_with('/');
    if absolute {
        out.push_str("file://");
    }
    for b in unix.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out.strip_prefix("./").map(str::to_string).unwrap_or(out)
}

/// A `location` object: the file, and a region when the line is known.
fn location(p: &Position) -> Value {
    let mut artifact = Map::new();
    let u = uri(&p.file);
    let relative = !u.starts_with("file://");
    artifact.insert("uri".into(), json!(u));
    if relative {
        artifact.insert("uriBaseId".into(), json!("%SRCROOT%"));
    }
    let mut physical = Map::new();
    physical.insert("artifactLocation".into(), Value::Object(artifact));
    if let Some(line) = p.line {
        let mut region = Map::new();
        region.insert("startLine".into(), json!(line));
        if let Some(col) = p.column {
            region.insert("startColumn".into(), json!(col));
        }
        physical.insert("region".into(), Value::Object(region));
    }
    json!({ "physicalLocation": Value::Object(physical) })
}

fn result(
    rule_id: &str,
    rule_index: usize,
    s: Severity,
    text: String,
    at: Option<&Position>,
) -> Value {
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(rule_id));
    r.insert("ruleIndex".into(), json!(rule_index));
    r.insert("level".into(), json!(level(s)));
    r.insert("message".into(), json!({ "text": text }));
    r.insert(
        "locations".into(),
        Value::Array(at.map(location).into_iter().collect()),
    );
    Value::Object(r)
}

/// The whole log: one run of pgdrift with its rules and results.
fn log(driver_rules: Vec<Value>, results: Vec<Value>, properties: Value) -> String {
    let doc = json!({
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [{
            "tool": {
                "driver": {
                    "name": "pgdrift",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": driver_rules,
                }
            },
            "originalUriBaseIds": {
                "%SRCROOT%": { "description": { "text": "The directory pgdrift ran in." } }
            },
            "results": results,
            "properties": properties,
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// `check --format sarif`: a rule per drift category, a result per change at its declaration
/// (else its table's, else the schema file as a whole).
pub fn check(r: &Report, sources: &SourceMap, schema_file: &Path) -> String {
    let driver_rules = Category::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "name": c.as_str(),
                "shortDescription": { "text": format!("Drift of category {c}: the database differs from the declared schema") },
                "defaultConfiguration": { "level": "error" },
            })
        })
        .collect();
    let results = r
        .changes
        .iter()
        .map(|c| {
            let mut text = format!("{}: {}", c.object.describe(), c.summary);
            for (label, v) in [("declared", &c.declared), ("live", &c.live)] {
                if let Some(v) = v.as_deref().filter(|v| !c.summary.contains(*v)) {
                    text.push_str(&format!("\n{label}: {v}"));
                }
            }
            let index = Category::ALL
                .iter()
                .position(|x| *x == c.category)
                .unwrap_or(0);
            // `diff` of two databases or snapshots has no declared file to point at.
            let at = Some(github::change_position(&c.object, sources, schema_file))
                .filter(|p| !p.file.is_empty());
            result(c.category.as_str(), index, c.severity, text, at.as_ref())
        })
        .collect();
    let properties = json!({
        "declared": r.declared_source,
        "live": r.live_source,
        "ignored": r.ignored,
    });
    log(driver_rules, results, properties)
}

/// `lint --format sarif`: a rule per lint rule (with its why and fix hint), a result per finding
/// at its declaration; without one (a database, a snapshot) at `fallback` as a whole, if given.
pub fn lint(o: &Outcome, fallback: Option<&Path>) -> String {
    let driver_rules = rules::ALL
        .iter()
        .map(|r| {
            let level = match r.default {
                crate::lint::Level::Error => "error",
                crate::lint::Level::Warning => "warning",
                crate::lint::Level::Off => "none",
            };
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": { "text": r.why },
                "help": { "text": r.fix },
                "defaultConfiguration": { "level": level },
            })
        })
        .collect();
    let fallback = fallback.map(|p| Position {
        file: p.display().to_string(),
        line: None,
        column: None,
    });
    let results = o
        .findings
        .iter()
        .map(|f| {
            let index = rules::ALL.iter().position(|r| r.id == f.rule).unwrap_or(0);
            let at = f.location.as_ref().map(Position::of).or(fallback.clone());
            let text = format!("{}: {}\nfix: {}", f.object, f.message, f.fix);
            result(f.rule, index, f.severity, text, at.as_ref())
        })
        .collect();
    let properties = json!({ "source": o.source, "ignored": o.ignored });
    log(driver_rules, results, properties)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_references_or_file_uris() {
        assert_eq!(uri("schema.yaml"), "schema.yaml");
        assert_eq!(uri("./db/my views/a.sql"), "db/my%20views/a.sql");
        assert_eq!(uri("/tmp/x,y.yaml"), "file:///tmp/x%2Cy.yaml");
    }

    #[test]
    fn a_location_without_a_line_has_no_region() {
        let at = Position {
            file: "schema.yaml".into(),
            line: None,
            column: None,
        };
        let v = location(&at);
        assert!(v["physicalLocation"].get("region").is_none());
        assert_eq!(
            v["physicalLocation"]["artifactLocation"]["uriBaseId"],
            "%SRCROOT%"
        );
    }

    #[test]
    fn an_empty_lint_is_a_valid_log() {
        let text = lint(&Outcome::default(), None);
        let v: Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(v["version"], "2.1.0");
        assert_eq!(v["runs"][0]["results"], json!([]));
        assert_eq!(v["runs"][0]["tool"]["driver"]["name"], "pgdrift");
        assert!(!v["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .map(Vec::is_empty)
            .unwrap_or(true));
    }
}
