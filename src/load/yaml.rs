//! YAML: the serde parse of `schema.yaml` into the model, and a light second pass over the
//! parser's events that records where each object was declared.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use serde_saphyr::granit_parser::{Event, Parser};

use super::{default_pk_name, Cx, LoadError, ObjectKey};
use crate::model::{QualifiedName, Schema};

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

pub(super) fn parse_yaml(text: &str, file: &Path) -> Result<Schema, LoadError> {
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
        let mut msg = msg
            .replace(
                ", set DuplicateKeyPolicy in Options if acceptable",
                " (each key may appear only once)",
            )
            // serde-saphyr's words for a list or a scalar where keys belong.
            .replace(
                "expected mapping start",
                "expected a mapping here (`key: value` lines, or `{key: value}`), not a list or a single value",
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

/// Scalars borrow from the file's text where the parser allows (plain ones): a 20,000-table
/// schema has millions of nodes, and an owned copy of each would outweigh the model itself.
#[derive(Debug)]
pub(super) struct YNode<'a>(usize, usize, YKind<'a>);

type Entry<'a> = (Cow<'a, str>, usize, usize, YNode<'a>);

#[derive(Debug)]
enum YKind<'a> {
    Scalar(Cow<'a, str>),
    Seq(Vec<YNode<'a>>),
    /// (key text, key line, key column, value)
    Map(Vec<Entry<'a>>),
}

impl<'a> YNode<'a> {
    fn child(&self, key: &str) -> Option<&YNode<'a>> {
        self.entries().iter().find(|e| e.0 == key).map(|e| &e.3)
    }
    fn entries(&self) -> &[Entry<'a>] {
        match &self.2 {
            YKind::Map(m) => m,
            _ => &[],
        }
    }
    fn items(&self) -> &[YNode<'a>] {
        match &self.2 {
            YKind::Seq(items) => items,
            _ => &[],
        }
    }
    fn scalar(&self) -> Option<&str> {
        match &self.2 {
            YKind::Scalar(s) => Some(s),
            _ => None,
        }
    }
    pub(super) fn entry(&self, key: &str) -> Option<(usize, usize)> {
        self.entries()
            .iter()
            .find(|e| e.0 == key)
            .map(|e| (e.1, e.2))
    }
}

/// Builds the tree; `None` when the text does not parse (serde already reported that).
pub(super) fn yaml_tree(text: &str) -> Option<YNode<'_>> {
    let mut events = Parser::new_from_str(text)
        .filter_map(|r| r.ok())
        .map(|(e, s)| (e, s.start.line(), s.start.col() + 1));
    // Skip to the document's root node.
    loop {
        let (e, l, c) = events.next()?;
        match e {
            Event::StreamStart | Event::DocumentStart(..) => continue,
            other => return build_node(other, l, c, &mut events, &mut Vec::new()),
        }
    }
}

/// The members of a table whose own position is recorded but nothing inside them: most of a
/// large file's nodes are the attributes of columns and indexes, which only serde reads.
const POSITION_ONLY: &[&str] = &[
    "columns",
    "indexes",
    "unique",
    "checks",
    "foreign_keys",
    "exclusions",
    "statistics",
];

/// Whether the value at `path` (keys from the root) is left out of the tree.
fn position_only(path: &[Cow<'_, str>]) -> bool {
    path.len() == 4 && path[0] == "tables" && POSITION_ONLY.contains(&path[2].as_ref())
}

fn build_node<'a>(
    first: Event<'a>,
    line: usize,
    col: usize,
    events: &mut impl Iterator<Item = (Event<'a>, usize, usize)>,
    path: &mut Vec<Cow<'a, str>>,
) -> Option<YNode<'a>> {
    match first {
        Event::MappingStart(..) => {
            let mut entries = Vec::new();
            loop {
                let (k, kl, kc) = events.next()?;
                let key = match k {
                    Event::MappingEnd => break,
                    Event::Scalar(s, ..) => s,
                    other => {
                        build_node(other, kl, kc, events, path)?;
                        Cow::Borrowed("")
                    }
                };
                let (v, vl, vc) = events.next()?;
                path.push(key);
                let value = if position_only(path) {
                    skip_node(&v, events)?;
                    YNode(vl, vc, YKind::Scalar(Cow::Borrowed("")))
                } else {
                    build_node(v, vl, vc, events, path)?
                };
                let key = path.pop()?;
                entries.push((key, kl, kc, value));
            }
            Some(YNode(line, col, YKind::Map(entries)))
        }
        Event::SequenceStart(..) => {
            let mut items = Vec::new();
            path.push(Cow::Borrowed("-"));
            loop {
                let (e, l, c) = events.next()?;
                if matches!(e, Event::SequenceEnd) {
                    break;
                }
                items.push(build_node(e, l, c, events, path)?);
            }
            path.pop();
            Some(YNode(line, col, YKind::Seq(items)))
        }
        Event::Scalar(s, ..) => Some(YNode(line, col, YKind::Scalar(s))),
        _ => Some(YNode(line, col, YKind::Scalar(Cow::Borrowed("")))),
    }
}

/// Consumes the events of the node that starts with `first`.
fn skip_node<'a>(
    first: &Event<'a>,
    events: &mut impl Iterator<Item = (Event<'a>, usize, usize)>,
) -> Option<()> {
    let mut depth = 0usize;
    let mut next = Some(first.clone());
    while let Some(e) = next.take() {
        match e {
            Event::MappingStart(..) | Event::SequenceStart(..) => depth += 1,
            Event::MappingEnd | Event::SequenceEnd => depth = depth.checked_sub(1)?,
            _ => {}
        }
        if depth == 0 {
            return Some(());
        }
        next = Some(events.next()?.0);
    }
    Some(())
}

pub(super) fn record_positions(root: &YNode, cx: &mut Cx, schema: &Schema) {
    record_grant_positions(root, cx);
    // Ignore rules have no name of their own: remember each list item's position by index.
    if let Some(YNode(_, _, YKind::Seq(items))) = root.child("ignore") {
        cx.ignore_locs = items.iter().map(|n| (n.0, n.1)).collect();
    }
    if let Some(comments) = root.child("enum_comments") {
        for (k, l, c, _) in comments.entries() {
            if let Ok(q) = QualifiedName::parse(k) {
                let key = ObjectKey::Grants(format!("enum_comments {q}"));
                cx.sources.insert(key, cx.loc(*l, *c));
            }
        }
    }
    if let Some(exts) = root.child("extensions") {
        for (k, l, c, _) in exts.entries() {
            cx.sources
                .insert(ObjectKey::Extension(k.to_string()), cx.loc(*l, *c));
        }
    }
    for (section, make) in [
        ("enums", ObjectKey::Enum as fn(QualifiedName) -> ObjectKey),
        ("sequences", ObjectKey::Sequence),
        ("collations", |q| ObjectKey::UserType("collation", q)),
        ("domains", |q| ObjectKey::UserType("domain", q)),
        ("types", |q| ObjectKey::UserType("type", q)),
        ("ranges", |q| ObjectKey::UserType("range", q)),
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
    if let Some(n) = root.child("event_triggers") {
        for (k, l, c, _) in n.entries() {
            cx.sources
                .insert(ObjectKey::EventTrigger(k.to_string()), cx.loc(*l, *c));
        }
    }
    // Publications and foreign servers are lists: each item's position, by its `name`.
    type MakeKey = fn(String) -> ObjectKey;
    let lists: [(&str, MakeKey); 2] = [
        ("publications", ObjectKey::Publication),
        ("foreign_servers", ObjectKey::ForeignServer),
    ];
    for (list, key) in lists {
        for item in root.child(list).map(YNode::items).unwrap_or_default() {
            if let Some(name) = item.child("name").and_then(YNode::scalar) {
                cx.sources
                    .insert(key(name.to_string()), cx.loc(item.0, item.1));
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
                cx.sources.insert(
                    ObjectKey::Column(q.clone(), ck.to_string()),
                    cx.loc(*cl, *cc),
                );
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
                        ObjectKey::Constraint(q.clone(), ck.to_string()),
                        cx.loc(*cl, *cc),
                    );
                }
            }
        }
        if let Some(n) = node.child("indexes") {
            for (ck, cl, cc, _) in n.entries() {
                cx.sources.insert(
                    ObjectKey::Index(q.clone(), ck.to_string()),
                    cx.loc(*cl, *cc),
                );
            }
        }
        if let Some(n) = node.child("statistics") {
            for (ck, cl, cc, _) in n.entries() {
                let key = ObjectKey::Statistics(q.clone(), ck.to_string());
                cx.sources.insert(key, cx.loc(*cl, *cc));
            }
        }
    }
}

/// Where each top-level grant list is (`function_grants app.touch()`, by the key as the model
/// prints it) and where each role is first named by a grant, a default privilege or a policy.
fn record_grant_positions(root: &YNode, cx: &mut Cx) {
    let mut roles: Vec<(String, usize, usize)> = Vec::new();
    let role_keys = |grants: &YNode, roles: &mut Vec<(String, usize, usize)>| {
        for (r, l, c, _) in grants.entries() {
            roles.push((r.to_string(), *l, *c));
        }
    };
    for (section, k, l, c, node) in root
        .entries()
        .iter()
        .filter(|e| e.0.ends_with("_grants"))
        .flat_map(|(section, _, _, node)| {
            node.entries()
                .iter()
                .map(move |(k, l, c, n)| (section, k, l, c, n))
        })
    {
        let name = match section.as_ref() {
            "function_grants" => crate::kinds::function::RoutineKey::parse(k)
                .map(|r| r.display_name())
                .unwrap_or_else(|_| k.to_string()),
            "schema_grants" => k.to_string(),
            _ => QualifiedName::parse(k)
                .map(|q| q.display_name())
                .unwrap_or_else(|_| k.to_string()),
        };
        cx.sources.insert(
            ObjectKey::Grants(format!("{section} {name}")),
            cx.loc(*l, *c),
        );
        if section == "view_column_grants" {
            node.entries()
                .iter()
                .for_each(|(_, _, _, g)| role_keys(g, &mut roles));
        } else {
            role_keys(node, &mut roles);
        }
    }
    if let Some(YNode(_, _, YKind::Seq(items))) = root.child("default_privileges") {
        for item in items {
            if let Some(YNode(l, c, YKind::Scalar(r))) = item.child("for_role") {
                roles.push((r.to_string(), *l, *c));
            }
            if let Some(g) = item.child("grants") {
                role_keys(g, &mut roles);
            }
        }
    }
    if let Some(tables) = root.child("tables") {
        for (_, _, _, t) in tables.entries() {
            if let Some(g) = t.child("grants") {
                role_keys(g, &mut roles);
            }
            if let Some(cols) = t.child("column_grants") {
                cols.entries()
                    .iter()
                    .for_each(|(_, _, _, g)| role_keys(g, &mut roles));
            }
            let policies = t.child("policies").map(|p| p.entries()).unwrap_or(&[]);
            for (_, _, _, p) in policies {
                if let Some(YNode(_, _, YKind::Seq(items))) = p.child("roles") {
                    for item in items {
                        if let YNode(l, c, YKind::Scalar(r)) = item {
                            roles.push((r.to_string(), *l, *c));
                        }
                    }
                }
            }
        }
    }
    owner_positions(root, cx, &mut roles);
    roles.sort_by_key(|r| (r.1, r.2));
    for (role, l, c) in roles {
        let role = crate::kinds::privilege::canonical_role(&role);
        cx.sources.insert(ObjectKey::Role(role), cx.loc(l, c));
    }
}

/// `owner:` and `owners:`: where each role is named, and where each `owners:` key is.
fn owner_positions(root: &YNode, cx: &mut Cx, roles: &mut Vec<(String, usize, usize)>) {
    if let Some(YNode(l, c, YKind::Scalar(r))) = root.child("owner") {
        roles.push((r.to_string(), *l, *c));
    }
    let entries = root.child("owners").map(|o| o.entries()).unwrap_or(&[]);
    for (k, l, c, node) in entries {
        let key = crate::kinds::owner::canonical_key(k).unwrap_or_else(|_| k.to_string());
        cx.sources
            .insert(ObjectKey::Grants(format!("owners {key}")), cx.loc(*l, *c));
        if let YNode(l, c, YKind::Scalar(r)) = node {
            roles.push((r.to_string(), *l, *c));
        }
    }
}

pub(crate) fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}
