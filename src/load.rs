//! The declared-schema loader: `schema.yaml` + `views/*.sql` -> [`Declared`].
//!
//! Parsing is serde (the YAML format is the serde form of [`Schema`]); positions come from a
//! second, light pass over the YAML parser's events, because serde hides them inside the
//! model's custom visitors. After parsing, the loader resolves what PostgreSQL would fill in
//! (serial columns, default constraint names, canonical type names) and validates references,
//! so that mistakes are reported as `file:line:col` instead of as a server error much later.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde_saphyr::granit_parser::{Event, Parser};

use crate::model::{
    quote_literal, Column, Index, QualifiedName, Schema, Sequence, Table, View, DEFAULT_SCHEMA,
};
use crate::types;

/// PostgreSQL's NAMEDATALEN - 1: identifiers longer than this are truncated by the server.
pub const MAX_IDENT_BYTES: usize = 63;

/// A loaded project: the schema plus where each object was declared.
#[derive(Debug, Clone, Default)]
pub struct Declared {
    pub schema: Schema,
    pub sources: SourceMap,
}

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
    fn new(file: &Path, line: usize, column: usize) -> Self {
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
    Sequence(QualifiedName),
    Table(QualifiedName),
    Column(QualifiedName, String),
    Constraint(QualifiedName, String),
    Index(QualifiedName, String),
    View(QualifiedName),
}

impl fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ObjectKey::Extension(n) => write!(f, "extension {n}"),
            ObjectKey::Enum(q) => write!(f, "enum {q}"),
            ObjectKey::Sequence(q) => write!(f, "sequence {q}"),
            ObjectKey::Table(q) => write!(f, "table {q}"),
            ObjectKey::Column(q, c) => write!(f, "column {q}.{c}"),
            ObjectKey::Constraint(q, c) => write!(f, "constraint {c} on {q}"),
            ObjectKey::Index(q, i) => write!(f, "index {i} on {q}"),
            ObjectKey::View(q) => write!(f, "view {q}"),
        }
    }
}

/// Object -> declaration position.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    map: HashMap<ObjectKey, SourceLoc>,
}

impl SourceMap {
    pub fn get(&self, key: &ObjectKey) -> Option<&SourceLoc> {
        self.map.get(key)
    }

    pub fn insert(&mut self, key: ObjectKey, loc: SourceLoc) {
        self.map.entry(key).or_insert(loc);
    }

    /// `schema.yaml:12:7` (file name only, as users see it in their editor's project), or the
    /// object itself when its position is unknown (e.g. loaded from a snapshot).
    pub fn describe(&self, key: &ObjectKey) -> String {
        match self.map.get(key) {
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

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
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

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Every problem found (not only the first), one per line.
    #[error("{}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid { problems: Vec<Problem> },
}

impl LoadError {
    fn one(
        file: &Path,
        line: usize,
        column: usize,
        object: Option<String>,
        message: String,
    ) -> Self {
        LoadError::Invalid {
            problems: vec![Problem {
                file: file.to_path_buf(),
                line,
                column,
                object,
                message,
            }],
        }
    }

    pub fn problems(&self) -> &[Problem] {
        match self {
            LoadError::Invalid { problems } => problems,
            LoadError::Io { .. } => &[],
        }
    }
}

fn read(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Loads `schema.yaml` and every `*.sql` file in `views_dir` (a missing folder means no views).
pub fn load_project(schema_file: &Path, views_dir: &Path) -> Result<Declared, LoadError> {
    let text = read(schema_file)?;
    let mut views = Vec::new();
    match std::fs::read_dir(views_dir) {
        Ok(entries) => {
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "sql") && p.is_file())
                .collect();
            files.sort();
            for f in files {
                let t = read(&f)?;
                views.push((f, t));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(LoadError::Io {
                path: views_dir.to_path_buf(),
                source,
            })
        }
    }
    load_parts(&text, schema_file, &views)
}

/// Loads a schema from YAML text (no view files); `file_name` is used in messages.
pub fn load_schema_str(text: &str, file_name: &str) -> Result<Declared, LoadError> {
    load_parts(text, Path::new(file_name), &[])
}

/// Loads a schema from YAML text plus view files given as (path, text).
pub fn load_parts(
    text: &str,
    file: &Path,
    views: &[(PathBuf, String)],
) -> Result<Declared, LoadError> {
    let mut schema = parse_yaml(text, file)?;
    let tree = yaml_tree(text);
    let mut cx = Cx {
        file: file.to_path_buf(),
        problems: Vec::new(),
        sources: SourceMap::default(),
        ignore_locs: Vec::new(),
    };
    if !schema.views.is_empty() {
        let (l, c) = tree
            .as_ref()
            .and_then(|t| t.entry("views"))
            .unwrap_or((1, 1));
        cx.problem(l, c, None, "views are declared as SQL files in the views folder, not in schema.yaml (only snapshots keep them inline)".into());
    }
    if let Some(t) = &tree {
        record_positions(t, &mut cx, &schema);
    }
    for (path, sql) in views {
        match parse_view_file(path, sql) {
            Ok(vf) => {
                let key = ObjectKey::View(vf.name.clone());
                if schema.views.contains_key(&vf.name) {
                    let first = cx.sources.describe(&key);
                    cx.problems.push(Problem {
                        file: path.clone(),
                        line: vf.loc.line,
                        column: vf.loc.column,
                        object: Some(key.to_string()),
                        message: format!("declared twice (first at {first})"),
                    });
                    continue;
                }
                if schema.tables.contains_key(&vf.name) {
                    let first = cx.sources.describe(&ObjectKey::Table(vf.name.clone()));
                    cx.problems.push(Problem {
                        file: path.clone(),
                        line: vf.loc.line,
                        column: vf.loc.column,
                        object: Some(key.to_string()),
                        message: format!("a table with this name is declared at {first}"),
                    });
                    continue;
                }
                cx.sources.insert(key, vf.loc.clone());
                for (name, loc) in &vf.index_locs {
                    cx.sources
                        .insert(ObjectKey::Index(vf.name.clone(), name.clone()), loc.clone());
                }
                schema.views.insert(vf.name, vf.view);
            }
            Err(p) => cx.problems.extend(p),
        }
    }
    resolve(&mut schema, &mut cx);
    validate(&schema, &mut cx);
    if cx.problems.is_empty() {
        Ok(Declared {
            schema,
            sources: cx.sources,
        })
    } else {
        Err(LoadError::Invalid {
            problems: cx.problems,
        })
    }
}

/// Loads a snapshot: a [`Schema`] serialized to YAML, views inline. Types are taken as written
/// (a snapshot comes from introspection and is already canonical).
pub fn load_snapshot(path: &Path) -> Result<Schema, LoadError> {
    let text = read(path)?;
    parse_yaml(&text, path)
}

/// serde-saphyr's default budget (250,000 nodes) guards against hostile input; a schema file is
/// the user's own, and a 5,000-table schema has about 500,000 nodes. The limits scale with the
/// file instead: no YAML node takes less than one byte, so they cannot be hit by honest input.
fn yaml_options(input_bytes: usize) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::budget::Budget::default();
    budget.max_nodes = budget.max_nodes.max(input_bytes);
    budget.max_events = budget.max_events.max(input_bytes.saturating_mul(2));
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(input_bytes);
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

fn parse_yaml(text: &str, file: &Path) -> Result<Schema, LoadError> {
    if text.trim().is_empty() {
        return Ok(Schema::default());
    }
    serde_saphyr::from_str_with_options::<Schema>(text, yaml_options(text.len())).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((1, 1));
        let mut msg = e.without_snippet().to_string();
        // The plain rendering appends the position we already print in front.
        if let Some(i) = msg.rfind(" at line ") {
            if msg[i..].contains(", column ") {
                msg.truncate(i);
            }
        }
        let mut msg = msg.replace(
            ", set DuplicateKeyPolicy in Options if acceptable",
            " (each key may appear only once)",
        );
        // A short snippet helps with syntax errors, where the message alone is terse.
        if let Some(src) = text.lines().nth(line.saturating_sub(1)) {
            let caret = " ".repeat(column.saturating_sub(1));
            msg.push_str(&format!("\n    {line:>4} | {src}\n         | {caret}^"));
        }
        LoadError::one(file, line.max(1), column.max(1), None, msg)
    })
}

// ---------------------------------------------------------------------------------------------
// Positions: a small tree of the YAML document built from parser events.

#[derive(Debug)]
struct YNode(usize, usize, YKind);

#[derive(Debug)]
enum YKind {
    Scalar,
    Seq(Vec<YNode>),
    /// (key text, key line, key column, value)
    Map(Vec<(String, usize, usize, YNode)>),
}

impl YNode {
    fn child(&self, key: &str) -> Option<&YNode> {
        self.entries().iter().find(|e| e.0 == key).map(|e| &e.3)
    }
    fn entries(&self) -> &[(String, usize, usize, YNode)] {
        match &self.2 {
            YKind::Map(m) => m,
            _ => &[],
        }
    }
    fn entry(&self, key: &str) -> Option<(usize, usize)> {
        self.entries()
            .iter()
            .find(|e| e.0 == key)
            .map(|e| (e.1, e.2))
    }
}

/// Builds the tree; `None` when the text does not parse (serde already reported that).
fn yaml_tree(text: &str) -> Option<YNode> {
    let mut events = Parser::new_from_str(text)
        .filter_map(|r| r.ok())
        .map(|(e, s)| (e, s.start.line(), s.start.col() + 1));
    // Skip to the document's root node.
    loop {
        let (e, l, c) = events.next()?;
        match e {
            Event::StreamStart | Event::DocumentStart(..) => continue,
            other => return build_node(other, l, c, &mut events),
        }
    }
}

fn build_node<'a>(
    first: Event<'a>,
    line: usize,
    col: usize,
    events: &mut impl Iterator<Item = (Event<'a>, usize, usize)>,
) -> Option<YNode> {
    match first {
        Event::MappingStart(..) => {
            let mut entries = Vec::new();
            loop {
                let (k, kl, kc) = events.next()?;
                let key = match k {
                    Event::MappingEnd => break,
                    Event::Scalar(s, ..) => s.into_owned(),
                    other => {
                        build_node(other, kl, kc, events)?;
                        String::new()
                    }
                };
                let (v, vl, vc) = events.next()?;
                let value = build_node(v, vl, vc, events)?;
                entries.push((key, kl, kc, value));
            }
            Some(YNode(line, col, YKind::Map(entries)))
        }
        Event::SequenceStart(..) => {
            let mut items = Vec::new();
            loop {
                let (e, l, c) = events.next()?;
                if matches!(e, Event::SequenceEnd) {
                    break;
                }
                items.push(build_node(e, l, c, events)?);
            }
            Some(YNode(line, col, YKind::Seq(items)))
        }
        _ => Some(YNode(line, col, YKind::Scalar)),
    }
}

struct Cx {
    file: PathBuf,
    problems: Vec<Problem>,
    sources: SourceMap,
    ignore_locs: Vec<(usize, usize)>,
}

impl Cx {
    fn problem(&mut self, line: usize, column: usize, object: Option<String>, message: String) {
        self.problems.push(Problem {
            file: self.file.clone(),
            line,
            column,
            object,
            message,
        });
    }

    /// A problem about `key`, placed at its declaration.
    fn at(&mut self, key: &ObjectKey, message: String) {
        let (file, line, column) = match self.sources.get(key) {
            Some(l) => (l.file.clone(), l.line, l.column),
            None => {
                // Fall back to the owning table, then the file's start.
                let owner = match key {
                    ObjectKey::Column(q, _)
                    | ObjectKey::Constraint(q, _)
                    | ObjectKey::Index(q, _) => self
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

    fn loc(&self, line: usize, column: usize) -> SourceLoc {
        SourceLoc::new(&self.file, line, column)
    }
}

fn record_positions(root: &YNode, cx: &mut Cx, schema: &Schema) {
    // Ignore rules have no name of their own: remember each list item's position by index.
    if let Some(YNode(_, _, YKind::Seq(items))) = root.child("ignore") {
        cx.ignore_locs = items.iter().map(|n| (n.0, n.1)).collect();
    }
    if let Some(exts) = root.child("extensions") {
        for (k, l, c, _) in exts.entries() {
            cx.sources
                .insert(ObjectKey::Extension(k.clone()), cx.loc(*l, *c));
        }
    }
    for (section, make) in [
        ("enums", ObjectKey::Enum as fn(QualifiedName) -> ObjectKey),
        ("sequences", ObjectKey::Sequence),
    ] {
        if let Some(node) = root.child(section) {
            let mut seen: HashMap<QualifiedName, (usize, usize)> = HashMap::new();
            for (k, l, c, _) in node.entries() {
                if let Ok(q) = QualifiedName::parse(k) {
                    if let Some((fl, fc)) = seen.get(&q) {
                        let msg = format!(
                            "declared twice (first at {}:{fl}:{fc})",
                            file_name(&cx.file)
                        );
                        cx.problem(*l, *c, Some(make(q.clone()).to_string()), msg);
                    }
                    seen.insert(q.clone(), (*l, *c));
                    cx.sources.insert(make(q), cx.loc(*l, *c));
                }
            }
        }
    }
    let Some(tables) = root.child("tables") else {
        return;
    };
    let mut seen: HashMap<QualifiedName, (usize, usize)> = HashMap::new();
    for (k, l, c, node) in tables.entries() {
        let Ok(q) = QualifiedName::parse(k) else {
            continue;
        };
        if let Some((fl, fc)) = seen.get(&q) {
            let msg = format!(
                "declared twice (first at {}:{fl}:{fc})",
                file_name(&cx.file)
            );
            cx.problem(*l, *c, Some(ObjectKey::Table(q.clone()).to_string()), msg);
        }
        seen.insert(q.clone(), (*l, *c));
        cx.sources
            .insert(ObjectKey::Table(q.clone()), cx.loc(*l, *c));
        if let Some(cols) = node.child("columns") {
            for (ck, cl, cc, _) in cols.entries() {
                cx.sources
                    .insert(ObjectKey::Column(q.clone(), ck.clone()), cx.loc(*cl, *cc));
            }
        }
        if let Some((pl, pc)) = node.entry("primary_key") {
            let name = schema
                .tables
                .get(&q)
                .and_then(|t| t.primary_key.as_ref())
                .map(|pk| {
                    if pk.name.is_empty() {
                        default_pk_name(&q.name)
                    } else {
                        pk.name.clone()
                    }
                });
            if let Some(name) = name {
                cx.sources
                    .insert(ObjectKey::Constraint(q.clone(), name), cx.loc(pl, pc));
            }
        }
        for section in ["unique", "checks", "foreign_keys", "exclusions"] {
            if let Some(n) = node.child(section) {
                for (ck, cl, cc, _) in n.entries() {
                    cx.sources.insert(
                        ObjectKey::Constraint(q.clone(), ck.clone()),
                        cx.loc(*cl, *cc),
                    );
                }
            }
        }
        if let Some(n) = node.child("indexes") {
            for (ck, cl, cc, _) in n.entries() {
                cx.sources
                    .insert(ObjectKey::Index(q.clone(), ck.clone()), cx.loc(*cl, *cc));
            }
        }
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

// ---------------------------------------------------------------------------------------------
// Resolution: what PostgreSQL fills in.

/// PostgreSQL's `makeObjectName()`: `name1[_name2][_label]`, shortening the longer of the two
/// names (byte-wise, on a character boundary) until the whole fits in 63 bytes.
pub fn make_object_name(name1: &str, name2: Option<&str>, label: Option<&str>) -> String {
    let overhead = label.map(|l| l.len() + 1).unwrap_or(0) + usize::from(name2.is_some());
    let avail = MAX_IDENT_BYTES.saturating_sub(overhead);
    let mut n1 = name1.len();
    let mut n2 = name2.map(str::len).unwrap_or(0);
    while n1 + n2 > avail {
        if n1 > n2 {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    let clip = |s: &str, mut n: usize| {
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        s[..n].to_string()
    };
    let mut out = clip(name1, n1);
    if let Some(n) = name2 {
        out.push('_');
        out.push_str(&clip(n, n2));
    }
    if let Some(l) = label {
        out.push('_');
        out.push_str(l);
    }
    out
}

/// `<table>_pkey`, truncated the way PostgreSQL does.
pub fn default_pk_name(table: &str) -> String {
    make_object_name(table, None, Some("pkey"))
}

/// `<table>_<col1>_<col2>_key` (PostgreSQL joins the columns with `_` into one name2).
pub fn default_unique_name(table: &str, columns: &[String]) -> String {
    make_object_name(table, Some(&columns.join("_")), Some("key"))
}

fn serial_kind(t: &str) -> Option<&'static str> {
    match t.trim().to_ascii_lowercase().as_str() {
        "serial" | "serial4" => Some("integer"),
        "bigserial" | "serial8" => Some("bigint"),
        "smallserial" | "serial2" => Some("smallint"),
        _ => None,
    }
}

fn yaml_part(part: &str) -> String {
    if part.is_empty() || part.contains('.') || part.contains('"') {
        format!("\"{}\"", part.replace('"', "\"\""))
    } else {
        part.to_string()
    }
}

fn resolve(schema: &mut Schema, cx: &mut Cx) {
    let user_types: Vec<QualifiedName> = schema.enums.keys().cloned().collect();
    let allow_ext = !schema.extensions.is_empty();
    let mut relation_names: HashSet<QualifiedName> = schema
        .tables
        .keys()
        .chain(schema.views.keys())
        .chain(schema.sequences.keys())
        .cloned()
        .collect();
    let mut new_sequences: Vec<(QualifiedName, Sequence)> = Vec::new();
    let table_names: Vec<QualifiedName> = schema.tables.keys().cloned().collect();
    for tq in table_names {
        let Some(table) = schema.tables.get_mut(&tq) else {
            continue;
        };
        for (cname, col) in table.columns.iter_mut() {
            let key = ObjectKey::Column(tq.clone(), cname.clone());
            if let Some(int_type) = serial_kind(&col.data_type) {
                if col.identity.is_some() || col.default.is_some() || col.generated.is_some() {
                    cx.at(&key, format!("a `{}` column makes its own default; remove `default`/`identity`/`generated` or use a plain integer type", col.data_type.trim()));
                    continue;
                }
                // ChooseRelationName: `<table>_<column>_seq`, numbered on a clash.
                let mut seq_name = make_object_name(&tq.name, Some(cname), Some("seq"));
                let mut pass = 0;
                while relation_names
                    .contains(&QualifiedName::new(tq.schema.clone(), seq_name.clone()))
                {
                    pass += 1;
                    seq_name = make_object_name(&tq.name, Some(cname), Some(&format!("seq{pass}")));
                }
                let sq = QualifiedName::new(tq.schema.clone(), seq_name);
                relation_names.insert(sq.clone());
                col.data_type = int_type.to_string();
                col.nullable = false;
                col.default = Some(format!(
                    "nextval({}::regclass)",
                    quote_literal(&types::server_name(&sq))
                ));
                let owned_by = format!("{}.{}", tq.display_name(), yaml_part(cname));
                new_sequences.push((
                    sq,
                    Sequence {
                        data_type: int_type.to_string(),
                        owned_by: Some(owned_by),
                        ..Sequence::default()
                    },
                ));
                continue;
            }
            match types::canonical_type_ext(&col.data_type, &user_types, allow_ext) {
                Ok(t) => col.data_type = t,
                Err(e) => cx.at(&key, e),
            }
        }
        if let Some(pk) = &mut table.primary_key {
            if pk.name.is_empty() {
                pk.name = default_pk_name(&tq.name);
            }
        }
    }
    for (q, s) in new_sequences {
        schema.sequences.insert(q, s);
    }
    for (q, s) in schema.sequences.iter_mut() {
        match types::canonical_type(&s.data_type, &[]) {
            Ok(t) if ["smallint", "integer", "bigint"].contains(&t.as_str()) => s.data_type = t,
            Ok(t) => cx.at(
                &ObjectKey::Sequence(q.clone()),
                format!("sequence type must be smallint, integer or bigint, not `{t}`"),
            ),
            Err(e) => cx.at(&ObjectKey::Sequence(q.clone()), e),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Validation.

/// The column an index key element or include entry names, if it is a plain column reference
/// (SQL rules: unquoted folds to lower case). `lower(x)` and `(a + b)` are expressions.
fn element_column(elem: &str) -> Option<String> {
    let toks = lex(elem).ok()?;
    let first = toks.first()?;
    if let Some(t) = toks.get(1) {
        if t.kind == Tok::Punct('(') || t.kind == Tok::Punct('.') {
            return None;
        }
    }
    match &first.kind {
        Tok::Ident(s) => Some(s.to_lowercase()),
        Tok::Quoted(s) => Some(s.clone()),
        _ => None,
    }
}

/// The column names an exclusion definition's elements name (`USING gist (room WITH =)`).
fn exclusion_columns(def: &str) -> Vec<String> {
    let Some(open) = def.find('(') else {
        return Vec::new();
    };
    let Some(close) = def.rfind(')') else {
        return Vec::new();
    };
    if close <= open {
        return Vec::new();
    }
    split_top_level(&def[open + 1..close])
        .iter()
        .filter_map(|e| {
            let lower = e.to_ascii_lowercase();
            let i = lower.rfind(" with ")?;
            element_column(&e[..i])
        })
        .collect()
}

fn validate(schema: &Schema, cx: &mut Cx) {
    // Enums.
    for (q, values) in &schema.enums {
        let key = ObjectKey::Enum(q.clone());
        if values.is_empty() {
            cx.at(&key, "an enum needs at least one value".into());
        }
        let mut seen = HashSet::new();
        for v in values {
            if !seen.insert(v) {
                cx.at(&key, format!("value `{v}` is listed twice"));
            }
        }
    }
    // Relation namespace per schema: tables, views, sequences, and every index (PK, unique and
    // exclusion constraints are indexes too).
    let mut relations: BTreeMap<QualifiedName, ObjectKey> = BTreeMap::new();
    for q in schema.tables.keys() {
        relations.insert(q.clone(), ObjectKey::Table(q.clone()));
    }
    for q in schema.views.keys() {
        relations
            .entry(q.clone())
            .or_insert(ObjectKey::View(q.clone()));
    }
    for q in schema.sequences.keys() {
        if let Some(other) = relations.get(q) {
            let msg = format!("the name is already used by {other}");
            cx.at(&ObjectKey::Sequence(q.clone()), msg);
        } else {
            relations.insert(q.clone(), ObjectKey::Sequence(q.clone()));
        }
    }
    let mut claim = |cx: &mut Cx, owner: &QualifiedName, name: &str, key: ObjectKey| {
        let q = QualifiedName::new(owner.schema.clone(), name);
        if let Some(other) = relations.get(&q) {
            let where_ = cx.sources.describe(other);
            let msg = format!(
                "the name `{name}` is already used by {other} ({where_}); index and key names must be unique within schema `{}`",
                owner.schema
            );
            cx.at(&key, msg);
        } else {
            relations.insert(q, key);
        }
    };
    for (tq, table) in &schema.tables {
        let has = |c: &str| table.columns.contains_key(c);
        let tkey = ObjectKey::Table(tq.clone());
        if let Some(r) = &table.renamed_from {
            if *r == tq.name {
                cx.at(&tkey, "`renamed_from` names the table itself".into());
            }
        }
        for (cname, col) in &table.columns {
            check_column(cx, tq, cname, col);
        }
        let mut constraint_names: HashSet<String> = HashSet::new();
        let mut dup_constraint = |cx: &mut Cx, name: &str| {
            if !constraint_names.insert(name.to_string()) {
                let key = ObjectKey::Constraint(tq.clone(), name.to_string());
                cx.at(&key, "two constraints of this table have this name".into());
            }
        };
        if let Some(pk) = &table.primary_key {
            let key = ObjectKey::Constraint(tq.clone(), pk.name.clone());
            dup_constraint(cx, &pk.name);
            if pk.columns.is_empty() {
                cx.at(&key, "the primary key names no column".into());
            }
            for c in &pk.columns {
                if !has(c) {
                    cx.at(&key, missing_column("primary key", c, tq, table));
                }
            }
            claim(cx, tq, &pk.name, key);
        }
        for (name, u) in &table.unique {
            let key = ObjectKey::Constraint(tq.clone(), name.clone());
            dup_constraint(cx, name);
            if u.columns.is_empty() {
                cx.at(&key, "the unique constraint names no column".into());
            }
            for c in &u.columns {
                if !has(c) {
                    cx.at(&key, missing_column("unique constraint", c, tq, table));
                }
            }
            renamed_self(cx, &key, name, &u.renamed_from);
            claim(cx, tq, name, key);
        }
        for (name, ck) in &table.checks {
            let key = ObjectKey::Constraint(tq.clone(), name.clone());
            dup_constraint(cx, name);
            if ck.expression.trim().is_empty() {
                cx.at(&key, "the check has an empty expression".into());
            }
            renamed_self(cx, &key, name, &ck.renamed_from);
        }
        for (name, ex) in &table.exclusions {
            let key = ObjectKey::Constraint(tq.clone(), name.clone());
            dup_constraint(cx, name);
            for c in exclusion_columns(&ex.definition) {
                if !has(&c) {
                    cx.at(&key, missing_column("exclusion constraint", &c, tq, table));
                }
            }
            renamed_self(cx, &key, name, &ex.renamed_from);
            claim(cx, tq, name, key);
        }
        for (name, fk) in &table.foreign_keys {
            let key = ObjectKey::Constraint(tq.clone(), name.clone());
            dup_constraint(cx, name);
            renamed_self(cx, &key, name, &fk.renamed_from);
            for c in &fk.columns {
                if !has(c) {
                    cx.at(&key, missing_column("foreign key", c, tq, table));
                }
            }
            match schema.tables.get(&fk.references.table) {
                None => {
                    let hint = if schema.views.contains_key(&fk.references.table) {
                        " (it is a view; a foreign key must reference a table)".to_string()
                    } else {
                        String::new()
                    };
                    cx.at(
                        &key,
                        format!(
                            "references table `{}`, which is not declared{hint}",
                            fk.references.table
                        ),
                    );
                }
                Some(rt) => {
                    for c in &fk.references.columns {
                        if !rt.columns.contains_key(c) {
                            cx.at(
                                &key,
                                format!(
                                    "references column `{c}`, which table `{}` does not have",
                                    fk.references.table
                                ),
                            );
                        }
                    }
                }
            }
            if fk.columns.len() != fk.references.columns.len() {
                cx.at(
                    &key,
                    format!(
                        "has {} column(s) but references {}; the lists must match one to one",
                        fk.columns.len(),
                        fk.references.columns.len()
                    ),
                );
            }
            if fk.initially_deferred && !fk.deferrable {
                cx.at(&key, "`initially_deferred` needs `deferrable: true`".into());
            }
        }
        for (name, ix) in &table.indexes {
            let key = ObjectKey::Index(tq.clone(), name.clone());
            check_index(cx, &key, ix, table);
            renamed_self(cx, &key, name, &ix.renamed_from);
            claim(cx, tq, name, key);
        }
    }
    for (vq, view) in &schema.views {
        for (name, ix) in &view.indexes {
            let key = ObjectKey::Index(vq.clone(), name.clone());
            if !view.materialized {
                cx.at(&key, "only a materialized view can have indexes".into());
            }
            if ix.columns.is_empty() {
                cx.at(&key, "the index has no key column".into());
            }
            claim(cx, vq, name, key);
        }
    }
    for (sq, seq) in &schema.sequences {
        if let Some(owner) = &seq.owned_by {
            let key = ObjectKey::Sequence(sq.clone());
            match split_owned_by(owner) {
                Some((tq, col)) => match schema.tables.get(&tq) {
                    Some(t) if t.columns.contains_key(&col) => {}
                    Some(_) => cx.at(&key, format!("`owned_by: {owner}` names column `{col}`, which table `{tq}` does not have")),
                    None => cx.at(&key, format!("`owned_by: {owner}` names table `{tq}`, which is not declared")),
                },
                None => cx.at(&key, format!("`owned_by: {owner}` should be `table.column` or `schema.table.column`")),
            }
        }
        if seq.increment == 0 {
            cx.at(
                &ObjectKey::Sequence(sq.clone()),
                "`increment` must not be zero".into(),
            );
        }
    }
    for (i, rule) in schema.ignore.iter().enumerate() {
        let (l, c) = cx.ignore_locs.get(i).copied().unwrap_or((1, 1));
        if rule.reason.trim().is_empty() {
            cx.problem(
                l,
                c,
                Some(format!("ignore rule #{} ({})", i + 1, rule.name)),
                "give a `reason` for ignoring objects".into(),
            );
        }
        const KINDS: &[&str] = &[
            "table",
            "view",
            "column",
            "index",
            "constraint",
            "sequence",
            "enum",
            "extension",
            "*",
        ];
        if !KINDS.contains(&rule.kind.as_str()) {
            cx.problem(
                l,
                c,
                Some(format!("ignore rule #{} ({})", i + 1, rule.name)),
                format!(
                    "unknown kind `{}`; use one of {}",
                    rule.kind,
                    KINDS.join(", ")
                ),
            );
        }
    }
}

/// Splits `table.column` / `schema.table.column` (parts quoted as in QualifiedName).
pub fn split_owned_by(text: &str) -> Option<(QualifiedName, String)> {
    // Reuse the name parser on the prefix: the column is the last dot-separated part.
    let mut in_quote = false;
    let mut last_dot = None;
    for (i, ch) in text.char_indices() {
        match ch {
            '"' => in_quote = !in_quote,
            '.' if !in_quote => last_dot = Some(i),
            _ => {}
        }
    }
    let dot = last_dot?;
    let table = QualifiedName::parse(&text[..dot]).ok()?;
    let col = QualifiedName::parse(&text[dot + 1..]).ok()?;
    if col.schema != DEFAULT_SCHEMA {
        return None;
    }
    Some((table, col.name))
}

fn missing_column(what: &str, col: &str, tq: &QualifiedName, table: &Table) -> String {
    let known: Vec<&str> = table.columns.keys().map(String::as_str).collect();
    format!(
        "{what} column `{col}` is not a column of table `{tq}` (columns: {})",
        known.join(", ")
    )
}

fn renamed_self(cx: &mut Cx, key: &ObjectKey, name: &str, renamed_from: &Option<String>) {
    if renamed_from.as_deref() == Some(name) {
        cx.at(key, "`renamed_from` names the object itself".into());
    }
}

fn check_column(cx: &mut Cx, tq: &QualifiedName, cname: &str, col: &Column) {
    let key = ObjectKey::Column(tq.clone(), cname.to_string());
    if col.identity.is_some() && col.default.is_some() {
        cx.at(
            &key,
            "a column cannot have both `identity` and `default`".into(),
        );
    }
    if col.identity.is_some() && col.generated.is_some() {
        cx.at(
            &key,
            "a column cannot have both `identity` and `generated`".into(),
        );
    }
    if col.generated.is_some() && col.default.is_some() {
        cx.at(
            &key,
            "a column cannot have both `generated` and `default`".into(),
        );
    }
    if col.identity.is_some()
        && !["smallint", "integer", "bigint"].contains(&col.data_type.as_str())
        && serial_kind(&col.data_type).is_none()
    {
        cx.at(
            &key,
            format!(
                "an identity column must be smallint, integer or bigint, not `{}`",
                col.data_type
            ),
        );
    }
    if col.renamed_from.as_deref() == Some(cname) {
        cx.at(&key, "`renamed_from` names the column itself".into());
    }
}

fn check_index(cx: &mut Cx, key: &ObjectKey, ix: &Index, table: &Table) {
    let tq = match key {
        ObjectKey::Index(q, _) => q.clone(),
        _ => return,
    };
    if ix.columns.is_empty() {
        cx.at(key, "the index has no key column".into());
    }
    for c in &ix.columns {
        if let Some(col) = element_column(c) {
            if !table.columns.contains_key(&col) {
                cx.at(
                    key,
                    missing_column("index key", &col, &tq, table)
                        + " (key elements are SQL: quote capitals, e.g. `\"Symbol\"`)",
                );
            }
        }
    }
    for c in &ix.include {
        match element_column(c) {
            Some(col) if table.columns.contains_key(&col) => {}
            Some(col) => cx.at(key, missing_column("include", &col, &tq, table)),
            None => cx.at(key, format!("include entry `{c}` must be a column name")),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// SQL: a small lexer, enough to split statements and find the view/index/comment structure.

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    /// Unquoted identifier or keyword, as written.
    Ident(String),
    /// `"quoted identifier"`, unescaped.
    Quoted(String),
    /// A string literal's value (standard, E'' or dollar-quoted).
    Str(String),
    Number,
    Punct(char),
    /// Any other operator character run.
    Op,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Tok,
    start: usize,
    end: usize,
}

impl Token {
    fn is_kw(&self, kw: &str) -> bool {
        matches!(&self.kind, Tok::Ident(s) if s.eq_ignore_ascii_case(kw))
    }
}

/// Reads a quoted string literal or identifier whose body starts at byte `i` (after the opening
/// quote): a doubled quote stands for itself; with `backslash_escapes` (`E'...'`) `\n`, `\t`, ...
/// are decoded. Returns the value and the byte after the closing quote, or `None` if unterminated.
fn read_quoted(
    text: &str,
    mut i: usize,
    quote: char,
    backslash_escapes: bool,
) -> Option<(String, usize)> {
    let mut value = String::new();
    loop {
        let ch = text.get(i..)?.chars().next()?;
        if ch == quote {
            if text[i + 1..].starts_with(quote) {
                value.push(quote);
                i += 2;
                continue;
            }
            return Some((value, i + 1));
        }
        if backslash_escapes && ch == '\\' {
            let next = text[i + 1..].chars().next().unwrap_or('\\');
            value.push(match next {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\u{8}',
                'f' => '\u{c}',
                other => other,
            });
            i += 1 + next.len_utf8();
            continue;
        }
        value.push(ch);
        i += ch.len_utf8();
    }
}

/// Lexes SQL. Errors carry the byte offset of the problem.
fn lex(text: &str) -> Result<Vec<Token>, (usize, String)> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    while i < b.len() {
        let c = b[i];
        let start = i;
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'-' && b.get(i + 1) == Some(&b'-') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            // Block comments nest in PostgreSQL.
            let mut depth = 0;
            loop {
                if i >= b.len() {
                    return Err((start, "unterminated /* comment".into()));
                }
                if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == b'\'' || ((c == b'e' || c == b'E') && b.get(i + 1) == Some(&b'\'')) {
            let escapes = c != b'\'';
            i += if escapes { 2 } else { 1 };
            let (value, end) = read_quoted(text, i, '\'', escapes)
                .ok_or((start, "unterminated string literal".to_string()))?;
            i = end;
            out.push(Token {
                kind: Tok::Str(value),
                start,
                end: i,
            });
        } else if c == b'"' {
            let (value, end) = read_quoted(text, i + 1, '"', false)
                .ok_or((start, "unterminated quoted identifier".to_string()))?;
            i = end;
            out.push(Token {
                kind: Tok::Quoted(value),
                start,
                end: i,
            });
        } else if c == b'$' && dollar_tag(&text[i..]).is_some() {
            let tag = dollar_tag(&text[i..]).unwrap_or_default();
            let body_start = i + tag.len();
            match text[body_start..].find(&tag) {
                Some(j) => {
                    let value = text[body_start..body_start + j].to_string();
                    i = body_start + j + tag.len();
                    out.push(Token {
                        kind: Tok::Str(value),
                        start,
                        end: i,
                    });
                }
                None => return Err((start, format!("unterminated dollar-quoted string {tag}"))),
            }
        } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            while i < b.len()
                && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'$' || b[i] >= 0x80)
            {
                i += 1;
            }
            out.push(Token {
                kind: Tok::Ident(text[start..i].to_string()),
                start,
                end: i,
            });
        } else if c.is_ascii_digit() {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            out.push(Token {
                kind: Tok::Number,
                start,
                end: i,
            });
        } else if b"(),;.[]".contains(&c) {
            i += 1;
            out.push(Token {
                kind: Tok::Punct(c as char),
                start,
                end: i,
            });
        } else {
            let ch = text[i..].chars().next().unwrap_or('\0');
            i += ch.len_utf8().max(1);
            out.push(Token {
                kind: Tok::Op,
                start,
                end: i,
            });
        }
    }
    Ok(out)
}

/// `$tag$` at the start of `s`, if it is a dollar-quote opener.
fn dollar_tag(s: &str) -> Option<String> {
    let rest = &s[1..];
    let end = rest.find('$')?;
    let tag = &rest[..end];
    if tag.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !tag.starts_with(|c: char| c.is_ascii_digit())
    {
        Some(format!("${tag}$"))
    } else {
        None
    }
}

/// Splits on commas outside parentheses/brackets (and outside strings, via the lexer).
fn split_top_level(text: &str) -> Vec<String> {
    let Ok(toks) = lex(text) else {
        return vec![text.trim().to_string()];
    };
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for t in &toks {
        match t.kind {
            Tok::Punct('(') | Tok::Punct('[') => depth += 1,
            Tok::Punct(')') | Tok::Punct(']') => depth -= 1,
            Tok::Punct(',') if depth == 0 => {
                parts.push(text[start..t.start].trim().to_string());
                start = t.end;
            }
            _ => {}
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() || !parts.is_empty() {
        parts.push(last.to_string());
    }
    parts
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// A cursor over one statement's tokens.
struct Stmt<'a> {
    text: &'a str,
    toks: &'a [Token],
    pos: usize,
}

impl<'a> Stmt<'a> {
    fn peek(&self) -> Option<&'a Token> {
        self.toks.get(self.pos)
    }
    fn kw(&mut self, kw: &str) -> bool {
        if self.peek().is_some_and(|t| t.is_kw(kw)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn punct(&mut self, c: char) -> bool {
        if self.peek().is_some_and(|t| t.kind == Tok::Punct(c)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn offset(&self) -> usize {
        self.peek()
            .map(|t| t.start)
            .unwrap_or_else(|| self.toks.last().map(|t| t.end).unwrap_or(0))
    }
    fn ident(&mut self) -> Result<String, (usize, String)> {
        match self.peek().map(|t| &t.kind) {
            Some(Tok::Ident(s)) => {
                self.pos += 1;
                Ok(s.to_lowercase())
            }
            Some(Tok::Quoted(s)) => {
                self.pos += 1;
                Ok(s.clone())
            }
            _ => Err((self.offset(), "expected a name".into())),
        }
    }
    /// `name` or `schema.name`, folded by SQL rules.
    fn qualified(&mut self) -> Result<QualifiedName, (usize, String)> {
        let first = self.ident()?;
        if self.punct('.') {
            let second = self.ident()?;
            Ok(QualifiedName::new(first, second))
        } else {
            Ok(QualifiedName::new(DEFAULT_SCHEMA, first))
        }
    }
    /// The text of a parenthesized group starting at the current `(`; moves past its `)`.
    fn paren_group(&mut self) -> Result<&'a str, (usize, String)> {
        let open = self
            .peek()
            .filter(|t| t.kind == Tok::Punct('('))
            .ok_or((self.offset(), "expected `(`".to_string()))?;
        let mut depth = 0;
        while let Some(t) = self.peek() {
            self.pos += 1;
            match t.kind {
                Tok::Punct('(') => depth += 1,
                Tok::Punct(')') => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(&self.text[open.end..t.start]);
                    }
                }
                _ => {}
            }
        }
        Err((open.start, "unbalanced parentheses".into()))
    }
    fn rest_text(&self) -> &'a str {
        match self.peek() {
            Some(t) => self.text[t.start..self.toks.last().map(|l| l.end).unwrap_or(t.end)].trim(),
            None => "",
        }
    }
    fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }
}

/// Parses `CREATE [UNIQUE] INDEX name ON table [USING m] (keys) [INCLUDE (...)]
/// [NULLS [NOT] DISTINCT] [WHERE predicate]` — what `pg_get_indexdef()` prints, and what users
/// write in view files. Returns (index name, table, index); key elements are kept as text.
pub fn parse_index_definition(text: &str) -> Result<(String, QualifiedName, Index), String> {
    let text = text.trim().trim_end_matches(';');
    let toks = lex(text).map_err(|(_, m)| m)?;
    parse_index_tokens(text, &toks).map_err(|(off, m)| {
        let (l, c) = line_col(text, off);
        if l == 1 {
            format!("{m} (at column {c} of `{text}`)")
        } else {
            format!("{m} (at {l}:{c})")
        }
    })
}

fn parse_index_tokens(
    text: &str,
    toks: &[Token],
) -> Result<(String, QualifiedName, Index), (usize, String)> {
    let mut s = Stmt { text, toks, pos: 0 };
    if !s.kw("create") {
        return Err((s.offset(), "expected CREATE INDEX".into()));
    }
    let unique = s.kw("unique");
    if !s.kw("index") {
        return Err((s.offset(), "expected INDEX".into()));
    }
    if s.kw("concurrently") {
        return Err((
            s.offset(),
            "CONCURRENTLY is decided by `pgdrift apply`, not declared".into(),
        ));
    }
    if s.kw("if") && !(s.kw("not") && s.kw("exists")) {
        return Err((s.offset(), "expected IF NOT EXISTS".into()));
    }
    if s.peek().is_some_and(|t| t.is_kw("on")) {
        return Err((
            s.offset(),
            "the index needs a name (pgdrift compares indexes by name)".into(),
        ));
    }
    let name = s.ident()?;
    if !s.kw("on") {
        return Err((s.offset(), "expected ON table".into()));
    }
    s.kw("only");
    let table = s.qualified()?;
    let mut index = Index {
        unique,
        ..Index::default()
    };
    if s.kw("using") {
        index.method = s.ident()?;
    }
    let keys = s.paren_group()?;
    index.columns = split_top_level(keys);
    if index.columns.iter().any(|k| k.is_empty()) {
        return Err((s.offset(), "empty index key element".into()));
    }
    if s.kw("include") {
        index.include = split_top_level(s.paren_group()?);
    }
    if s.kw("nulls") {
        if s.kw("not") {
            index.nulls_not_distinct = true;
        }
        if !s.kw("distinct") {
            return Err((s.offset(), "expected NULLS [NOT] DISTINCT".into()));
        }
    }
    if s.peek()
        .is_some_and(|t| t.is_kw("with") || t.is_kw("tablespace"))
    {
        return Err((
            s.offset(),
            "storage parameters and tablespaces are not part of pgdrift's model".into(),
        ));
    }
    if s.kw("where") {
        let pred = s.rest_text();
        if pred.is_empty() {
            return Err((s.offset(), "WHERE needs a predicate".into()));
        }
        index.predicate = Some(pred.to_string());
        s.pos = toks.len();
    }
    if !s.at_end() {
        return Err((
            s.offset(),
            "unexpected text after the index definition".into(),
        ));
    }
    Ok((name, table, index))
}

struct ViewFile {
    name: QualifiedName,
    view: View,
    loc: SourceLoc,
    index_locs: Vec<(String, SourceLoc)>,
}

/// Parses one view file: one CREATE [MATERIALIZED] VIEW, then optional COMMENT ON and (for a
/// materialized view) CREATE INDEX / COMMENT ON INDEX statements.
fn parse_view_file(path: &Path, text: &str) -> Result<ViewFile, Vec<Problem>> {
    let problem = |off: usize, object: Option<String>, message: String| {
        let (line, column) = line_col(text, off);
        vec![Problem {
            file: path.to_path_buf(),
            line,
            column,
            object,
            message,
        }]
    };
    let toks = lex(text).map_err(|(off, m)| problem(off, None, m))?;
    // Split on top-level `;`.
    let mut stmts: Vec<&[Token]> = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Tok::Punct('(') => depth += 1,
            Tok::Punct(')') => depth -= 1,
            Tok::Punct(';') if depth <= 0 => {
                if i > start {
                    stmts.push(&toks[start..i]);
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < toks.len() {
        stmts.push(&toks[start..]);
    }
    let mut found: Option<ViewFile> = None;
    let mut problems = Vec::new();
    for st in stmts {
        let first = &st[0];
        let mut s = Stmt {
            text,
            toks: st,
            pos: 0,
        };
        let is_view = {
            let save = s.pos;
            let mut r = s.kw("create");
            if r && s.kw("or") {
                r = s.kw("replace");
            }
            s.kw("materialized");
            r = r && s.kw("view");
            s.pos = save;
            r
        };
        if is_view {
            if let Some(f) = &found {
                problems.extend(problem(first.start, Some(ObjectKey::View(f.name.clone()).to_string()), format!(
                    "a second view statement; each file in the views folder holds exactly one view (the first one is at {}:{}:{})",
                    file_name(path), f.loc.line, f.loc.column
                )));
                continue;
            }
            match parse_create_view(&mut s, path, text) {
                Ok(vf) => found = Some(vf),
                Err((off, m)) => problems.extend(problem(off, None, m)),
            }
            continue;
        }
        let Some(vf) = found.as_mut() else {
            problems.extend(problem(first.start, None, "expected CREATE VIEW or CREATE MATERIALIZED VIEW first; a view file starts with its view".into()));
            continue;
        };
        let object = Some(ObjectKey::View(vf.name.clone()).to_string());
        if first.is_kw("comment") {
            if let Err((off, m)) = parse_comment(&mut s, vf) {
                problems.extend(problem(off, object, m));
            }
        } else if first.is_kw("create")
            && (st
                .get(1)
                .is_some_and(|t| t.is_kw("index") || t.is_kw("unique")))
        {
            let stmt_text = &text[first.start..st[st.len() - 1].end];
            let local: Vec<Token> = st
                .iter()
                .map(|t| Token {
                    kind: t.kind.clone(),
                    start: t.start - first.start,
                    end: t.end - first.start,
                })
                .collect();
            match parse_index_tokens(stmt_text, &local) {
                Ok((name, table, ix)) => {
                    if !vf.view.materialized {
                        problems.extend(problem(
                            first.start,
                            object,
                            "only a materialized view can have indexes".into(),
                        ));
                    } else if table != vf.name {
                        problems.extend(problem(first.start, object, format!("the index is on `{table}`, not on this file's view; indexes on tables belong in schema.yaml")));
                    } else if vf.view.indexes.contains_key(&name) {
                        problems.extend(problem(
                            first.start,
                            Some(ObjectKey::Index(table, name).to_string()),
                            "declared twice".into(),
                        ));
                    } else {
                        let (l, c) = line_col(text, first.start);
                        vf.index_locs
                            .push((name.clone(), SourceLoc::new(path, l, c)));
                        vf.view.indexes.insert(name, ix);
                    }
                }
                Err((off, m)) => problems.extend(problem(first.start + off, object, m)),
            }
        } else {
            problems.extend(problem(first.start, object, "only COMMENT ON and (for a materialized view) CREATE INDEX may follow the view; put other statements elsewhere".into()));
        }
    }
    if found.is_none() && problems.is_empty() {
        problems.extend(problem(0, None, "no CREATE VIEW or CREATE MATERIALIZED VIEW statement; each file in the views folder holds exactly one view".into()));
    }
    match (found, problems.is_empty()) {
        (Some(vf), true) => Ok(vf),
        _ => Err(problems),
    }
}

fn parse_create_view(s: &mut Stmt, path: &Path, text: &str) -> Result<ViewFile, (usize, String)> {
    s.kw("create");
    if s.kw("or") {
        s.kw("replace");
    }
    let materialized = s.kw("materialized");
    s.kw("view");
    if s.kw("if") && !(s.kw("not") && s.kw("exists")) {
        return Err((s.offset(), "expected IF NOT EXISTS".into()));
    }
    let name_start = s.offset();
    let name = s.qualified()?;
    if s.peek().is_some_and(|t| t.kind == Tok::Punct('(')) {
        return Err((s.offset(), "a column list after the view name is not supported yet; alias the columns in the query instead (`SELECT x AS a, ...`)".into()));
    }
    if s.peek()
        .is_some_and(|t| t.is_kw("with") || t.is_kw("using") || t.is_kw("tablespace"))
    {
        return Err((
            s.offset(),
            "view options (WITH (...), USING, TABLESPACE) are not part of pgdrift's model yet"
                .into(),
        ));
    }
    if !s.kw("as") {
        return Err((s.offset(), "expected AS followed by the query".into()));
    }
    let body_start = s.offset();
    let mut end = s.toks.last().map(|t| t.end).unwrap_or(body_start);
    let n = s.toks.len();
    let tail = |k: usize, kws: &[&str]| -> bool {
        k <= n - s.pos
            && kws
                .iter()
                .enumerate()
                .all(|(i, kw)| s.toks[n - k + i].is_kw(kw))
    };
    if materialized {
        if tail(3, &["with", "no", "data"]) {
            end = s.toks[n - 3].start;
        } else if tail(2, &["with", "data"]) {
            end = s.toks[n - 2].start;
        }
    } else if tail(3, &["with", "check", "option"])
        || tail(4, &["with", "cascaded", "check", "option"])
        || tail(4, &["with", "local", "check", "option"])
    {
        return Err((
            s.toks[n - 3].start,
            "WITH CHECK OPTION is not part of pgdrift's model yet".into(),
        ));
    }
    let definition = text[body_start.min(end)..end].trim().to_string();
    if definition.is_empty() {
        return Err((body_start, "the view has no query after AS".into()));
    }
    let (line, column) = line_col(text, name_start);
    let mut loc = SourceLoc::new(path, line, column);
    loc.body_offset = Some(body_start);
    Ok(ViewFile {
        name,
        view: View {
            materialized,
            definition,
            comment: None,
            indexes: IndexMap::new(),
            depends_on: Vec::new(),
        },
        loc,
        index_locs: Vec::new(),
    })
}

fn parse_comment(s: &mut Stmt, vf: &mut ViewFile) -> Result<(), (usize, String)> {
    s.kw("comment");
    if !s.kw("on") {
        return Err((s.offset(), "expected COMMENT ON".into()));
    }
    let target_off = s.offset();
    enum Target {
        View,
        Index(String),
    }
    let target = if s.kw("materialized") {
        if !s.kw("view") {
            return Err((s.offset(), "expected MATERIALIZED VIEW".into()));
        }
        let q = s.qualified()?;
        if q != vf.name {
            return Err((
                target_off,
                format!(
                    "the comment is on `{q}`, not on this file's view `{}`",
                    vf.name
                ),
            ));
        }
        Target::View
    } else if s.kw("view") {
        let q = s.qualified()?;
        if q != vf.name {
            return Err((
                target_off,
                format!(
                    "the comment is on `{q}`, not on this file's view `{}`",
                    vf.name
                ),
            ));
        }
        Target::View
    } else if s.kw("index") {
        let q = s.qualified()?;
        if q.schema != vf.name.schema || !vf.view.indexes.contains_key(&q.name) {
            return Err((
                target_off,
                format!(
                    "COMMENT ON INDEX `{}`: no such index on this view declared above the comment",
                    q.name
                ),
            ));
        }
        Target::Index(q.name)
    } else {
        return Err((
            s.offset(),
            "expected COMMENT ON VIEW, MATERIALIZED VIEW or INDEX".into(),
        ));
    };
    if !s.kw("is") {
        return Err((s.offset(), "expected IS 'comment'".into()));
    }
    let value = match s.peek().map(|t| &t.kind) {
        Some(Tok::Str(v)) => Some(v.clone()),
        Some(Tok::Ident(n)) if n.eq_ignore_ascii_case("null") => None,
        _ => return Err((s.offset(), "expected a string literal or NULL".into())),
    };
    s.pos += 1;
    if !s.at_end() {
        return Err((s.offset(), "unexpected text after the comment".into()));
    }
    match target {
        Target::View => vf.view.comment = value,
        Target::Index(n) => {
            if let Some(ix) = vf.view.indexes.get_mut(&n) {
                ix.comment = value;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {

    #[test]
    fn quoted_strings_and_identifiers_decode() {
        assert_eq!(
            read_quoted("it''s' rest", 0, '\'', false),
            Some(("it's".to_string(), 6))
        );
        assert_eq!(
            read_quoted("a\\nb' x", 0, '\'', true),
            Some(("a\nb".to_string(), 5))
        );
        assert_eq!(
            read_quoted("We\"\"ird\".", 0, '"', false),
            Some(("We\"ird".to_string(), 8))
        );
        assert_eq!(read_quoted("open", 0, '\'', false), None);
        assert_eq!(read_quoted("ends in \\", 0, '\'', true), None);
    }

    use super::*;

    #[test]
    fn object_names_like_postgres() {
        assert_eq!(default_pk_name("genes"), "genes_pkey");
        assert_eq!(
            default_unique_name("genes", &["a".into(), "b".into()]),
            "genes_a_b_key"
        );
        let long = "x".repeat(70);
        let n = make_object_name(&long, Some("id"), Some("seq"));
        assert_eq!(n.len(), 63);
        assert!(n.ends_with("_id_seq"));
    }

    #[test]
    fn index_definitions_as_pg_prints_them() {
        let (n, t, ix) = parse_index_definition(
            "CREATE UNIQUE INDEX gene_scores_gene_id_idx ON public.gene_scores USING btree (gene_id) INCLUDE (x) WHERE (x > 0)",
        )
        .unwrap();
        assert_eq!(n, "gene_scores_gene_id_idx");
        assert_eq!(t, QualifiedName::new("public", "gene_scores"));
        assert!(ix.unique);
        assert_eq!(ix.columns, vec!["gene_id"]);
        assert_eq!(ix.include, vec!["x"]);
        assert_eq!(ix.predicate.as_deref(), Some("(x > 0)"));
        let (_, _, ix) = parse_index_definition(
            "CREATE INDEX \"Ix\" ON audit.\"Ev\" USING gist (lower(symbol) text_pattern_ops DESC NULLS LAST, f(a, b)) NULLS NOT DISTINCT",
        )
        .unwrap();
        assert_eq!(ix.method, "gist");
        assert_eq!(
            ix.columns,
            vec!["lower(symbol) text_pattern_ops DESC NULLS LAST", "f(a, b)"]
        );
        assert!(ix.nulls_not_distinct);
        assert!(parse_index_definition("CREATE INDEX ON t (a)").is_err());
    }

    #[test]
    fn yaml_positions() {
        let d = load_schema_str("tables:\n  genes:\n    columns:\n      id: int\n      sym: text\n    primary_key: [id]\n", "schema.yaml").unwrap();
        let t = QualifiedName::new("public", "genes");
        assert_eq!(
            d.sources.describe(&ObjectKey::Table(t.clone())),
            "schema.yaml:2:3"
        );
        assert_eq!(
            d.sources
                .describe(&ObjectKey::Column(t.clone(), "sym".into())),
            "schema.yaml:5:7"
        );
        assert_eq!(
            d.sources
                .describe(&ObjectKey::Constraint(t.clone(), "genes_pkey".into())),
            "schema.yaml:6:5"
        );
    }
}
