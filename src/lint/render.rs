//! Renders a lint [`Outcome`]: human text, versioned JSON, Markdown for a pull-request comment,
//! or GitHub workflow-command annotations. Pure functions of the outcome, so output is
//! deterministic (findings are already sorted by [`super::run`]).

use serde_json::{json, Value};

use super::{Finding, Outcome};
use crate::diff::Severity;
use crate::github;

/// The name and version of the JSON document; additive changes keep version 1.
pub const JSON_FORMAT: &str = "pgdrift.lint";
pub const JSON_VERSION: u32 = 1;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `3 findings (1 error, 2 warnings)`, plus `, 2 ignored`.
fn totals(o: &Outcome) -> String {
    let ignored = if o.ignored == 0 {
        String::new()
    } else {
        format!(", {} ignored", o.ignored)
    };
    format!(
        "{} ({}, {}{ignored})",
        plural(o.findings.len(), "finding", "findings"),
        plural(o.count(Severity::Error), "error", "errors"),
        plural(o.count(Severity::Warning), "warning", "warnings"),
    )
}

/// `schema.yaml:12:7` or nothing (databases and snapshots have no positions).
fn position(f: &Finding) -> Option<String> {
    f.location
        .as_ref()
        .map(|l| format!("{}:{}:{}", l.file.display(), l.line, l.column))
}

/// Rules that fired, once each, in first-finding order.
fn fired(o: &Outcome) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&'static str, &'static str)> = Vec::new();
    for f in &o.findings {
        if !out.iter().any(|(id, _)| *id == f.rule) {
            out.push((f.rule, f.why));
        }
    }
    out
}

/// Human text; severities in color (ANSI) only when `color` is true.
pub fn human(o: &Outcome, color: bool) -> String {
    let mut out = format!("pgdrift lint: {}\n", o.source);
    for f in &o.findings {
        out.push('\n');
        if let Some(p) = position(f) {
            out.push_str(&format!("{p}: "));
        }
        let code = match f.severity {
            Severity::Error => "31",
            Severity::Warning => "33",
        };
        out.push_str(&format!(
            "{} [{}] {}: {}\n",
            crate::color::paint(color, code, f.severity.as_str()),
            f.rule,
            f.object,
            f.message
        ));
        out.push_str(&format!("    fix: {}\n", f.fix));
    }
    let rules = fired(o);
    if !rules.is_empty() {
        out.push_str("\nwhy:\n");
        for (id, why) in rules {
            out.push_str(&format!("  {id}: {why}\n"));
        }
    }
    out.push('\n');
    if o.findings.is_empty() {
        out.push_str(&format!("lint: clean{}\n", ignored_note(o)));
    } else {
        out.push_str(&format!("lint: {}\n", totals(o)));
    }
    out
}

fn ignored_note(o: &Outcome) -> String {
    if o.ignored == 0 {
        String::new()
    } else {
        format!(" ({} ignored)", o.ignored)
    }
}

pub fn json(o: &Outcome) -> String {
    let mut by_rule = serde_json::Map::new();
    for f in &o.findings {
        let n = by_rule.get(f.rule).and_then(Value::as_u64).unwrap_or(0);
        by_rule.insert(f.rule.to_string(), json!(n + 1));
    }
    let findings: Vec<Value> = o
        .findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "object": f.object,
                "name": f.name,
                "message": f.message,
                "fix": f.fix,
                "why": f.why,
                "file": f.location.as_ref().map(|l| l.file.display().to_string()),
                "line": f.location.as_ref().map(|l| l.line),
                "column": f.location.as_ref().map(|l| l.column),
            })
        })
        .collect();
    let doc = json!({
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "source": o.source,
        "summary": {
            "total": o.findings.len(),
            "errors": o.count(Severity::Error),
            "warnings": o.count(Severity::Warning),
            "ignored": o.ignored,
            "by_rule": by_rule,
        },
        "findings": findings,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// Escapes text for a GitHub-flavored Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', "<br>")
}

/// Inline code when possible.
fn code(text: &str) -> String {
    if text.contains('`') || text.contains('\n') {
        cell(text)
    } else {
        format!("`{}`", text.replace('|', "\\|"))
    }
}

pub fn markdown(o: &Outcome) -> String {
    if o.findings.is_empty() {
        return format!(
            "### pgdrift lint: clean{}\n\n`{}`\n",
            ignored_note(o),
            o.source
        );
    }
    let mut out = format!("### pgdrift lint: {}\n\n`{}`\n\n", totals(o), o.source);
    out.push_str("| severity | rule | object | where | message | fix |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for f in &o.findings {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            f.severity,
            f.rule,
            cell(&f.object),
            position(f).map(|p| code(&p)).unwrap_or_else(|| "—".into()),
            cell(&f.message),
            code(&f.fix),
        ));
    }
    out.push_str("\n<details><summary>why these rules</summary>\n\n");
    for (id, why) in fired(o) {
        out.push_str(&format!("- **{id}**: {}\n", cell(why)));
    }
    out.push_str("\n</details>\n");
    out
}

/// One workflow command per finding, then a notice line with the totals.
pub fn github(o: &Outcome) -> String {
    let mut out = String::new();
    for f in &o.findings {
        let at = f.location.as_ref().map(github::Position::of);
        out.push_str(&github::annotation(
            f.severity,
            at.as_ref(),
            &format!("pgdrift lint {}", f.rule),
            &format!("{}: {}\nfix: {}", f.object, f.message, f.fix),
        ));
    }
    if o.findings.is_empty() {
        out.push_str(&format!("pgdrift lint: clean{}\n", ignored_note(o)));
    } else {
        out.push_str(&format!("pgdrift lint: {}\n", totals(o)));
    }
    out
}
