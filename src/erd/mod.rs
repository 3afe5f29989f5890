//! `pgdrift erd`: an entity-relationship diagram of a schema from any source, as Mermaid
//! `erDiagram` (renders in GitHub Markdown) or Graphviz DOT.
//!
//! [`Diagram::of`] selects what to draw (tables matching `--tables` globs, or the neighbourhood
//! of `--around TABLE` up to `--depth N` foreign-key hops; views with edges to what they read
//! when asked) in a deterministic order (tables by schema and name); `mermaid` and `dot` render it.

pub mod cli;
pub mod dot;
pub mod mermaid;

use std::collections::{BTreeMap, BTreeSet};

use crate::diff::glob_match;
use crate::model::{QualifiedName, Schema, Table};

/// What to draw.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Globs on the tables' display names (`gene*`, `audit.*`); empty = every table.
    pub tables: Vec<String>,
    /// Only this table and those within `depth` foreign-key hops of it.
    pub around: Option<QualifiedName>,
    pub depth: usize,
    /// Every column, not only key columns.
    pub all_columns: bool,
    /// Views, with an edge to each relation they read (known for databases and snapshots).
    pub views: bool,
}

/// A column as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    pub name: String,
    pub data_type: String,
    pub pk: bool,
    pub fk: bool,
    pub unique: bool,
    pub nullable: bool,
}

/// A foreign key as drawn: from the referencing table to the referenced one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: QualifiedName,
    pub to: QualifiedName,
    pub name: String,
    /// Every FK column is NOT NULL: each row has exactly one parent.
    pub required: bool,
    /// The FK columns are unique (primary key or unique constraint): one-to-one.
    pub one_to_one: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Diagram {
    pub tables: BTreeMap<QualifiedName, Vec<Attr>>,
    pub views: BTreeMap<QualifiedName, Vec<QualifiedName>>,
    pub edges: Vec<Edge>,
}

impl Diagram {
    pub fn of(schema: &Schema, sel: &Selection) -> Diagram {
        let chosen = chosen_tables(schema, sel);
        let mut d = Diagram::default();
        for q in &chosen {
            if let Some(t) = schema.tables.get(q) {
                d.tables.insert(q.clone(), attrs(t, sel.all_columns));
                d.edges
                    .extend(edges_of(q, t).filter(|e| chosen.contains(&e.to)));
            }
        }
        d.edges
            .sort_by(|a, b| (&a.from, &a.to, &a.name).cmp(&(&b.from, &b.to, &b.name)));
        if sel.views {
            for (vq, v) in &schema.views {
                let reads: Vec<QualifiedName> = v
                    .depends_on
                    .iter()
                    .filter(|r| chosen.contains(*r) || schema.views.contains_key(*r))
                    .cloned()
                    .collect();
                let wanted = sel.tables.is_empty() && sel.around.is_none() || !reads.is_empty();
                if wanted {
                    d.views.insert(vq.clone(), reads);
                }
            }
        }
        d
    }
}

fn chosen_tables(schema: &Schema, sel: &Selection) -> BTreeSet<QualifiedName> {
    let mut chosen: BTreeSet<QualifiedName> = schema
        .tables
        .keys()
        .filter(|q| {
            sel.tables.is_empty() || sel.tables.iter().any(|g| glob_match(g, &q.display_name()))
        })
        .cloned()
        .collect();
    if let Some(center) = &sel.around {
        chosen = neighbourhood(schema, center, sel.depth)
            .into_iter()
            .filter(|q| chosen.contains(q))
            .collect();
    }
    chosen
}

/// `center` and every table within `depth` foreign-key hops, in either direction.
fn neighbourhood(schema: &Schema, center: &QualifiedName, depth: usize) -> BTreeSet<QualifiedName> {
    let mut near: BTreeMap<&QualifiedName, BTreeSet<&QualifiedName>> = BTreeMap::new();
    for (q, t) in &schema.tables {
        for fk in t.foreign_keys.values() {
            near.entry(q).or_default().insert(&fk.references.table);
            near.entry(&fk.references.table).or_default().insert(q);
        }
    }
    let mut seen: BTreeSet<QualifiedName> = BTreeSet::new();
    if !schema.tables.contains_key(center) {
        return seen;
    }
    seen.insert(center.clone());
    let mut frontier = vec![center.clone()];
    for _ in 0..depth {
        let mut next = Vec::new();
        for q in &frontier {
            for n in near.get(q).into_iter().flatten() {
                if seen.insert((*n).clone()) {
                    next.push((*n).clone());
                }
            }
        }
        frontier = next;
    }
    seen
}

fn attrs(t: &Table, all: bool) -> Vec<Attr> {
    let pk: BTreeSet<&String> = t.primary_key.iter().flat_map(|p| &p.columns).collect();
    let fk: BTreeSet<&String> = t.foreign_keys.values().flat_map(|f| &f.columns).collect();
    let single_unique: BTreeSet<&String> = t
        .unique
        .values()
        .filter(|u| u.columns.len() == 1)
        .flat_map(|u| &u.columns)
        .collect();
    t.columns
        .iter()
        .map(|(name, c)| Attr {
            name: name.clone(),
            data_type: c.data_type.clone(),
            pk: pk.contains(name),
            fk: fk.contains(name),
            unique: single_unique.contains(name),
            nullable: c.nullable,
        })
        .filter(|a| all || a.pk || a.fk)
        .collect()
}

fn edges_of<'a>(q: &'a QualifiedName, t: &'a Table) -> impl Iterator<Item = Edge> + 'a {
    t.foreign_keys.iter().map(move |(name, fk)| {
        let same = |cols: &[String]| {
            let mut a = cols.to_vec();
            let mut b = fk.columns.clone();
            a.sort();
            b.sort();
            a == b
        };
        let one_to_one = t.primary_key.as_ref().is_some_and(|p| same(&p.columns))
            || t.unique.values().any(|u| same(&u.columns));
        Edge {
            from: q.clone(),
            to: fk.references.table.clone(),
            name: name.clone(),
            required: fk
                .columns
                .iter()
                .all(|c| t.columns.get(c).is_some_and(|col| !col.nullable)),
            one_to_one,
        }
    })
}

/// Maps names to identifiers a diagram language accepts: ASCII letters, digits and `_`,
/// starting with a letter or `_`; a clash gets a numeric suffix. Deterministic for a given
/// input order.
#[derive(Debug, Default)]
pub struct Ids {
    given: BTreeMap<String, String>,
    used: BTreeSet<String>,
}

impl Ids {
    pub fn id(&mut self, name: &str) -> String {
        if let Some(id) = self.given.get(name) {
            return id.clone();
        }
        let base = sanitize(name);
        let mut id = base.clone();
        let mut n = 2;
        while self.used.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        self.given.insert(name.to_string(), id.clone());
        id
    }
}

/// `audit.Events` -> `audit__Events`, `Größe` -> `Gr_e`, `1st` -> `_1st`, `text[]` -> `text_array`.
pub fn sanitize(name: &str) -> String {
    let name = name.replace("[]", " array").replace('.', "__");
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let trimmed = out.trim_end_matches('_');
    let out = if trimmed.is_empty() { "_" } else { trimmed };
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{out}")
    } else {
        out.to_string()
    }
}

/// A table's key in the diagram: its display name (`genes`, `audit.events`).
pub fn label(q: &QualifiedName) -> String {
    q.display_name()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_safe_and_unique() {
        assert_eq!(sanitize("genes"), "genes");
        assert_eq!(sanitize("audit.events"), "audit__events");
        assert_eq!(sanitize("Gene \"Table\""), "Gene_Table");
        assert_eq!(sanitize("1st"), "_1st");
        assert_eq!(
            sanitize("timestamp with time zone"),
            "timestamp_with_time_zone"
        );
        assert_eq!(
            sanitize("character varying(50)[]"),
            "character_varying_50_array"
        );
        assert_eq!(sanitize("Größe"), "Gr_e");
        let mut ids = Ids::default();
        assert_eq!(ids.id("a b"), "a_b");
        assert_eq!(ids.id("a_b"), "a_b_2");
        assert_eq!(ids.id("a b"), "a_b");
    }
}
