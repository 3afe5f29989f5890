//! `pgdrift lint`: rules over a [`Schema`] — the declared project, a live database or a snapshot —
//! not over migration files (squawk does that well; we lint the schema the migrations produce).
//!
//! One module per rule in `rules/`, each a [`Rule`]: an id, a default [`Level`], a one-line why,
//! a fix hint and a check function from a [`Context`] to [`Hit`]s. [`run`] applies the
//! configuration (levels, ignores with reasons), attaches declaration positions and sorts the
//! findings deterministically; `render` prints them, `cli` is the subcommand.

pub mod cli;
pub mod config;
pub mod keys;
pub mod render;
pub mod rules;

use std::fmt;

use crate::diff::{glob_match, Severity};
use crate::load::{ObjectKey, SourceLoc, SourceMap};
use crate::model::{QualifiedName, Schema};

pub use config::{Config, LintError};

/// How a rule is configured: off, or reported at a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Off,
    Warning,
    Error,
}

impl Level {
    pub const NAMES: &'static str = "error, warning, off";

    pub fn parse(text: &str) -> Option<Level> {
        match text.trim().to_ascii_lowercase().as_str() {
            "off" => Some(Level::Off),
            "warning" | "warn" => Some(Level::Warning),
            "error" => Some(Level::Error),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a rule's check function sees.
pub struct Context<'a> {
    pub schema: &'a Schema,
    pub config: &'a Config,
}

/// One violation as a rule reports it: the object, what is wrong, and the SQL (identifiers
/// quoted) that fixes it when one statement can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub key: ObjectKey,
    pub message: String,
    pub fix: Option<String>,
}

/// A rule: id, default level, why it matters, how to fix, and the check itself.
pub struct Rule {
    pub id: &'static str,
    pub default: Level,
    pub why: &'static str,
    pub fix: &'static str,
    pub check: fn(&Context) -> Vec<Hit>,
}

/// A finding as reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// `column genes.id`, `constraint fk_x on genes`, ...
    pub object: String,
    /// The name ignore rules match: `genes`, `genes.id`, `genes.fk_x`.
    pub name: String,
    pub message: String,
    /// SQL for this object, or the rule's general hint.
    pub fix: String,
    pub why: &'static str,
    /// Where the object is declared (declared sources only).
    pub location: Option<SourceLoc>,
}

/// The outcome of a lint run.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// How many findings ignore rules hid.
    pub ignored: usize,
    /// Where the schema came from (a path, a URL without password).
    pub source: String,
}

impl Outcome {
    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }

    /// 1 when a finding is at error severity, else 0 (2 is for errors, raised elsewhere).
    pub fn exit_code(&self) -> u8 {
        u8::from(self.count(Severity::Error) > 0)
    }
}

/// The table an object key belongs to.
pub fn key_table(key: &ObjectKey) -> Option<&QualifiedName> {
    match key {
        ObjectKey::Table(q)
        | ObjectKey::Column(q, _)
        | ObjectKey::Constraint(q, _)
        | ObjectKey::Index(q, _)
        | ObjectKey::Statistics(q, _)
        | ObjectKey::Trigger(q, _)
        | ObjectKey::Rule(q, _)
        | ObjectKey::Enum(q)
        | ObjectKey::Sequence(q)
        | ObjectKey::View(q)
        | ObjectKey::UserType(_, q) => Some(q),
        ObjectKey::Extension(_)
        | ObjectKey::Function(_)
        | ObjectKey::EventTrigger(_)
        | ObjectKey::Publication(_)
        | ObjectKey::ForeignServer(_)
        | ObjectKey::Grants(_)
        | ObjectKey::Role(_) => None,
    }
}

/// The name ignore rules match: `genes`, `genes.id`, `audit.events.fk_x`.
pub fn key_name(key: &ObjectKey) -> String {
    match key {
        ObjectKey::Column(q, m)
        | ObjectKey::Constraint(q, m)
        | ObjectKey::Index(q, m)
        | ObjectKey::Statistics(q, m)
        | ObjectKey::Trigger(q, m)
        | ObjectKey::Rule(q, m) => format!("{}.{m}", q.display_name()),
        ObjectKey::Extension(n)
        | ObjectKey::EventTrigger(n)
        | ObjectKey::Publication(n)
        | ObjectKey::ForeignServer(n) => n.clone(),
        ObjectKey::Function(k) => k.to_string(),
        other => key_table(other)
            .map(QualifiedName::display_name)
            .unwrap_or_default(),
    }
}

/// Runs every rule that is not off; `sources` gives declaration positions (empty for databases
/// and snapshots).
pub fn run(schema: &Schema, config: &Config, sources: &SourceMap, source: &str) -> Outcome {
    let cx = Context { schema, config };
    let mut out = Outcome {
        source: source.to_string(),
        ..Outcome::default()
    };
    let mut found = Vec::new();
    for (order, rule) in rules::ALL.iter().enumerate() {
        let Some(severity) = config.level(rule).severity() else {
            continue;
        };
        for hit in (rule.check)(&cx) {
            let name = key_name(&hit.key);
            let table = key_table(&hit.key).map(QualifiedName::display_name);
            let hidden = config.ignores.iter().any(|ig| {
                (ig.rule == "*" || ig.rule == rule.id)
                    && (glob_match(&ig.name, &name)
                        || table.as_deref().is_some_and(|t| glob_match(&ig.name, t)))
            });
            if hidden {
                out.ignored += 1;
                continue;
            }
            let location = sources.get(&hit.key).or_else(|| {
                key_table(&hit.key).and_then(|q| sources.get(&ObjectKey::Table(q.clone())))
            });
            found.push((
                order,
                Finding {
                    rule: rule.id,
                    severity,
                    object: hit.key.to_string(),
                    name,
                    message: hit.message,
                    fix: hit.fix.unwrap_or_else(|| rule.fix.to_string()),
                    why: rule.why,
                    location,
                },
            ));
        }
    }
    out.findings = sorted(found);
    out
}

/// Sorts findings: declared ones in file order, then by object name, then rule order.
fn sorted(mut found: Vec<(usize, Finding)>) -> Vec<Finding> {
    found.sort_by(|(ra, a), (rb, b)| {
        let pos = |f: &Finding| {
            f.location
                .as_ref()
                .map(|l| (l.file.clone(), l.line, l.column))
        };
        pos(a)
            .cmp(&pos(b))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| ra.cmp(rb))
            .then_with(|| a.message.cmp(&b.message))
    });
    found.dedup_by(|x, y| x.1 == y.1);
    found.into_iter().map(|(_, f)| f).collect()
}

/// Looks a rule up by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    rules::ALL.iter().copied().find(|r| r.id == id)
}

/// Every rule id, comma-separated, for messages.
pub fn rule_ids() -> String {
    rules::ALL
        .iter()
        .map(|r| r.id)
        .collect::<Vec<_>>()
        .join(", ")
}
