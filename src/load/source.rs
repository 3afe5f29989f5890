//! Where declared objects are: positions, object keys and the problems found at them.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::QualifiedName;

/// Where an object was declared. `line` and `column` are 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLoc {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    /// For a view: the byte offset in the view file where the query after `AS` starts, so a
    /// PostgreSQL error position inside the query can be mapped back to the file.
    pub body_offset: Option<usize>,
}

impl SourceLoc {
    pub(crate) fn new(file: &Path, line: usize, column: usize) -> Self {
        SourceLoc {
            file: file.to_path_buf(),
            line,
            column,
            body_offset: None,
        }
    }
}

impl fmt::Display for SourceLoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// Names one declared object.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ObjectKey {
    Extension(String),
    Enum(QualifiedName),
    /// A collation, domain, composite or range type: (`collation`, `domain`, `type`, `range`).
    UserType(&'static str, QualifiedName),
    Sequence(QualifiedName),
    Table(QualifiedName),
    Column(QualifiedName, String),
    Constraint(QualifiedName, String),
    Index(QualifiedName, String),
    /// An extended statistics object on a table.
    Statistics(QualifiedName, String),
    View(QualifiedName),
    /// A function, procedure or aggregate (declared key: name + declared parameters).
    Function(crate::kinds::function::RoutineKey),
    /// A trigger on a table or view.
    Trigger(QualifiedName, String),
    /// A rewrite rule on a table or view.
    Rule(QualifiedName, String),
    /// A top-level grant list: `function_grants app.touch()`, `type_grants app.mood`.
    Grants(String),
    /// The first place a grant or policy names a role.
    Role(String),
    /// An event trigger (database-wide).
    EventTrigger(String),
    /// A publication (database-wide).
    Publication(String),
    /// A foreign server (database-wide).
    ForeignServer(String),
}

impl fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ObjectKey::Extension(n) => write!(f, "extension {n}"),
            ObjectKey::Enum(q) => write!(f, "enum {q}"),
            ObjectKey::UserType(kind, q) => write!(f, "{kind} {q}"),
            ObjectKey::Sequence(q) => write!(f, "sequence {q}"),
            ObjectKey::Table(q) => write!(f, "table {q}"),
            ObjectKey::Column(q, c) => write!(f, "column {q}.{c}"),
            ObjectKey::Constraint(q, c) => write!(f, "constraint {c} on {q}"),
            ObjectKey::Index(q, i) => write!(f, "index {i} on {q}"),
            ObjectKey::Statistics(q, s) => write!(f, "statistics {s} on {q}"),
            ObjectKey::View(q) => write!(f, "view {q}"),
            ObjectKey::Function(k) => write!(f, "routine {k}"),
            ObjectKey::Trigger(q, t) => write!(f, "trigger {t} on {q}"),
            ObjectKey::Rule(q, r) => write!(f, "rule {r} on {q}"),
            ObjectKey::Grants(g) => f.write_str(g),
            ObjectKey::Role(r) => write!(f, "role {r}"),
            ObjectKey::EventTrigger(n) => write!(f, "event trigger {n}"),
            ObjectKey::Publication(n) => write!(f, "publication {n}"),
            ObjectKey::ForeignServer(n) => write!(f, "foreign server {n}"),
        }
    }
}

/// Object -> declaration position.
///
/// The members of tables (columns, constraints, indexes, statistics) are most of a large
/// schema's objects, so their positions are kept compact, per table, rather than as one map
/// entry each (at 5,000 tables of 20 columns, 54 MB became a few).
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    map: HashMap<ObjectKey, SourceLoc>,
    members: HashMap<QualifiedName, Vec<MemberPos>>,
    /// The file of the last member inserted, shared by the members declared in it.
    last_file: Option<Arc<Path>>,
}

/// The kinds of table members [`SourceMap`] keeps compact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MemberKind {
    Column,
    Constraint,
    Index,
    Statistics,
}

#[derive(Debug, Clone)]
struct MemberPos {
    kind: MemberKind,
    name: Box<str>,
    file: Arc<Path>,
    line: usize,
    column: usize,
}

impl MemberPos {
    fn key(&self, table: &QualifiedName) -> ObjectKey {
        let (t, n) = (table.clone(), self.name.to_string());
        match self.kind {
            MemberKind::Column => ObjectKey::Column(t, n),
            MemberKind::Constraint => ObjectKey::Constraint(t, n),
            MemberKind::Index => ObjectKey::Index(t, n),
            MemberKind::Statistics => ObjectKey::Statistics(t, n),
        }
    }
}

/// A member's table, kind and name, for the keys kept compact.
fn member(key: &ObjectKey) -> Option<(&QualifiedName, MemberKind, &str)> {
    match key {
        ObjectKey::Column(t, n) => Some((t, MemberKind::Column, n)),
        ObjectKey::Constraint(t, n) => Some((t, MemberKind::Constraint, n)),
        ObjectKey::Index(t, n) => Some((t, MemberKind::Index, n)),
        ObjectKey::Statistics(t, n) => Some((t, MemberKind::Statistics, n)),
        _ => None,
    }
}

impl SourceMap {
    pub fn get(&self, key: &ObjectKey) -> Option<SourceLoc> {
        let Some((table, kind, name)) = member(key) else {
            return self.map.get(key).cloned();
        };
        let m = self
            .members
            .get(table)?
            .iter()
            .find(|m| m.kind == kind && &*m.name == name)?;
        Some(SourceLoc {
            file: m.file.to_path_buf(),
            line: m.line,
            column: m.column,
            body_offset: None,
        })
    }

    /// Records where `key` is declared; the first position recorded for a key stays.
    pub fn insert(&mut self, key: ObjectKey, loc: SourceLoc) {
        let Some((table, kind, name)) = member(&key) else {
            self.map.entry(key).or_insert(loc);
            return;
        };
        let file = match &self.last_file {
            Some(f) if **f == *loc.file => f.clone(),
            _ => {
                let f: Arc<Path> = Arc::from(loc.file.as_path());
                self.last_file = Some(f.clone());
                f
            }
        };
        let members = self.members.entry(table.clone()).or_default();
        if members.iter().any(|m| m.kind == kind && &*m.name == name) {
            return;
        }
        members.push(MemberPos {
            kind,
            name: name.into(),
            file,
            line: loc.line,
            column: loc.column,
        });
    }

    /// `schema.yaml:12:7` (file name only, as users see it in their editor's project), or the
    /// object itself when its position is unknown (e.g. loaded from a snapshot).
    pub fn describe(&self, key: &ObjectKey) -> String {
        match self.get(key) {
            Some(loc) => format!(
                "{}:{}:{}",
                loc.file
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                loc.line,
                loc.column
            ),
            None => key.to_string(),
        }
    }

    /// Keeps the positions of the objects `keep` says yes to (and frees the rest's memory).
    pub fn retain(&mut self, keep: impl Fn(&ObjectKey) -> bool) {
        self.map.retain(|k, _| keep(k));
        self.map.shrink_to_fit();
        self.members.retain(|table, members| {
            members.retain(|m| keep(&m.key(table)));
            members.shrink_to_fit();
            !members.is_empty()
        });
        self.members.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.map.len() + self.members.values().map(Vec::len).sum::<usize>()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One problem in the declared schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    /// The object the problem is about (`table genes`), when there is one.
    pub object: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file.display(), self.line, self.column)?;
        if let Some(o) = &self.object {
            write!(f, "{o}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// The loader's working state: the problems found so far and where each object was declared.
pub(crate) struct Cx {
    pub(crate) file: PathBuf,
    pub(crate) problems: Vec<Problem>,
    pub(crate) sources: SourceMap,
    pub(crate) ignore_locs: Vec<(usize, usize)>,
}

impl Cx {
    pub(crate) fn problem(
        &mut self,
        line: usize,
        column: usize,
        object: Option<String>,
        message: String,
    ) {
        self.problems.push(Problem {
            file: self.file.clone(),
            line,
            column,
            object,
            message,
        });
    }

    /// A problem about `key`, placed at its declaration.
    pub(crate) fn at(&mut self, key: &ObjectKey, message: String) {
        let (file, line, column) = match self.sources.get(key) {
            Some(l) => (l.file, l.line, l.column),
            None => {
                // Fall back to the owning table, then the file's start.
                let owner = match key {
                    ObjectKey::Column(q, _)
                    | ObjectKey::Constraint(q, _)
                    | ObjectKey::Index(q, _)
                    | ObjectKey::Statistics(q, _) => self
                        .sources
                        .get(&ObjectKey::Table(q.clone()))
                        .or_else(|| self.sources.get(&ObjectKey::View(q.clone()))),
                    _ => None,
                };
                match owner {
                    Some(l) => (l.file.clone(), l.line, l.column),
                    None => (self.file.clone(), 1, 1),
                }
            }
        };
        self.problems.push(Problem {
            file,
            line,
            column,
            object: Some(key.to_string()),
            message,
        });
    }

    pub(crate) fn loc(&self, line: usize, column: usize) -> SourceLoc {
        SourceLoc::new(&self.file, line, column)
    }
}
