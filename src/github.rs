//! GitHub Actions workflow commands (`::error file=...,line=...::message`): annotations on the
//! pull request's files for `check --format github` and `lint --format github`.
//! <https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions>

use std::path::Path;

use crate::diff::{ObjectKind, ObjectRef, Severity};
use crate::load::{ObjectKey, SourceLoc, SourceMap};
use crate::report::Report;

/// Where an annotation points: a file (as the repository sees it) and a 1-based line/column
/// when known (an object only the database has is annotated on the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Position {
    pub fn of(loc: &SourceLoc) -> Position {
        Position {
            file: loc.file.display().to_string(),
            line: Some(loc.line),
            column: Some(loc.column),
        }
    }
}

/// Escapes a command's message: `%`, CR and LF.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: the data escapes plus `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation line (ending in a newline). Without a position it still shows in the run's
/// summary, just not on a file.
pub fn annotation(severity: Severity, at: Option<&Position>, title: &str, message: &str) -> String {
    let level = match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = Vec::new();
    if let Some(p) = at {
        props.push(format!("file={}", escape_property(&p.file)));
        if let Some(line) = p.line {
            props.push(format!("line={line}"));
        }
        if let Some(col) = p.column {
            props.push(format!("col={col}"));
        }
    }
    props.push(format!("title={}", escape_property(title)));
    format!("::{level} {}::{}\n", props.join(","), escape_data(message))
}

/// The declared object a change is about, as the loader's source map names it.
fn object_key(o: &ObjectRef) -> Option<ObjectKey> {
    let member = || Some((o.table.clone()?, o.member.clone()?));
    Some(match o.kind {
        ObjectKind::Extension => ObjectKey::Extension(o.name.clone()),
        ObjectKind::Publication => ObjectKey::Publication(o.name.clone()),
        ObjectKind::ForeignServer => ObjectKey::ForeignServer(o.name.clone()),
        ObjectKind::Enum => ObjectKey::Enum(o.qualified.clone()?),
        ObjectKind::Sequence => ObjectKey::Sequence(o.qualified.clone()?),
        ObjectKind::Table => ObjectKey::Table(o.qualified.clone()?),
        ObjectKind::View | ObjectKind::MaterializedView => ObjectKey::View(o.qualified.clone()?),
        ObjectKind::Column => {
            let (t, m) = member()?;
            ObjectKey::Column(t, m)
        }
        ObjectKind::PrimaryKey
        | ObjectKind::Unique
        | ObjectKind::Check
        | ObjectKind::ForeignKey
        | ObjectKind::Exclusion => {
            let (t, m) = member()?;
            ObjectKey::Constraint(t, m)
        }
        ObjectKind::Index => {
            let (t, m) = member()?;
            ObjectKey::Index(t, m)
        }
        ObjectKind::Statistics => {
            let (t, m) = member()?;
            ObjectKey::Statistics(t, m)
        }
        ObjectKind::Trigger => {
            let (t, m) = member()?;
            ObjectKey::Trigger(t, m)
        }
        ObjectKind::Rule => {
            let (t, m) = member()?;
            ObjectKey::Rule(t, m)
        }
        // An `owners:` exception; an object owned by the default `owner:` has no line of its own.
        ObjectKind::Owner => ObjectKey::Grants(format!("owners {}", o.name)),
        _ => return None,
    })
}

/// Where a change is annotated: its declaration, else its table's, else the schema file
/// (shared with the SARIF output).
pub fn change_position(o: &ObjectRef, sources: &SourceMap, schema_file: &Path) -> Position {
    let own = object_key(o).and_then(|k| sources.get(&k));
    let table = o
        .table
        .as_ref()
        .and_then(|t| sources.get(&ObjectKey::Table(t.clone())));
    match own.or(table) {
        Some(loc) => Position::of(&loc),
        None => Position {
            file: schema_file.display().to_string(),
            line: None,
            column: None,
        },
    }
}

/// `check --format github`: one annotation per change at its declaration, then the totals.
pub fn check(r: &Report, sources: &SourceMap, schema_file: &Path) -> String {
    let mut out = String::new();
    for c in &r.changes {
        let mut message = format!("{}: {}", c.object.describe(), c.summary);
        for (label, v) in [("declared", &c.declared), ("live", &c.live)] {
            if let Some(v) = v.as_deref().filter(|v| !c.summary.contains(*v)) {
                message.push_str(&format!("\n{label}: {v}"));
            }
        }
        let at = change_position(&c.object, sources, schema_file);
        let title = format!("{} {}", r.title(), crate::report::category_words(c));
        out.push_str(&annotation(c.severity, Some(&at), &title, &message));
    }
    let errors = r.errors();
    out.push_str(&format!(
        "{}: {} difference(s), {errors} error(s), {} ignored; declared {} vs live {}\n",
        r.title(),
        r.changes.len(),
        r.ignored,
        r.declared_source,
        r.live_source
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_expects() {
        let at = Position {
            file: "db/schema, v2.yaml".into(),
            line: Some(3),
            column: Some(7),
        };
        assert_eq!(
            annotation(Severity::Error, Some(&at), "pgdrift: a:b", "50% off\nnext"),
            "::error file=db/schema%2C v2.yaml,line=3,col=7,title=pgdrift%3A a%3Ab::50%25 off%0Anext\n"
        );
        assert_eq!(
            annotation(Severity::Warning, None, "t", "m"),
            "::warning title=t::m\n"
        );
    }
}
