//! `--format html` of `check`, `diff` and `plan`: one self-contained review page a reviewer opens
//! from a CI artifact. Inline CSS and inline SVG only: no script, no font, no image and no link
//! to anything outside the file, so it renders the same offline and leaks nothing.
//!
//! The page: a summary (counts by severity and category), the drift grouped by category (each
//! finding with its severity, presence, declared and live values, and body diffs of views and
//! routines with light SQL highlighting), the plan with its hazards flagged, and an ER diagram of
//! the tables the drift touches. Every piece of text from a schema goes through [`escape`].
//! Output is a pure function of its input (no clock, no randomness), so it is deterministic.

mod sql;
pub(crate) mod svg;

use crate::diff::{Change, Severity};
use crate::model::Schema;
use crate::plan::{Hazard, Plan, PlanOptions};
use crate::report::{has_body_diff, shows_values, totals, versions_line, Report};

pub use sql::highlight;

const STYLE: &str = include_str!("style.css");

/// Text as HTML text or attribute value: `&`, `<`, `>`, `"` and `'` escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The plan part of the page.
pub enum PlanSection<'a> {
    /// `plan`: the plan that would run.
    Plan(&'a Plan),
    /// `check`/`diff`: a plan computed from the two schemas alone (no probe of the database).
    Preview(&'a Plan),
    /// Planning failed; the reason is shown instead.
    Failed(String),
}

/// What one page shows.
pub struct Page<'a> {
    /// The command, for the title: `pgdrift check`.
    pub command: &'a str,
    pub report: &'a Report,
    pub plan: PlanSection<'a>,
    /// The two schemas compared, for the ER diagram of the affected tables.
    pub declared: &'a Schema,
    pub live: &'a Schema,
}

/// The page of `check` and `diff`: the report, and a plan computed from the two schemas alone.
pub fn preview_page(report: &Report, declared: &Schema, live: &Schema) -> String {
    let planned = crate::plan::build_plan(declared, live, &report.changes, &PlanOptions::default());
    let plan = match &planned {
        Ok(p) => PlanSection::Preview(p),
        Err(e) => PlanSection::Failed(e.to_string()),
    };
    render(&Page {
        command: &report.title(),
        report,
        plan,
        declared,
        live,
    })
}

/// The whole page.
pub fn render(page: &Page) -> String {
    let r = page.report;
    let mut out = String::new();
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';\">\n\
<title>{}: {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        escape(page.command),
        escape(&headline(r))
    ));
    out.push_str(&format!(
        "<header><h1>{}</h1>\n<p class=\"sources\">declared <code>{}</code> vs live <code>{}</code></p>\n<p class=\"versions\">{}</p></header>\n",
        escape(page.command),
        escape(&r.declared_source),
        escape(&r.live_source),
        escape(&versions_line(r))
    ));
    out.push_str("<main>\n");
    summary(&mut out, page);
    drift(&mut out, r);
    plan(&mut out, &page.plan);
    diagram(&mut out, page);
    out.push_str("</main>\n");
    out.push_str(&format!(
        "<footer>pgdrift {} · this page is self-contained: no script, nothing loaded from the network</footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    ));
    out
}

fn headline(r: &Report) -> String {
    if r.changes.is_empty() {
        "no drift".to_string()
    } else {
        format!("drift: {}", totals(r))
    }
}

fn card(out: &mut String, value: usize, what: &str, class: &str) {
    out.push_str(&format!(
        "<div class=\"card c-{class}\"><span class=\"value\">{value}</span><span class=\"what\">{}</span></div>\n",
        escape(what)
    ));
}

fn summary(out: &mut String, page: &Page) {
    let r = page.report;
    out.push_str(&format!(
        "<section id=\"summary\"><h2>Summary</h2>\n<p class=\"headline\">{}{}</p>\n<div class=\"cards\">\n",
        escape(&headline(r)),
        if r.ignored > 0 { format!(" ({} ignored)", r.ignored) } else { String::new() }
    ));
    card(out, r.changes.len(), "differences", "total");
    card(out, r.errors(), "errors", "error");
    card(out, r.warnings(), "warnings", "warning");
    card(out, r.by_category().len(), "categories", "total");
    if let PlanSection::Plan(p) | PlanSection::Preview(p) = &page.plan {
        card(out, p.steps.len(), "plan statements", "total");
        let risky = p.steps.iter().filter(|s| !s.hazards.is_empty()).count();
        card(
            out,
            risky,
            "with hazards",
            if risky > 0 { "error" } else { "total" },
        );
    }
    out.push_str("</div>\n");
    if !r.changes.is_empty() {
        out.push_str("<table class=\"categories\"><thead><tr><th>category</th><th>differences</th><th>errors</th><th>warnings</th></tr></thead><tbody>\n");
        for (cat, n) in r.by_category() {
            let of = |s: Severity| {
                r.changes
                    .iter()
                    .filter(|c| c.category == cat && c.severity == s)
                    .count()
            };
            out.push_str(&format!(
                "<tr><td><a href=\"#cat-{0}\">{0}</a></td><td>{n}</td><td>{1}</td><td>{2}</td></tr>\n",
                cat.as_str(),
                of(Severity::Error),
                of(Severity::Warning)
            ));
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</section>\n");
}

fn drift(out: &mut String, r: &Report) {
    out.push_str("<section id=\"drift\"><h2>Drift by category</h2>\n");
    if r.changes.is_empty() {
        out.push_str(&format!(
            "<p class=\"clean\">No drift: {} matches {}.</p>\n",
            escape(&r.declared_source),
            escape(&r.live_source)
        ));
    }
    for (cat, n) in r.by_category() {
        out.push_str(&format!(
            "<section class=\"category\" id=\"cat-{0}\"><h3>{0} <span class=\"count\">{n}</span></h3>\n<ul class=\"changes\">\n",
            cat.as_str()
        ));
        for c in r.changes.iter().filter(|c| c.category == cat) {
            change(out, c);
        }
        out.push_str("</ul></section>\n");
    }
    out.push_str("</section>\n");
}

fn change(out: &mut String, c: &Change) {
    out.push_str(&format!(
        "<li class=\"change\"><span class=\"badge {0}\">{0}</span> <span class=\"badge presence\">{1}</span> \
<code class=\"object\">{2}</code>: {3}\n",
        c.severity.as_str(),
        c.presence.as_str(),
        escape(&c.object.describe()),
        escape(&c.summary)
    ));
    let body_diff = c.detail.is_some() && has_body_diff(c.category);
    if shows_values(c) {
        let v = |s: &Option<String>| {
            s.as_deref().map_or("<em>none</em>".to_string(), |s| {
                format!("<code>{}</code>", escape(s))
            })
        };
        out.push_str(&format!(
            "<dl class=\"values\"><dt>declared</dt><dd>{}</dd><dt>live</dt><dd>{}</dd></dl>\n",
            v(&c.declared),
            v(&c.live)
        ));
    }
    if let Some(d) = &c.detail {
        if body_diff {
            out.push_str(&unified_diff(d));
        } else {
            out.push_str(&format!("<pre class=\"detail\">{}</pre>\n", escape(d)));
        }
    }
    if let Some(hint) = &c.possible_rename {
        out.push_str(&format!(
            "<p class=\"hint\">possible rename: {}</p>\n",
            escape(hint)
        ));
    }
    out.push_str("</li>\n");
}

/// A unified diff, line by line: additions, removals and hunk headers marked, code highlighted.
fn unified_diff(text: &str) -> String {
    let mut out = String::from("<pre class=\"diff\">");
    for line in text.lines() {
        let (class, sign, rest) = if line.starts_with("+++") || line.starts_with("---") {
            ("file", "", line)
        } else if line.starts_with("@@") {
            ("hunk", "", line)
        } else if let Some(rest) = line.strip_prefix('+') {
            ("add", "+", rest)
        } else if let Some(rest) = line.strip_prefix('-') {
            ("del", "-", rest)
        } else {
            ("ctx", "", line)
        };
        let body = if matches!(class, "file" | "hunk") {
            escape(rest)
        } else {
            highlight(rest)
        };
        // Block spans, no newline between them: a `\n` in the <pre> would double every line.
        out.push_str(&format!("<span class=\"line {class}\">{sign}{body}</span>"));
    }
    out.push_str("</pre>\n");
    out
}

fn hazard_badge(h: Hazard) -> String {
    format!("<span class=\"badge hazard {0}\">{0}</span>", h.as_str())
}

fn plan(out: &mut String, section: &PlanSection) {
    out.push_str("<section id=\"plan\"><h2>Plan</h2>\n");
    let p = match section {
        PlanSection::Failed(why) => {
            out.push_str(&format!(
                "<p class=\"warning\">No plan: {}</p>\n</section>\n",
                escape(why)
            ));
            return;
        }
        PlanSection::Preview(p) => {
            out.push_str("<p class=\"note\">A preview computed from the two schemas alone; <code>pgdrift plan --db URL</code> also probes the database (views replaceable in place, empty tables) and gives the plan that would run.</p>\n");
            p
        }
        PlanSection::Plan(p) => p,
    };
    for w in &p.warnings {
        out.push_str(&format!(
            "<p class=\"warning\">warning: {}</p>\n",
            escape(w)
        ));
    }
    if p.steps.is_empty() {
        out.push_str(&format!(
            "<p class=\"clean\">{}</p>\n</section>\n",
            escape(&p.nothing_to_do())
        ));
        return;
    }
    out.push_str("<ol class=\"steps\">\n");
    for st in &p.steps {
        let class = if st.hazards.is_empty() {
            "step"
        } else {
            "step risky"
        };
        let hazards: Vec<String> = st.hazards.iter().map(|h| hazard_badge(*h)).collect();
        let when = if st.before_transaction {
            " <span class=\"badge when\">before the transaction</span>"
        } else if !st.transactional {
            " <span class=\"badge when\">after COMMIT</span>"
        } else {
            ""
        };
        out.push_str(&format!(
            "<li class=\"{class}\"><div class=\"label\"><span class=\"badge category\">{}</span>{when} {} {}</div>\n<pre class=\"sql\">{};</pre></li>\n",
            st.category.as_str(),
            hazards.join(" "),
            escape(&st.change),
            highlight(&st.sql)
        ));
    }
    out.push_str("</ol>\n</section>\n");
}

fn diagram(out: &mut String, page: &Page) {
    let (d, hot) = svg::affected(page.declared, page.live, &page.report.changes);
    if d.tables.is_empty() {
        return;
    }
    out.push_str("<section id=\"erd\"><h2>Affected tables</h2>\n<p class=\"note\">Tables with drift (highlighted) and the tables their foreign keys connect them to; key columns only.</p>\n<div class=\"erd-wrap\">\n");
    out.push_str(&svg::render(&d, &hot));
    out.push_str("</div>\n</section>\n");
}

#[cfg(test)]
mod tests;
