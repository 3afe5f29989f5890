//! Renders a drift [`Report`] as human text, versioned JSON (docs/json-format.md) or Markdown
//! for a pull-request comment. Every renderer is a pure function of the report, so output is
//! deterministic: changes keep the order [`crate::diff::diff`] gave them, grouped by category in
//! [`Category::ALL`] order.

use serde_json::{json, Map, Value};

use crate::diff::{Category, Change, Presence, Severity};

/// The name and version of the JSON document; additive changes keep the version. Version 2: a
/// change's category is its cause (`foreign_key`, `table`, ...) and `presence` says whether the
/// object is `missing`, `extra` or `changed` (version 1 had categories `missing` and `extra`).
pub const JSON_FORMAT: &str = "pgdrift.check";
pub const JSON_VERSION: u32 = 2;

/// Values longer than this are printed on their own lines in human output.
const SHORT: usize = 60;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
    /// How many changes ignore rules hid.
    pub ignored: usize,
    /// Where the declared schema came from (`schema.yaml`, a snapshot path).
    pub declared_source: String,
    /// Where the live schema came from (a URL without password, a snapshot path).
    pub live_source: String,
    /// The live server's version (`16.4`).
    pub server_version: Option<String>,
    /// The version of the server that normalized the declared schema.
    pub normalizer_version: Option<String>,
    /// The subcommand that made the report (`check`, `diff`), for its title; empty means `check`.
    pub command: String,
}

impl Report {
    /// `pgdrift check`, `pgdrift diff`: the title of the report.
    pub fn title(&self) -> String {
        let command = if self.command.is_empty() {
            "check"
        } else {
            &self.command
        };
        format!("pgdrift {command}")
    }

    pub fn errors(&self) -> usize {
        self.changes
            .iter()
            .filter(|c| c.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.changes
            .iter()
            .filter(|c| c.severity == Severity::Warning)
            .count()
    }

    /// Categories that have changes, in report order, with their counts.
    pub fn by_category(&self) -> Vec<(Category, usize)> {
        Category::ALL
            .iter()
            .map(|&cat| {
                (
                    cat,
                    self.changes.iter().filter(|c| c.category == cat).count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    fn changes_in(&self, cat: Category) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.category == cat)
    }
}

/// Writes a rendered report to `out`, or to stdout (ending with a newline) when there is none.
pub fn emit(out: Option<&std::path::Path>, text: &str) -> Result<(), crate::Error> {
    match out {
        Some(path) => std::fs::write(path, text).map_err(|e| crate::Error::Io {
            path: path.to_path_buf(),
            source: e,
        }),
        None => {
            print!("{text}");
            if !text.ends_with('\n') {
                println!();
            }
            Ok(())
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `12 differences (5 errors, 7 warnings) in 4 categories`.
pub(crate) fn totals(r: &Report) -> String {
    format!(
        "{} ({}, {}) in {}",
        plural(r.changes.len(), "difference", "differences"),
        plural(r.errors(), "error", "errors"),
        plural(r.warnings(), "warning", "warnings"),
        plural(r.by_category().len(), "category", "categories"),
    )
}

fn ignored_note(r: &Report) -> String {
    if r.ignored == 0 {
        String::new()
    } else {
        format!(" ({} ignored)", r.ignored)
    }
}

pub(crate) fn versions_line(r: &Report) -> String {
    let v = |s: &Option<String>| s.clone().unwrap_or_else(|| "unknown".to_string());
    format!(
        "live server PostgreSQL {}, normalized with PostgreSQL {}",
        v(&r.server_version),
        v(&r.normalizer_version)
    )
}

fn is_short(v: &str) -> bool {
    v.len() <= SHORT && !v.contains('\n')
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        crate::color::paint(self.on, code, text)
    }
    /// A unified-diff line: additions green, removals red, hunk headers cyan.
    fn diff_line(&self, line: &str) -> String {
        if line.starts_with("+++") || line.starts_with("---") {
            self.wrap("1", line)
        } else if line.starts_with('+') {
            self.wrap("32", line)
        } else if line.starts_with('-') {
            self.wrap("31", line)
        } else if line.starts_with("@@") {
            self.wrap("36", line)
        } else {
            line.to_string()
        }
    }
    fn severity(&self, s: Severity) -> String {
        // Pad before coloring so columns line up either way.
        let padded = format!("{:<7}", s.as_str());
        match s {
            Severity::Error => self.wrap("31", &padded),
            Severity::Warning => self.wrap("33", &padded),
        }
    }
}

const INDENT: &str = "          ";

/// Human text for a terminal. Colors (ANSI) only when `color` is true.
pub fn human(r: &Report, color: bool) -> String {
    let paint = Paint { on: color };
    let mut out = String::new();
    out.push_str(&format!(
        "{}: declared {} vs live {}\n",
        r.title(),
        r.declared_source,
        r.live_source
    ));
    out.push_str(&format!("{}\n", versions_line(r)));
    for (cat, n) in r.by_category() {
        out.push('\n');
        out.push_str(&paint.wrap("1", &format!("{} ({n})", cat.as_str())));
        out.push('\n');
        for c in r.changes_in(cat) {
            out.push_str(&format!(
                "  {} {}: {}\n",
                paint.severity(c.severity),
                c.object,
                c.summary
            ));
            human_values(c, &mut out);
            if let Some(d) = &c.detail {
                for line in d.lines() {
                    out.push_str(INDENT);
                    out.push_str(&paint.diff_line(line));
                    out.push('\n');
                }
            }
        }
    }
    out.push('\n');
    if r.changes.is_empty() {
        out.push_str(&format!(
            "no drift: {} matches {}{}\n",
            r.declared_source,
            r.live_source,
            ignored_note(r)
        ));
    } else {
        out.push_str(&format!("drift: {}{}\n", totals(r), ignored_note(r)));
    }
    out
}

/// Categories whose detail is a unified diff of a body (views, routines, triggers).
pub(crate) fn has_body_diff(c: Category) -> bool {
    matches!(c, Category::View | Category::Function | Category::Trigger)
}

/// Whether to show a change's declared/live values: not when the summary already says them, and
/// not for a body whose diff (the detail) already shows both sides.
pub(crate) fn shows_values(c: &Change) -> bool {
    let in_summary = |v: &Option<String>| v.as_ref().is_none_or(|v| c.summary.contains(v.as_str()));
    !((in_summary(&c.declared) && in_summary(&c.live))
        || (c.detail.is_some() && has_body_diff(c.category)))
}

/// Declared/live values under a change, when [`shows_values`].
fn human_values(c: &Change, out: &mut String) {
    if !shows_values(c) {
        return;
    }
    let d = c.declared.as_deref().unwrap_or("-");
    let l = c.live.as_deref().unwrap_or("-");
    if is_short(d) && is_short(l) {
        out.push_str(&format!("{INDENT}declared: {d}   live: {l}\n"));
    } else {
        for (label, v) in [("declared:", d), ("live:    ", l)] {
            let mut lines = v.lines();
            out.push_str(&format!("{INDENT}{label} {}\n", lines.next().unwrap_or("")));
            for line in lines {
                out.push_str(&format!("{INDENT}          {line}\n"));
            }
        }
    }
}

/// The versioned JSON document (docs/json-format.md), pretty-printed, ending in a newline.
pub fn json(r: &Report) -> String {
    let mut by_category = Map::new();
    for (cat, n) in r.by_category() {
        by_category.insert(cat.as_str().to_string(), json!(n));
    }
    let changes: Vec<Value> = r
        .changes
        .iter()
        .map(|c| serde_json::to_value(c).unwrap_or(Value::Null))
        .collect();
    let doc = json!({
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "declared": r.declared_source,
        "live": r.live_source,
        "server_version": r.server_version,
        "normalizer_version": r.normalizer_version,
        "summary": {
            "total": r.changes.len(),
            "errors": r.errors(),
            "warnings": r.warnings(),
            "ignored": r.ignored,
            "by_category": by_category,
        },
        "changes": changes,
    });
    // A Value of strings and numbers always serializes.
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// `foreign_key`, or `foreign_key (missing)` for an object on one side only.
pub fn category_words(c: &Change) -> String {
    match c.presence {
        Presence::Changed => c.category.as_str().to_string(),
        p => format!("{} ({})", c.category.as_str(), p.as_str()),
    }
}

/// Escapes text for a GitHub-flavored Markdown table cell.
pub(crate) fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

/// A value as inline code when it can be (no backticks, no newlines), else escaped text.
fn code_cell(v: &Option<String>) -> String {
    match v {
        None => "—".to_string(),
        Some(v) if !v.contains('`') && !v.contains('\n') => format!("`{}`", v.replace('|', "\\|")),
        Some(v) => cell(v),
    }
}

fn fence_for(text: &str) -> String {
    let mut fence = "```".to_string();
    while text.contains(&fence) {
        fence.push('`');
    }
    fence
}

/// Markdown for a pull-request comment: totals heading, one table row per change, multi-line
/// details (view diffs, rename hints) in collapsible blocks below.
pub fn markdown(r: &Report) -> String {
    let mut out = String::new();
    if r.changes.is_empty() {
        out.push_str("### pgdrift: no drift\n\n");
        out.push_str(&format!(
            "`{}` matches `{}`{}.\n",
            r.declared_source,
            r.live_source,
            ignored_note(r)
        ));
        out.push_str(&format!("\n<sub>{}</sub>\n", versions_line(r)));
        return out;
    }
    out.push_str(&format!(
        "### pgdrift: {}{}\n\n",
        totals(r),
        ignored_note(r)
    ));
    out.push_str(&format!(
        "Declared `{}` vs live `{}`.\n\n",
        r.declared_source, r.live_source
    ));
    out.push_str("| severity | category | object | declared | live | summary |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    let mut details = Vec::new();
    for (cat, _) in r.by_category() {
        for c in r.changes_in(cat) {
            let (dcell, lcell) = if has_body_diff(c.category) && c.detail.is_some() {
                // The body diff below shows both sides; a table cell cannot.
                ("see diff below".to_string(), "see diff below".to_string())
            } else {
                (code_cell(&c.declared), code_cell(&c.live))
            };
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                c.severity.as_str(),
                category_words(c),
                cell(&c.object.describe()),
                dcell,
                lcell,
                cell(&c.summary),
            ));
            if let Some(d) = &c.detail {
                details.push((c, d));
            }
        }
    }
    for (c, d) in details {
        let fence = fence_for(d);
        let lang = if has_body_diff(c.category) {
            "diff"
        } else {
            ""
        };
        out.push_str(&format!(
            "\n<details><summary>{}: {}</summary>\n\n{fence}{lang}\n{}{}{fence}\n\n</details>\n",
            cell(&c.object.describe()),
            cell(&c.summary),
            d,
            if d.ends_with('\n') { "" } else { "\n" },
        ));
    }
    out.push_str(&format!("\n<sub>{}</sub>\n", versions_line(r)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::diff;
    use crate::model::{Column, QualifiedName, Schema, Table, View};

    fn sample() -> Report {
        let q = |n: &str| QualifiedName::parse(n).unwrap();
        let mut declared = Schema::default();
        let mut live = Schema::default();
        let mut t = Table::default();
        t.columns.insert(
            "id".into(),
            Column {
                nullable: false,
                ..Column::of_type("bigint")
            },
        );
        t.columns.insert(
            "note".into(),
            Column {
                default: Some("'a|b'::text".into()),
                ..Column::of_type("text")
            },
        );
        declared.tables.insert(q("genes"), t);
        let mut t = Table::default();
        t.columns.insert(
            "id".into(),
            Column {
                nullable: false,
                ..Column::of_type("integer")
            },
        );
        t.columns.insert("note".into(), Column::of_type("text"));
        live.tables.insert(q("genes"), t);
        declared.views.insert(
            q("v"),
            View {
                definition: " SELECT 1 AS x\n  WHERE true;".into(),
                ..Default::default()
            },
        );
        live.views.insert(
            q("v"),
            View {
                definition: " SELECT 1 AS x;".into(),
                ..Default::default()
            },
        );
        Report {
            changes: diff(&declared, &live),
            ignored: 1,
            declared_source: "schema.yaml".into(),
            live_source: "postgres://db/genes".into(),
            server_version: Some("16.4".into()),
            normalizer_version: Some("16.4".into()),
            command: String::new(),
        }
    }

    fn empty() -> Report {
        Report {
            declared_source: "schema.yaml".into(),
            live_source: "postgres://db/genes".into(),
            server_version: Some("17.0".into()),
            ..Default::default()
        }
    }

    #[test]
    fn human_golden() {
        let expected = "\
pgdrift check: declared schema.yaml vs live postgres://db/genes
live server PostgreSQL 16.4, normalized with PostgreSQL 16.4

type (1)
  error   column genes.id: type is bigint in the declaration but integer in the database

default (1)
  warning column genes.note: default 'a|b'::text is declared but the database has none

view (1)
  warning view v: definition differs
          --- live
          +++ declared
          @@ -1 +1,2 @@
          - SELECT 1 AS x;
          + SELECT 1 AS x
          +  WHERE true;

drift: 3 differences (1 error, 2 warnings) in 3 categories (1 ignored)
";
        assert_eq!(human(&sample(), false), expected);
        let colored = human(&sample(), true);
        assert!(colored.contains("\x1b[31merror  \x1b[0m"));
        assert!(!human(&sample(), false).contains('\x1b'));
    }

    #[test]
    fn markdown_says_the_presence_in_words() {
        let mut declared = Schema::default();
        let genes = QualifiedName::new("public", "genes");
        declared.tables.insert(genes, Table::default());
        let r = Report {
            changes: diff(&declared, &Schema::default()),
            ..empty()
        };
        let md = markdown(&r);
        assert!(
            md.contains("| error | table (missing) | table genes |"),
            "{md}"
        );
        let v: Value = serde_json::from_str(&json(&r)).unwrap();
        assert_eq!(v["version"], 2);
        assert_eq!(v["changes"][0]["category"], "table");
        assert_eq!(v["changes"][0]["presence"], "missing");
        assert_eq!(v["summary"]["by_category"]["table"], 1);
    }

    #[test]
    fn human_no_drift() {
        assert_eq!(
            human(&empty(), false),
            "pgdrift check: declared schema.yaml vs live postgres://db/genes\nlive server PostgreSQL 17.0, normalized with PostgreSQL unknown\n\nno drift: schema.yaml matches postgres://db/genes\n"
        );
    }

    #[test]
    fn human_shows_values_not_in_the_summary() {
        let mut r = sample();
        r.changes.truncate(1);
        r.changes[0].summary = "key differs".into();
        let text = human(&r, false);
        assert!(text.contains("  error   column genes.id: key differs\n          declared: bigint   live: integer\n"), "{text}");
    }

    #[test]
    fn json_golden() {
        let expected = r#"{
  "format": "pgdrift.check",
  "version": 2,
  "declared": "schema.yaml",
  "live": "postgres://db/genes",
  "server_version": "16.4",
  "normalizer_version": "16.4",
  "summary": {
    "total": 3,
    "errors": 1,
    "warnings": 2,
    "ignored": 1,
    "by_category": {
      "type": 1,
      "default": 1,
      "view": 1
    }
  },
  "changes": [
    {
      "category": "type",
      "presence": "changed",
      "severity": "error",
      "object": {
        "kind": "column",
        "table": "genes",
        "name": "genes.id",
        "member": "id"
      },
      "summary": "type is bigint in the declaration but integer in the database",
      "declared": "bigint",
      "live": "integer",
      "detail": null,
      "possible_rename": null,
      "renamed_from": null
    },
    {
      "category": "default",
      "presence": "changed",
      "severity": "warning",
      "object": {
        "kind": "column",
        "table": "genes",
        "name": "genes.note",
        "member": "note"
      },
      "summary": "default 'a|b'::text is declared but the database has none",
      "declared": "'a|b'::text",
      "live": null,
      "detail": null,
      "possible_rename": null,
      "renamed_from": null
    },
    {
      "category": "view",
      "presence": "changed",
      "severity": "warning",
      "object": {
        "kind": "view",
        "table": null,
        "name": "v",
        "member": null
      },
      "summary": "definition differs",
      "declared": " SELECT 1 AS x\n  WHERE true;",
      "live": " SELECT 1 AS x;",
      "detail": "--- live\n+++ declared\n@@ -1 +1,2 @@\n- SELECT 1 AS x;\n+ SELECT 1 AS x\n+  WHERE true;\n",
      "possible_rename": null,
      "renamed_from": null
    }
  ]
}
"#;
        assert_eq!(json(&sample()), expected);
        let v: Value = serde_json::from_str(&json(&empty())).unwrap();
        assert_eq!(v["summary"]["total"], 0);
        assert_eq!(v["changes"], json!([]));
        assert_eq!(v["normalizer_version"], Value::Null);
    }

    #[test]
    fn markdown_golden() {
        let expected = "\
### pgdrift: 3 differences (1 error, 2 warnings) in 3 categories (1 ignored)

Declared `schema.yaml` vs live `postgres://db/genes`.

| severity | category | object | declared | live | summary |
|---|---|---|---|---|---|
| error | type | column genes.id | `bigint` | `integer` | type is bigint in the declaration but integer in the database |
| warning | default | column genes.note | `'a\\|b'::text` | — | default 'a\\|b'::text is declared but the database has none |
| warning | view | view v | see diff below | see diff below | definition differs |

<details><summary>view v: definition differs</summary>

```diff
--- live
+++ declared
@@ -1 +1,2 @@
- SELECT 1 AS x;
+ SELECT 1 AS x
+  WHERE true;
```

</details>

<sub>live server PostgreSQL 16.4, normalized with PostgreSQL 16.4</sub>
";
        assert_eq!(markdown(&sample()), expected);
        assert_eq!(
            markdown(&empty()),
            "### pgdrift: no drift\n\n`schema.yaml` matches `postgres://db/genes`.\n\n<sub>live server PostgreSQL 17.0, normalized with PostgreSQL unknown</sub>\n"
        );
    }

    #[test]
    fn markdown_escapes_cells() {
        assert_eq!(cell("a|b\nc<d>"), "a\\|b<br>c&lt;d&gt;");
        assert_eq!(code_cell(&Some("x\ny".into())), "x<br>y");
        assert_eq!(code_cell(&Some("a`b".into())), "a`b");
        assert_eq!(fence_for("has ``` inside"), "````");
    }
}
