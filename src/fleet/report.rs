//! The fleet report: databases grouped by identical drift ("97 match; 3 drifted the same way;
//! 1 could not be checked"), as human text, versioned JSON (`pgdrift.fleet`, docs/json-format.md)
//! and Markdown; and the merge of JSON reports of shards into the report one run would give.
//!
//! Groups are keyed by the exact JSON of their changes (declared and live values included), so
//! two databases share a group only when `check` would print the same drift for both. Every list
//! is sorted, so the report depends only on the set of databases and their outcomes: not on the
//! order they answered in, nor on how they were sharded.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::diff::Change;
use crate::error::Error;

pub const JSON_FORMAT: &str = "pgdrift.fleet";
pub const JSON_VERSION: u32 = 1;

/// What checking one database gave.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// No drift (after ignore rules and `--category`).
    Match,
    /// Drift; `failing` when the `--fail-on`/`--warn-on` policy fails on it.
    Drift { changes: Vec<Change>, failing: bool },
    /// Not checked: unreachable, too slow, or the comparison failed. The reason is redacted.
    Unchecked(String),
}

/// One line of a group's drift, readable without the full change objects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub severity: String,
    /// `foreign_key`, or `table (missing)`.
    pub category: String,
    pub object: String,
    pub summary: String,
}

/// Databases that drifted in exactly the same way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DriftGroup {
    pub databases: Vec<String>,
    /// Whether this drift fails the check (see `--fail-on` / `--warn-on`).
    pub failing: bool,
    pub findings: Vec<Finding>,
    /// The changes as `pgdrift.check` JSON prints them.
    pub changes: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unchecked {
    pub database: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub databases: usize,
    #[serde(rename = "match")]
    pub matching: usize,
    pub drifted: usize,
    pub unchecked: usize,
    pub groups: usize,
}

/// The whole fleet report, in its JSON shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FleetReport {
    pub format: String,
    pub version: u32,
    pub declared: String,
    pub summary: Summary,
    #[serde(rename = "match")]
    pub matching: Vec<String>,
    pub drift: Vec<DriftGroup>,
    pub unchecked: Vec<Unchecked>,
}

impl FleetReport {
    /// The report of `outcomes`, one per database (by redacted URL).
    pub fn build(declared: &str, outcomes: Vec<(String, Outcome)>) -> FleetReport {
        let mut matching = Vec::new();
        let mut drift = Vec::new();
        let mut unchecked = Vec::new();
        for (database, outcome) in outcomes {
            match outcome {
                Outcome::Match => matching.push(database),
                Outcome::Drift { changes, failing } => drift.push(DriftGroup {
                    databases: vec![database],
                    failing,
                    findings: changes.iter().map(finding).collect(),
                    changes: changes
                        .iter()
                        .map(|c| serde_json::to_value(c).unwrap_or(Value::Null))
                        .collect(),
                }),
                Outcome::Unchecked(reason) => unchecked.push(Unchecked { database, reason }),
            }
        }
        assemble(declared.to_string(), matching, drift, unchecked)
    }

    /// 0 every database matches, 1 some drift fails, 2 some database could not be checked.
    pub fn exit_code(&self) -> u8 {
        if !self.unchecked.is_empty() {
            2
        } else if self.drift.iter().any(|g| g.failing) {
            1
        } else {
            0
        }
    }
}

fn finding(c: &Change) -> Finding {
    Finding {
        severity: c.severity.as_str().to_string(),
        category: crate::report::category_words(c),
        object: c.object.to_string(),
        summary: c.summary.clone(),
    }
}

/// Groups equal drift, sorts every list and counts: the one place a report takes its final
/// shape, for a run and for a merge alike.
fn assemble(
    declared: String,
    mut matching: Vec<String>,
    drift: Vec<DriftGroup>,
    mut unchecked: Vec<Unchecked>,
) -> FleetReport {
    let mut groups: BTreeMap<String, DriftGroup> = BTreeMap::new();
    for g in drift {
        let key = serde_json::to_string(&g.changes).unwrap_or_default();
        match groups.get_mut(&key) {
            Some(existing) => existing.databases.extend(g.databases),
            None => {
                groups.insert(key, g);
            }
        }
    }
    let mut drift: Vec<DriftGroup> = groups.into_values().collect();
    for g in &mut drift {
        g.databases.sort();
        g.databases.dedup();
    }
    // Largest group first; equal sizes by their first database, so the order is total.
    drift.sort_by(|a, b| {
        b.databases
            .len()
            .cmp(&a.databases.len())
            .then_with(|| a.databases.cmp(&b.databases))
    });
    matching.sort();
    matching.dedup();
    unchecked.sort_by(|a, b| (&a.database, &a.reason).cmp(&(&b.database, &b.reason)));
    unchecked.dedup();
    let drifted: usize = drift.iter().map(|g| g.databases.len()).sum();
    FleetReport {
        format: JSON_FORMAT.to_string(),
        version: JSON_VERSION,
        declared,
        summary: Summary {
            databases: matching.len() + drifted + unchecked.len(),
            matching: matching.len(),
            drifted,
            unchecked: unchecked.len(),
            groups: drift.len(),
        },
        matching,
        drift,
        unchecked,
    }
}

/// Merges fleet JSON reports (`(file name, text)`) of shards of one fleet into the report of the
/// whole. Reports of different declared schemas are refused: their drift is not comparable.
pub fn merge(reports: &[(String, String)]) -> Result<FleetReport, Error> {
    let mut declared: Option<(String, String)> = None;
    let (mut matching, mut drift, mut unchecked) = (Vec::new(), Vec::new(), Vec::new());
    for (file, text) in reports {
        let r: FleetReport = serde_json::from_str(text).map_err(|e| {
            Error::Other(format!(
                "{file}: not a pgdrift fleet JSON report (`check --format json` of several databases): {e}"
            ))
        })?;
        if r.format != JSON_FORMAT || r.version != JSON_VERSION {
            return Err(Error::Other(format!(
                "{file}: format {} version {}, expected {JSON_FORMAT} version {JSON_VERSION}",
                r.format, r.version
            )));
        }
        match &declared {
            Some((first, d)) if *d != r.declared => {
                return Err(Error::Other(format!(
                    "{file} checked declared `{}` but {first} checked `{d}`: only reports of one declared schema merge",
                    r.declared
                )))
            }
            Some(_) => {}
            None => declared = Some((file.clone(), r.declared.clone())),
        }
        matching.extend(r.matching);
        drift.extend(r.drift);
        unchecked.extend(r.unchecked);
    }
    let declared = declared.map(|(_, d)| d).unwrap_or_default();
    Ok(assemble(declared, matching, drift, unchecked))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `2 differences (1 error, 1 warning)`.
fn counts(g: &DriftGroup) -> String {
    let errors = g.findings.iter().filter(|f| f.severity == "error").count();
    format!(
        "{} ({}, {})",
        plural(g.findings.len(), "difference", "differences"),
        plural(errors, "error", "errors"),
        plural(g.findings.len() - errors, "warning", "warnings"),
    )
}

/// `3 drifted the same way` / `1 drifted`.
fn group_title(g: &DriftGroup) -> String {
    let n = g.databases.len();
    let verb = if n == 1 {
        "1 drifted".to_string()
    } else {
        format!("{n} drifted the same way")
    };
    let passes = if g.failing {
        ""
    } else {
        " (warnings only: passes)"
    };
    format!("{verb}: {}{passes}", counts(g))
}

/// `97 match; 3 drifted the same way: 2 differences (...); 1 could not be checked`.
pub fn headline(r: &FleetReport) -> String {
    let mut parts = vec![format!("{} match", r.summary.matching)];
    parts.extend(r.drift.iter().map(group_title));
    if !r.unchecked.is_empty() {
        parts.push(format!("{} could not be checked", r.unchecked.len()));
    }
    parts.join("; ")
}

/// Human text: the headline, then each group with its databases and findings.
pub fn human(r: &FleetReport) -> String {
    let mut out = format!(
        "pgdrift check: declared {} vs {}\n{}\n",
        r.declared,
        plural(r.summary.databases, "database", "databases"),
        headline(r)
    );
    if !r.matching.is_empty() {
        out.push_str(&format!("\nmatch ({})\n", r.matching.len()));
        for db in &r.matching {
            out.push_str(&format!("  {db}\n"));
        }
    }
    for g in &r.drift {
        out.push_str(&format!("\n{}\n", group_title(g)));
        for db in &g.databases {
            out.push_str(&format!("  {db}\n"));
        }
        out.push_str("  findings:\n");
        for f in &g.findings {
            out.push_str(&format!(
                "    {:<7} {} {}: {}\n",
                f.severity, f.category, f.object, f.summary
            ));
        }
    }
    if !r.unchecked.is_empty() {
        out.push_str(&format!("\ncould not be checked ({})\n", r.unchecked.len()));
        for u in &r.unchecked {
            out.push_str(&format!("  {}: {}\n", u.database, u.reason));
        }
    }
    out
}

/// The JSON document, pretty-printed, ending in a newline.
pub fn json(r: &FleetReport) -> String {
    // Strings, numbers and JSON values always serialize.
    let mut s = serde_json::to_string_pretty(r).unwrap_or_default();
    s.push('\n');
    s
}

/// Markdown for a pull-request comment or a job summary.
pub fn markdown(r: &FleetReport) -> String {
    use crate::report::cell;
    let mut out = format!(
        "### pgdrift fleet: {}\n\nDeclared `{}` vs {}.\n",
        cell(&headline(r)),
        r.declared,
        plural(r.summary.databases, "database", "databases")
    );
    let list = |dbs: &[String]| {
        dbs.iter()
            .map(|d| format!("`{d}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !r.matching.is_empty() {
        out.push_str(&format!(
            "\n#### {} match\n\n{}\n",
            r.matching.len(),
            list(&r.matching)
        ));
    }
    for g in &r.drift {
        out.push_str(&format!(
            "\n#### {}\n\n{}\n\n",
            cell(&group_title(g)),
            list(&g.databases)
        ));
        out.push_str("| severity | category | object | summary |\n|---|---|---|---|\n");
        for f in &g.findings {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                f.severity,
                cell(&f.category),
                cell(&f.object),
                cell(&f.summary)
            ));
        }
    }
    if !r.unchecked.is_empty() {
        out.push_str(&format!(
            "\n#### {} could not be checked\n\n",
            r.unchecked.len()
        ));
        for u in &r.unchecked {
            out.push_str(&format!("- `{}`: {}\n", u.database, cell(&u.reason)));
        }
    }
    out
}
