//! Plans for people and machines: the SQL script psql runs, the JSON `apply --plan` reads back,
//! and the numbered list `apply` shows before it asks.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Hazard, Plan, PlanError, Step};
use crate::ddl;

fn hazard_list(h: &[Hazard]) -> String {
    if h.is_empty() {
        "none".to_string()
    } else {
        h.iter().map(|h| h.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// One comment line per line of `text` (a label may span lines).
fn comment_lines(text: &str) -> String {
    text.lines()
        .map(|l| format!("-- {l}\n"))
        .collect::<String>()
}

pub(super) fn step_sql(i: usize, st: &Step) -> String {
    format!(
        "{}-- [{}] hazards: {} (step {})\n{};\n\n",
        comment_lines(&st.change),
        st.category.as_str(),
        hazard_list(&st.hazards),
        i + 1,
        st.sql
    )
}

/// The steps `keep` selects, each with its step number.
fn steps_sql(plan: &Plan, keep: impl Fn(&Step) -> bool) -> String {
    plan.steps
        .iter()
        .enumerate()
        .filter(|(_, s)| keep(s))
        .map(|(i, st)| step_sql(i, st))
        .collect()
}

/// Counts by category and by hazard, for the summary.
pub fn summary_counts(
    plan: &Plan,
) -> (BTreeMap<&'static str, usize>, BTreeMap<&'static str, usize>) {
    let mut kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut hazards: BTreeMap<&'static str, usize> = BTreeMap::new();
    for st in &plan.steps {
        *kinds.entry(st.category.as_str()).or_default() += 1;
        for h in &st.hazards {
            *hazards.entry(h.as_str()).or_default() += 1;
        }
    }
    (kinds, hazards)
}

/// `name n, name n, ...`.
fn counts(by: &BTreeMap<&'static str, usize>) -> String {
    by.iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn summary_lines(plan: &Plan) -> Vec<String> {
    let (kinds, hazards) = summary_counts(plan);
    let mut out = vec![format!(
        "{} statement{} ({} in the transaction, {} after it)",
        plan.steps.len(),
        if plan.steps.len() == 1 { "" } else { "s" },
        plan.transactional_steps().count(),
        plan.non_transactional_steps().count()
    )];
    if !kinds.is_empty() {
        out.push(format!("by kind: {}", counts(&kinds)));
    }
    out.push(if hazards.is_empty() {
        "hazards: none".to_string()
    } else {
        format!("hazards: {}", counts(&hazards))
    });
    for w in &plan.warnings {
        out.push(format!("warning: {w}"));
    }
    out
}

/// A script psql runs as is: the transactional part between BEGIN and COMMIT, statements that
/// cannot run in a transaction after it, and a summary.
pub fn render_sql(plan: &Plan) -> String {
    let mut out = String::from("-- pgdrift plan\n");
    out.push_str(&format!(
        "-- live schema fingerprint: {}\n",
        plan.live_fingerprint
    ));
    out.push_str("\\set ON_ERROR_STOP on\n");
    out.push_str(&format!("{};\n\n", ddl::set_search_path()));
    let pre = steps_sql(plan, |s| s.before_transaction);
    let tx = steps_sql(plan, |s| s.transactional);
    let non = steps_sql(plan, |s| !s.transactional && !s.before_transaction);
    if !pre.is_empty() {
        out.push_str("-- Before the transaction (a new enum label cannot be used in the transaction that adds it):\n\n");
        out.push_str(&pre);
    }
    if !tx.is_empty() {
        out.push_str("BEGIN;\n\n");
        out.push_str(&tx);
        out.push_str("COMMIT;\n\n");
    }
    if !non.is_empty() {
        out.push_str(
            "-- Outside the transaction (CREATE INDEX CONCURRENTLY cannot run inside one):\n\n",
        );
        out.push_str(&non);
    }
    out.push_str("-- Summary\n");
    for l in summary_lines(plan) {
        out.push_str(&comment_lines(&l));
    }
    out
}

#[derive(Serialize, Deserialize)]
struct PlanDocument {
    format: String,
    version: u32,
    #[serde(flatten)]
    plan: Plan,
}

pub const PLAN_FORMAT: &str = "pgdrift.plan";
pub const PLAN_VERSION: u32 = 1;

/// `{"format": "pgdrift.plan", "version": 1, "steps": [...], "live_fingerprint": ..., "summary": ...}`.
pub fn render_json(plan: &Plan) -> String {
    let doc = PlanDocument {
        format: PLAN_FORMAT.to_string(),
        version: PLAN_VERSION,
        plan: plan.clone(),
    };
    let mut value = serde_json::to_value(&doc).unwrap_or(serde_json::Value::Null);
    let (kinds, hazards) = summary_counts(plan);
    if let serde_json::Value::Object(map) = &mut value {
        map.insert(
            "summary".to_string(),
            serde_json::json!({ "statements": plan.steps.len(), "by_kind": kinds, "by_hazard": hazards }),
        );
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads a plan written by [`render_json`].
pub fn parse_json(text: &str, path: &std::path::Path) -> Result<Plan, PlanError> {
    let bad = |message: String| PlanError::BadPlanFile {
        path: path.to_path_buf(),
        message,
    };
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
    if let serde_json::Value::Object(map) = &mut value {
        map.remove("summary");
    }
    let doc: PlanDocument = serde_json::from_value(value).map_err(|e| bad(e.to_string()))?;
    if doc.format != PLAN_FORMAT || doc.version != PLAN_VERSION {
        return Err(bad(format!(
            "format {} version {}; this pgdrift reads {PLAN_FORMAT} version {PLAN_VERSION}",
            doc.format, doc.version
        )));
    }
    Ok(doc.plan)
}

/// `  [data_loss, rewrite]` after a step, red when the step loses data, yellow for the other
/// hazards (when `color`); nothing for a step without hazards.
fn hazard_flags(h: &[Hazard], color: bool) -> String {
    if h.is_empty() {
        return String::new();
    }
    let code = if h.contains(&Hazard::DataLoss) {
        "1;31"
    } else {
        "33"
    };
    format!(
        "  {}",
        crate::color::paint(color, code, &format!("[{}]", hazard_list(h)))
    )
}

/// For people: numbered statements with their hazards, then the summary. Hazards are colored
/// when `color` (a terminal, see [`crate::color`]).
pub fn render_human(plan: &Plan, color: bool) -> String {
    if plan.steps.is_empty() {
        let mut out = format!("{}\n", plan.nothing_to_do());
        for w in &plan.warnings {
            let line = crate::color::paint(color, "33", &format!("warning: {w}"));
            out.push_str(&format!("{line}\n"));
        }
        return out;
    }
    let mut out = String::new();
    for (i, st) in plan.steps.iter().enumerate() {
        let flags = hazard_flags(&st.hazards, color);
        out.push_str(&format!(
            "{:>3}. {}{}\n",
            i + 1,
            st.change.lines().next().unwrap_or(""),
            flags
        ));
        for l in st.sql.lines() {
            out.push_str(&format!("       {l}\n"));
        }
    }
    out.push('\n');
    for l in summary_lines(plan) {
        let l = if l.starts_with("warning:") {
            crate::color::paint(color, "33", &l)
        } else {
            l
        };
        out.push_str(&l);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Category;
    use crate::model::QualifiedName;

    #[test]
    fn json_round_trips() {
        let plan = Plan {
            steps: vec![Step {
                sql: "CREATE INDEX CONCURRENTLY \"i\" ON \"public\".\"t\" USING \"btree\" (a)"
                    .into(),
                change: "index i on t: missing".into(),
                category: Category::Index,
                hazards: vec![Hazard::NotTransactional],
                transactional: false,
                resume_index: Some(QualifiedName::new("public", "i")),
                before_transaction: false,
            }],
            live_fingerprint: "abc".into(),
            warnings: vec!["w".into()],
            unsupported: 0,
        };
        let text = render_json(&plan);
        assert!(text.contains("\"format\": \"pgdrift.plan\""));
        assert!(text.contains("\"not_transactional\""));
        let back = parse_json(&text, std::path::Path::new("p.json")).unwrap();
        assert_eq!(back, plan);
        assert!(parse_json(
            "{\"format\": \"x\", \"version\": 1, \"steps\": [], \"live_fingerprint\": \"\"}",
            std::path::Path::new("p")
        )
        .is_err());
        let sql = render_sql(&plan);
        assert!(sql.contains("-- Outside the transaction"));
        assert!(!sql.contains("BEGIN;"));
    }

    #[test]
    fn behavior_change_is_listed_and_read_back() {
        let plan = Plan {
            steps: vec![Step {
                sql: "DROP TRIGGER \"touch\" ON \"public\".\"t\"".into(),
                change: "trigger touch on t: not declared".into(),
                category: Category::Trigger,
                hazards: vec![Hazard::BehaviorChange],
                transactional: true,
                resume_index: None,
                before_transaction: false,
            }],
            live_fingerprint: "abc".into(),
            warnings: vec![],
            unsupported: 0,
        };
        let text = render_json(&plan);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["steps"][0]["hazards"][0], "behavior_change", "{text}");
        assert_eq!(
            value["summary"]["by_hazard"]["behavior_change"], 1,
            "{text}"
        );
        let back = parse_json(&text, std::path::Path::new("p.json")).unwrap();
        assert_eq!(back, plan);
        assert!(render_human(&plan, false).contains("[behavior_change]"));
        let colored = render_human(&plan, true);
        assert!(
            colored.contains("\x1b[33m[behavior_change]\x1b[0m"),
            "{colored}"
        );
        assert!(render_sql(&plan).contains("hazards: behavior_change (step 1)"));
    }
}
