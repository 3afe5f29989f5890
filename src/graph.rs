//! One dependency graph for every object of a [`Schema`].
//!
//! The edges come from what the catalogs record (a view's `depends_on` is read from `pg_depend`
//! through `pg_rewrite`; a foreign key names its referenced table; a sequence its owning column)
//! (foreign keys are not edges between tables: they are added once every table exists, so two
//! tables that reference each other are not a cycle) and from what the model spells out (a column typed with a declared enum, a default calling
//! `nextval` on a declared sequence, an object living in a schema). Both sides of a comparison
//! come out of the same catalog queries, so the live graph and the normalized declared graph are
//! built the same way.
//!
//! Three questions are answered here, for any kind: in which order to create (dependencies
//! first, ties broken by kind as pg_dump does, then by name), in which order to drop (the
//! reverse), and what must be dropped and recreated when an object changes (everything that
//! depends on it, transitively).

use std::collections::{BTreeMap, BTreeSet};

use crate::kinds::function::dependents::Dependent;
use crate::kinds::function::{RoutineKey, RoutineKind};
use crate::model::{QualifiedName, Schema, DEFAULT_SCHEMA};

/// The kinds the graph orders, in pg_dump's priority: on a tie, earlier kinds come first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    Schema,
    Extension,
    /// `CREATE COLLATION` collations.
    Collation,
    Enum,
    /// Domains, composite and range types.
    Type,
    Sequence,
    /// Routines (only in [`Graph::with_routines`]): named `name(arguments)`.
    Routine,
    Table,
    View,
    /// Rewrite rules: named `relation.rule` in the relation's schema (see [`Node::rule`]).
    Rule,
}

/// An object in the graph.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Node {
    pub kind: NodeKind,
    pub name: QualifiedName,
}

impl Node {
    pub fn new(kind: NodeKind, name: &QualifiedName) -> Node {
        Node {
            kind,
            name: name.clone(),
        }
    }

    /// The node of a routine: its name carries the arguments, so overloads are distinct.
    pub fn routine(key: &RoutineKey) -> Node {
        Node {
            kind: NodeKind::Routine,
            name: QualifiedName::new(
                key.name.schema.clone(),
                format!("{}({})", key.name.name, key.args),
            ),
        }
    }

    /// The node of a rule: rule names are per relation, so the name carries the relation.
    pub fn rule(relation: &QualifiedName, name: &str) -> Node {
        Node {
            kind: NodeKind::Rule,
            name: QualifiedName::new(relation.schema.clone(), format!("{}.{name}", relation.name)),
        }
    }

    fn schema(name: &str) -> Node {
        Node {
            kind: NodeKind::Schema,
            name: QualifiedName::new(name, name),
        }
    }
}

/// Objects and what each depends on.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    deps: BTreeMap<Node, BTreeSet<Node>>,
    /// Model position of each node: ties between ready objects of one kind keep model order,
    /// so a model order that is already valid comes back unchanged.
    position: BTreeMap<Node, usize>,
}

/// The outcome of ordering: what can be created in order, and what cannot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ordering {
    pub order: Vec<Node>,
    /// Objects on (or between) dependency cycles, in model order.
    pub cyclic: Vec<Node>,
    /// Every object that could not be ordered (cycle members and what depends on them), in
    /// model order.
    pub stuck: Vec<Node>,
}

impl Graph {
    /// Every object of `schema` and the edges between them (edges to objects outside the model,
    /// e.g. a view reading a table of an unselected schema, are left out: nothing orders them).
    pub fn of(schema: &Schema) -> Graph {
        let mut g = Graph::default();
        for s in &schema.schemas {
            g.add(Node::schema(s));
        }
        for (name, ext) in &schema.extensions {
            let node = Node::new(
                NodeKind::Extension,
                &QualifiedName::new(DEFAULT_SCHEMA, name),
            );
            let home = ext.schema.as_deref().unwrap_or(DEFAULT_SCHEMA);
            g.edge(&node, &Node::schema(home));
            g.add(node);
        }
        for name in schema.enums.keys() {
            g.add_in_schema(NodeKind::Enum, name);
        }
        user_types(&mut g, schema);
        for name in schema.sequences.keys() {
            g.add_in_schema(NodeKind::Sequence, name);
        }
        for (name, table) in &schema.tables {
            let node = g.add_in_schema(NodeKind::Table, name);
            for col in table.columns.values() {
                for e in schema
                    .enums
                    .keys()
                    .filter(|e| mentions_type(&col.data_type, e))
                {
                    g.edge(&node, &Node::new(NodeKind::Enum, e));
                }
                for t in type_names(schema).filter(|t| mentions_type(&col.data_type, t)) {
                    g.edge(&node, &Node::new(NodeKind::Type, t));
                }
                if let Some(c) = col.collation.as_deref().and_then(|c| collation(schema, c)) {
                    g.edge(&node, &Node::new(NodeKind::Collation, c));
                }
                let default = col.default.as_deref().unwrap_or("");
                for s in schema
                    .sequences
                    .keys()
                    .filter(|s| mentions_sequence(default, s))
                {
                    g.edge(&node, &Node::new(NodeKind::Sequence, s));
                }
            }
        }
        for (name, view) in &schema.views {
            let node = g.add_in_schema(NodeKind::View, name);
            for dep in &view.depends_on {
                for kind in [NodeKind::Table, NodeKind::View] {
                    g.edge(&node, &Node::new(kind, dep));
                }
            }
        }
        // A rule needs its relation and every relation its condition and actions name.
        for (relation, rules) in &schema.rules {
            for (name, rule) in rules {
                let node = Node::rule(relation, name);
                g.add(node.clone());
                for rel in std::iter::once(relation).chain(&rule.depends_on) {
                    for kind in [NodeKind::Table, NodeKind::View] {
                        g.edge(&node, &Node::new(kind, rel));
                    }
                }
            }
        }
        let known: BTreeSet<Node> = g.deps.keys().cloned().collect();
        for deps in g.deps.values_mut() {
            deps.retain(|d| known.contains(d));
        }
        g
    }

    /// [`Graph::of`] plus every routine, with what `pg_depend` records: a routine needs the
    /// tables and views its signature or `BEGIN ATOMIC` body names, a view (or a materialized
    /// view whose index calls it) needs the routines it calls, and an aggregate the routines its
    /// definition names. Creation order over this graph puts `view → function → view` chains in
    /// the one order PostgreSQL accepts. (Kept apart from [`Graph::of`] because "what reads a
    /// changed table" must not reach through routines: a routine's own planner decides what it
    /// takes along.)
    pub fn with_routines(schema: &Schema) -> Graph {
        let mut g = Graph::of(schema);
        for key in schema.functions.keys() {
            let node = Node::routine(key);
            g.add_in_schema(node.kind, &node.name);
        }
        for (key, f) in &schema.functions {
            let node = Node::routine(key);
            for rel in &f.depends_on {
                for kind in [NodeKind::Table, NodeKind::View] {
                    g.edge_if_known(&node, &Node::new(kind, rel));
                }
            }
            for d in &f.used_by {
                match d {
                    Dependent::View(v) | Dependent::Index(v, _) => {
                        g.edge_if_known(&Node::new(NodeKind::View, v), &node);
                    }
                    _ => {}
                }
            }
            for (relation, rules) in &schema.rules {
                for (name, _) in rules.iter().filter(|(_, r)| r.calls.contains(key)) {
                    g.edge_if_known(&Node::rule(relation, name), &node);
                }
            }
            if f.kind == RoutineKind::Aggregate {
                for (other, o) in &schema.functions {
                    let named = f.definition.contains(&other.name.name);
                    if o.kind != RoutineKind::Aggregate && named {
                        g.edge_if_known(&node, &Node::routine(other));
                    }
                }
            }
        }
        g
    }

    fn edge_if_known(&mut self, from: &Node, to: &Node) {
        if self.contains(from) && self.contains(to) {
            self.edge(from, to);
        }
    }

    fn add(&mut self, node: Node) {
        let next = self.position.len();
        self.position.entry(node.clone()).or_insert(next);
        self.deps.entry(node).or_default();
    }

    fn add_in_schema(&mut self, kind: NodeKind, name: &QualifiedName) -> Node {
        let node = Node::new(kind, name);
        if name.schema != DEFAULT_SCHEMA {
            self.edge(&node, &Node::schema(&name.schema));
        }
        self.add(node.clone());
        node
    }

    /// `from` depends on `to` (an object that depends on itself is a cycle of one).
    pub fn edge(&mut self, from: &Node, to: &Node) {
        self.deps
            .entry(from.clone())
            .or_default()
            .insert(to.clone());
    }

    pub fn contains(&self, node: &Node) -> bool {
        self.deps.contains_key(node)
    }

    /// Creation order: dependencies first; among the ready ones, the earlier kind, then model
    /// order. `Err` holds the objects on (or between) cycles, which no order can build.
    pub fn creation_order(&self) -> Result<Vec<Node>, Vec<Node>> {
        let o = self.ordering();
        if o.cyclic.is_empty() {
            Ok(o.order)
        } else {
            Err(o.cyclic)
        }
    }

    /// Kahn's algorithm with the tie rule of [`Graph::creation_order`], keeping what it could
    /// not reach.
    pub fn ordering(&self) -> Ordering {
        let key = |n: &Node| (n.kind, self.position.get(n).copied().unwrap_or(usize::MAX));
        let mut dependents: BTreeMap<&Node, Vec<&Node>> = BTreeMap::new();
        let mut waiting: BTreeMap<&Node, usize> = BTreeMap::new();
        for (node, deps) in &self.deps {
            waiting.insert(node, deps.len());
            for d in deps {
                dependents.entry(d).or_default().push(node);
            }
        }
        let mut ready: BTreeSet<((NodeKind, usize), &Node)> = waiting
            .iter()
            .filter(|(_, n)| **n == 0)
            .map(|(k, _)| (key(k), *k))
            .collect();
        let mut order = Vec::with_capacity(self.deps.len());
        while let Some((_, node)) = ready.pop_first() {
            order.push(node.clone());
            for d in dependents.get(node).into_iter().flatten() {
                if let Some(n) = waiting.get_mut(d) {
                    *n -= 1;
                    if *n == 0 {
                        ready.insert((key(d), *d));
                    }
                }
            }
        }
        let done: BTreeSet<Node> = order.iter().cloned().collect();
        let by_position = |mut v: Vec<Node>| {
            v.sort_by_key(|n| self.position.get(n).copied());
            v
        };
        let stuck: Vec<Node> = self
            .deps
            .keys()
            .filter(|n| !done.contains(n))
            .cloned()
            .collect();
        Ordering {
            order,
            cyclic: by_position(self.cycle_members(&done)),
            stuck: by_position(stuck),
        }
    }

    /// What is left after ordering is on a cycle or downstream of one; peel off what nothing
    /// left depends on, so only cycle members (and objects between cycles) are reported.
    fn cycle_members(&self, done: &BTreeSet<Node>) -> Vec<Node> {
        let mut left: BTreeSet<&Node> = self.deps.keys().filter(|n| !done.contains(*n)).collect();
        loop {
            let leaf = left.iter().copied().find(|n| {
                !left
                    .iter()
                    .any(|other| self.deps.get(*other).is_some_and(|d| d.contains(*n)))
            });
            match leaf {
                Some(n) => {
                    left.remove(n);
                }
                None => return left.into_iter().cloned().collect(),
            }
        }
    }

    /// `seeds` and everything that depends on them, transitively: what must be dropped before
    /// (and recreated after) a change to a seed.
    pub fn dependents(&self, seeds: &BTreeSet<Node>) -> BTreeSet<Node> {
        let mut out = seeds.clone();
        loop {
            let before = out.len();
            for (node, deps) in &self.deps {
                if !out.contains(node) && deps.iter().any(|d| out.contains(d)) {
                    out.insert(node.clone());
                }
            }
            if out.len() == before {
                return out;
            }
        }
    }
}

/// Whether a `format_type` spelling is `enum_name` or an array of it. Types outside `public`
/// print qualified (sessions run with `search_path = public`).
/// Domains, composite and range types (and what they use: each other, enums, collations).
fn user_types(g: &mut Graph, schema: &Schema) {
    for name in schema.collations.keys() {
        g.add_in_schema(NodeKind::Collation, name);
    }
    use crate::kinds::type_order::{creation_order, TypeKind};
    for (kind, name) in creation_order(schema) {
        let node = g.add_in_schema(NodeKind::Type, &name);
        let (used, coll): (Vec<&str>, Vec<&str>) = match kind {
            TypeKind::Domain => schema.domains.get(&name).map_or((vec![], vec![]), |d| {
                (
                    vec![d.data_type.as_str()],
                    d.collation.iter().map(|c| c.as_str()).collect(),
                )
            }),
            TypeKind::Composite => schema.types.get(&name).map_or((vec![], vec![]), |t| {
                let attrs = t.attributes.values();
                (
                    attrs.clone().map(|a| a.data_type.as_str()).collect(),
                    attrs.filter_map(|a| a.collation.as_deref()).collect(),
                )
            }),
            TypeKind::Range => schema.ranges.get(&name).map_or((vec![], vec![]), |r| {
                (
                    vec![r.subtype.as_str()],
                    r.collation.iter().map(|c| c.as_str()).collect(),
                )
            }),
        };
        for u in used {
            for e in schema.enums.keys().filter(|e| mentions_type(u, e)) {
                g.edge(&node, &Node::new(NodeKind::Enum, e));
            }
            for t in type_names(schema).filter(|t| **t != name && mentions_type(u, t)) {
                g.edge(&node, &Node::new(NodeKind::Type, t));
            }
        }
        for c in coll.into_iter().filter_map(|c| collation(schema, c)) {
            g.edge(&node, &Node::new(NodeKind::Collation, c));
        }
    }
}

fn type_names(schema: &Schema) -> impl Iterator<Item = &QualifiedName> {
    schema
        .domains
        .keys()
        .chain(schema.types.keys())
        .chain(schema.ranges.keys())
}

/// The declared collation a column or type names (`public.german` as the catalogs print it).
fn collation<'a>(schema: &'a Schema, text: &str) -> Option<&'a QualifiedName> {
    let q = QualifiedName::parse(text).ok()?;
    schema.collations.get_key_value(&q).map(|(k, _)| k)
}

fn mentions_type(data_type: &str, name: &QualifiedName) -> bool {
    data_type.trim_end_matches("[]") == name.type_spelling()
}

/// Whether a default reads `nextval('<sequence>'::regclass)` of this sequence.
fn mentions_sequence(default: &str, seq: &QualifiedName) -> bool {
    if !default.contains("nextval(") {
        return false;
    }
    let bare = format!("'{}'::regclass", seq.name.replace('\'', "''"));
    let qualified = format!(
        "'{}.{}'::regclass",
        seq.schema.replace('\'', "''"),
        seq.name.replace('\'', "''")
    );
    default.contains(&bare) && seq.schema == DEFAULT_SCHEMA || default.contains(&qualified)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, ForeignKey, Reference, Table, View};

    fn q(s: &str) -> QualifiedName {
        QualifiedName::parse(s).unwrap()
    }

    fn schema() -> Schema {
        let mut s = Schema::default();
        s.schemas.push("audit".into());
        s.enums.insert(q("mood"), vec!["ok".into()]);
        let mut genes = Table::default();
        genes.columns.insert("m".into(), Column::of_type("mood[]"));
        s.tables.insert(q("genes"), genes);
        let mut ev = Table::default();
        ev.columns.insert("g".into(), Column::of_type("bigint"));
        ev.foreign_keys.insert(
            "ev_g_fkey".into(),
            ForeignKey {
                columns: vec!["g".into()],
                references: Reference {
                    table: q("genes"),
                    columns: vec!["id".into()],
                },
                on_delete: crate::model::FkAction::NoAction.into(),
                on_update: crate::model::FkAction::NoAction,
                deferrable: false,
                initially_deferred: false,
                match_full: false,
                not_valid: false,
                not_enforced: false,
                renamed_from: None,
                comment: None,
            },
        );
        s.tables.insert(q("audit.events"), ev);
        s.views.insert(
            q("v2"),
            View {
                definition: "SELECT 1".into(),
                depends_on: vec![q("v1")],
                ..Default::default()
            },
        );
        s.views.insert(
            q("v1"),
            View {
                definition: "SELECT 1".into(),
                depends_on: vec![q("audit.events")],
                ..Default::default()
            },
        );
        s
    }

    fn pos(order: &[Node], kind: NodeKind, name: &str) -> usize {
        order
            .iter()
            .position(|n| n.kind == kind && n.name == q(name))
            .unwrap()
    }

    #[test]
    fn dependencies_come_first() {
        let order = Graph::of(&schema()).creation_order().unwrap();
        assert!(pos(&order, NodeKind::Enum, "mood") < pos(&order, NodeKind::Table, "genes"));
        assert!(
            pos(&order, NodeKind::Table, "genes") < pos(&order, NodeKind::Table, "audit.events")
        );
        assert!(pos(&order, NodeKind::Table, "audit.events") < pos(&order, NodeKind::View, "v1"));
        assert!(pos(&order, NodeKind::View, "v1") < pos(&order, NodeKind::View, "v2"));
        assert_eq!(order[0], Node::schema("audit"));
    }

    #[test]
    fn dependents_are_transitive() {
        let g = Graph::of(&schema());
        let seeds = BTreeSet::from([Node::new(NodeKind::Table, &q("audit.events"))]);
        let out = g.dependents(&seeds);
        assert!(out.contains(&Node::new(NodeKind::View, &q("v1"))));
        assert!(out.contains(&Node::new(NodeKind::View, &q("v2"))));
        assert!(!out.contains(&Node::new(NodeKind::Table, &q("genes"))));
    }

    #[test]
    fn rules_follow_their_relation_and_what_they_name() {
        let mut s = schema();
        let rule = crate::model::Rule {
            definition: "CREATE RULE r AS ON INSERT TO v2 DO INSTEAD NOTHING".into(),
            depends_on: vec![q("genes")],
            ..Default::default()
        };
        s.rules.entry(q("v2")).or_default().insert("r".into(), rule);
        let g = Graph::of(&s);
        let order = g.creation_order().unwrap();
        let r = order
            .iter()
            .position(|n| *n == Node::rule(&q("v2"), "r"))
            .unwrap();
        assert!(pos(&order, NodeKind::View, "v2") < r);
        assert!(pos(&order, NodeKind::Table, "genes") < r);
        // Dropping what it names (or what its view reads) takes the rule along.
        for seed in [
            (NodeKind::Table, "genes"),
            (NodeKind::Table, "audit.events"),
        ] {
            let seeds = BTreeSet::from([Node::new(seed.0, &q(seed.1))]);
            assert!(g.dependents(&seeds).contains(&Node::rule(&q("v2"), "r")));
        }
    }

    #[test]
    fn cycles_are_reported_not_ordered() {
        let mut s = schema();
        if let Some(v) = s.views.get_mut(&q("v1")) {
            v.depends_on.push(q("v2"));
        }
        let err = Graph::of(&s).creation_order().unwrap_err();
        assert_eq!(
            err,
            // In model order (v2 is declared first).
            vec![
                Node::new(NodeKind::View, &q("v2")),
                Node::new(NodeKind::View, &q("v1"))
            ]
        );
    }

    #[test]
    fn user_types_come_before_their_users() {
        use crate::model::{Attribute, Collation, CompositeType, Domain, Table};
        let mut s = Schema::default();
        let mut pair = CompositeType::default();
        let attr = Attribute {
            data_type: "cents".into(),
            collation: None,
        };
        pair.attributes.insert("a".into(), attr);
        s.types.insert(q("pair"), pair);
        let cents = Domain {
            data_type: "bigint".into(),
            collation: Some("public.bytes".into()),
            ..Domain::default()
        };
        s.domains.insert(q("cents"), cents);
        s.collations.insert(q("bytes"), Collation::default());
        let mut t = Table::default();
        t.columns
            .insert("p".into(), crate::model::Column::of_type("pair[]"));
        s.tables.insert(q("t"), t);
        let order = Graph::of(&s).creation_order().unwrap();
        assert!(pos(&order, NodeKind::Collation, "bytes") < pos(&order, NodeKind::Type, "cents"));
        assert!(pos(&order, NodeKind::Type, "cents") < pos(&order, NodeKind::Type, "pair"));
        assert!(pos(&order, NodeKind::Type, "pair") < pos(&order, NodeKind::Table, "t"));
        let seeds = BTreeSet::from([Node::new(NodeKind::Type, &q("cents"))]);
        let out = Graph::of(&s).dependents(&seeds);
        assert!(out.contains(&Node::new(NodeKind::Table, &q("t"))));
    }
}
