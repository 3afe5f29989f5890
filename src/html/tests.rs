use super::*;
use crate::diff::{Category, ObjectKind, ObjectRef, Presence};
use crate::model::QualifiedName;

const NASTY: &str = "<script>alert(\"x\")</script>&'t";

fn nasty_report() -> Report {
    let table = QualifiedName::new("public", NASTY);
    Report {
        changes: vec![
            Change {
                category: Category::Table,
                presence: Presence::Extra,
                severity: Severity::Error,
                object: ObjectRef::top(ObjectKind::Table, &table),
                summary: format!("table {NASTY} is not declared"),
                declared: None,
                live: Some(NASTY.to_string()),
                detail: None,
                possible_rename: None,
                renamed_from: None,
                live_member: None,
            },
            Change {
                category: Category::View,
                presence: Presence::Changed,
                severity: Severity::Warning,
                object: ObjectRef::top(ObjectKind::View, &QualifiedName::new("public", "v")),
                summary: "body differs".to_string(),
                declared: Some("SELECT 1".to_string()),
                live: Some("SELECT 2".to_string()),
                detail: Some(format!(
                    "--- live\n+++ declared\n@@ -1 +1 @@\n-SELECT '{NASTY}'\n+SELECT 1 -- <i>\n"
                )),
                possible_rename: None,
                renamed_from: None,
                live_member: None,
            },
        ],
        declared_source: "schema.yaml".to_string(),
        live_source: "postgres://u@h/<db>".to_string(),
        ..Report::default()
    }
}

fn page_of(report: &Report, plan: PlanSection) -> String {
    let schema = Schema::default();
    render(&Page {
        command: "pgdrift check",
        report,
        plan,
        declared: &schema,
        live: &schema,
    })
}

#[test]
fn names_with_markup_are_escaped_everywhere() {
    let html = page_of(
        &nasty_report(),
        PlanSection::Failed(format!("cannot plan {NASTY}")),
    );
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<i>"), "{html}");
    assert!(!html.contains("<db>"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;t"));
    assert!(html.contains("<span class=\"line del\">-"), "{html}");
    assert!(html.contains("id=\"cat-table\""));
    assert!(html.contains("<td><a href=\"#cat-view\">view</a></td><td>1</td><td>0</td><td>1</td>"));
}

#[test]
fn the_page_loads_nothing_and_is_deterministic() {
    let r = nasty_report();
    let html = page_of(&r, PlanSection::Failed("x".to_string()));
    for needle in [
        "http://", "https://", "<script", "<link", "<img", "src=", "@import", "url(http",
    ] {
        assert!(!html.contains(needle), "{needle} in the page");
    }
    assert_eq!(html, page_of(&r, PlanSection::Failed("x".to_string())));
}

#[test]
fn a_clean_report_says_so() {
    let r = Report::default();
    let plan = Plan {
        steps: Vec::new(),
        live_fingerprint: String::new(),
        warnings: Vec::new(),
        unsupported: 0,
    };
    let html = page_of(&r, PlanSection::Plan(&plan));
    assert!(html.contains("No drift"));
    assert!(html.contains("Nothing to do"));
}

#[test]
fn escape_covers_the_five_characters() {
    assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
}
