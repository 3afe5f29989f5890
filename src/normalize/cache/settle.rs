//! The cache of settled deparse fixpoints (see [`crate::normalize::settle_fixpoints`]).
//!
//! A database built by running migrations prints some views, checks, defaults and routine
//! bodies in a form that is not its own deparse fixpoint, so every check would settle them again
//! in a scratch database holding every declared object: a full normalization each time. What
//! settling yields for one object depends only on the declared and the live object, on what the
//! object reads in the scratch database (a view's relations, a table's own columns, the types
//! and routines of the project), on the server major and on pgdrift's version; that is the key.
//! Entries live in `settled-<major>.json` in the cache folder; only objects whose texts differ
//! are looked up, and only the texts settling may change are taken from an entry.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::keys::hex;
use super::{read_json, trace, write_json};
use crate::kinds::function::{RoutineKey, RoutineKind};
use crate::model::{Only, QualifiedName, Schema, Table};
use crate::normalize::{settle_fixpoints, Scratch};

const MAX_ENTRIES: usize = 50_000;

/// An object whose declared and live texts differ.
#[derive(Clone)]
enum Object {
    View(QualifiedName),
    /// Its checks, defaults and indexes.
    Table(QualifiedName),
    Function(RoutineKey),
    /// The triggers of one relation.
    Triggers(QualifiedName),
}

/// An object's settled texts on both sides.
#[derive(Serialize, Deserialize, Clone)]
enum Settled {
    View(String, String),
    Table(Box<Table>, Box<Table>),
    Function(String, String),
    Triggers(IndexMap<String, String>, IndexMap<String, String>),
}

/// The settling a comparison needs: which objects, which of them are cached.
pub struct Settle {
    path: Option<PathBuf>,
    store: HashMap<String, Settled>,
    items: Vec<(Object, String)>,
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

/// [`json`] streamed into the hash: the text of a whole model is tens of MB.
fn hash_json<T: Serialize>(h: &mut Sha256, value: &T) {
    // Cannot fail (no non-string map keys, a hasher never refuses bytes).
    let _ = serde_json::to_writer(h, value);
}

impl Settle {
    /// `dir`: the cache folder (`None`: no cache, everything is settled again).
    pub fn new(dir: Option<&Path>, major: u32, declared: &mut Schema, live: &Schema) -> Settle {
        let path = dir.map(|d| d.join(format!("settled-{major}.json")));
        let store = path.as_deref().and_then(read_json).unwrap_or_default();
        let cx = Context::new(major, declared);
        let items = differing(declared, live)
            .into_iter()
            .map(|o| {
                let key = cx.key(&o, declared, live);
                (o, key)
            })
            .collect();
        Settle { path, store, items }
    }

    /// Whether some object must be settled in the scratch database.
    pub fn misses(&self) -> bool {
        self.path.is_none() || self.items.iter().any(|(_, k)| !self.store.contains_key(k))
    }

    /// Whether a scratch database holding only the relations `present` (and every type and
    /// routine) settles the missing objects exactly as one holding every declared object: each
    /// probe needs what it reads (a view probe, what the declared and the live view read; a
    /// check, default or index probe, its table).
    pub fn can_run_with(&self, present: &HashSet<QualifiedName>, d: &Schema, l: &Schema) -> bool {
        let reads = |s: &Schema, n: &QualifiedName| {
            s.views
                .get(n)
                .map(|v| v.depends_on.clone())
                .unwrap_or_default()
        };
        let missing = self
            .items
            .iter()
            .filter(|(_, k)| !self.store.contains_key(k));
        missing.into_iter().all(|(o, _)| match o {
            Object::View(n) => reads(d, n)
                .iter()
                .chain(reads(l, n).iter())
                .all(|r| present.contains(r)),
            Object::Table(n) => present.contains(n),
            // A trigger probe replaces the declared trigger, which a relation created only for
            // its dependents lacks; a routine body may read anything.
            Object::Function(_) | Object::Triggers(_) => false,
        })
    }

    /// Settles both sides: cached objects from the cache, the others in `scratch` (required
    /// when [`Settle::misses`]), which are then cached.
    pub async fn run(
        mut self,
        scratch: Option<&Scratch>,
        declared: &mut Schema,
        live: &mut Schema,
    ) {
        let Some(path) = self.path.clone() else {
            if let Some(scratch) = scratch {
                settle_fixpoints(scratch, declared, live).await;
            }
            return;
        };
        let (hits, misses): (Vec<_>, Vec<_>) = std::mem::take(&mut self.items)
            .into_iter()
            .partition(|(_, k)| self.store.contains_key(k));
        for (object, key) in &hits {
            if let Some(s) = self.store.get(key) {
                apply(object, s, declared, live);
            }
        }
        trace(&format!(
            "settled {} deparse fixpoints ({} cached)",
            misses.len(),
            hits.len()
        ));
        let (Some(scratch), false) = (scratch, misses.is_empty()) else {
            return;
        };
        // Bounded: when it has grown large, only what this comparison used is kept.
        if self.store.len() > MAX_ENTRIES {
            let used: HashSet<&String> = hits.iter().map(|(_, k)| k).collect();
            self.store.retain(|k, _| used.contains(k));
        }
        let objects: Vec<Object> = misses.iter().map(|(o, _)| o.clone()).collect();
        let mut d = only(declared, &objects);
        let mut l = only(live, &objects);
        settle_fixpoints(scratch, &mut d, &mut l).await;
        for (object, key) in misses {
            let settled = extract(&object, &d, &l);
            if let Some(s) = &settled {
                apply(&object, s, declared, live);
                self.store.insert(key, s.clone());
            }
        }
        write_json(&path, &self.store);
    }
}

/// The objects whose texts settling would compare (the same tests as `settle_fixpoints`).
fn differing(declared: &Schema, live: &Schema) -> Vec<Object> {
    let mut out = Vec::new();
    for (name, d) in &declared.views {
        if let Some(l) = live.views.get(name) {
            if d.definition != l.definition && d.materialized == l.materialized {
                out.push(Object::View(name.clone()));
            }
        }
    }
    for (name, d) in &declared.tables {
        let Some(l) = live.tables.get(name) else {
            continue;
        };
        let checks = d.checks.iter().any(|(k, c)| {
            l.checks
                .get(k)
                .is_some_and(|x| x.expression != c.expression)
        });
        let defaults = d.columns.iter().any(|(k, c)| {
            l.columns.get(k).is_some_and(|x| {
                x.default.is_some() && c.default.is_some() && x.default != c.default
            })
        });
        let indexes = d
            .indexes
            .iter()
            .any(|(k, i)| l.indexes.get(k).is_some_and(|x| x != i));
        if checks || defaults || indexes {
            out.push(Object::Table(name.clone()));
        }
    }
    for (key, d) in &declared.functions {
        if let Some(l) = live.functions.get(key) {
            if d.definition != l.definition && d.kind != RoutineKind::Aggregate && d.kind == l.kind
            {
                out.push(Object::Function(key.clone()));
            }
        }
    }
    for (name, d) in &declared.triggers {
        let Some(l) = live.triggers.get(name) else {
            continue;
        };
        let differs = d.iter().any(|(t, x)| {
            l.get(t).is_some_and(|y| {
                x.definition != y.definition && !x.is_constraint() && !y.is_constraint()
            })
        });
        if differs {
            out.push(Object::Triggers(name.clone()));
        }
    }
    out
}

/// What every key shares: the version, the major, and the declared types and routines.
struct Context {
    common: Vec<u8>,
    /// The whole declared schema, for routines (a `BEGIN ATOMIC` body reads tables).
    whole: Vec<u8>,
}

impl Context {
    /// Hashes without copying the model (at 20,000 tables a copy is hundreds of MB): the
    /// tables, views and triggers are set aside while the rest, and their names, are hashed.
    fn new(major: u32, declared: &mut Schema) -> Context {
        let tables = std::mem::take(&mut declared.tables);
        let views = std::mem::take(&mut declared.views);
        let triggers = std::mem::take(&mut declared.triggers);
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(major.to_le_bytes());
        let names = (
            tables.keys().collect::<Vec<_>>(),
            views.keys().collect::<Vec<_>>(),
        );
        hash_json(&mut h, &(&*declared, names));
        let common = hex(h).into_bytes();
        (declared.tables, declared.views, declared.triggers) = (tables, views, triggers);
        let mut h = Sha256::new();
        h.update(&common);
        hash_json(&mut h, &*declared);
        Context {
            whole: hex(h).into_bytes(),
            common,
        }
    }

    fn key(&self, object: &Object, declared: &Schema, live: &Schema) -> String {
        let mut h = Sha256::new();
        match object {
            Object::View(n) => {
                h.update(&self.common);
                h.update(json(&("view", n, declared.views.get(n), live.views.get(n))));
                // What the declared view reads is what its probes read in the scratch database.
                for dep in declared.views.get(n).map_or(&[][..], |v| &v.depends_on[..]) {
                    h.update(json(&(
                        dep,
                        declared.tables.get(dep),
                        declared.views.get(dep),
                    )));
                }
            }
            Object::Table(n) => {
                h.update(&self.common);
                h.update(json(&(
                    "table",
                    n,
                    declared.tables.get(n),
                    live.tables.get(n),
                )));
            }
            Object::Function(k) => {
                h.update(&self.whole);
                let pair = (declared.functions.get(k), live.functions.get(k));
                h.update(json(&("function", k, pair)));
            }
            Object::Triggers(n) => {
                h.update(&self.common);
                h.update(json(&("triggers", n, declared.triggers.get(n))));
                h.update(json(&(live.triggers.get(n), declared.tables.get(n))));
            }
        }
        hex(h)
    }
}

/// `schema` with only the given objects among views, tables, routines and triggers.
fn only(schema: &mut Schema, objects: &[Object]) -> Schema {
    let has = |f: &dyn Fn(&Object) -> bool| objects.iter().any(f);
    schema.clone_only(&Only {
        tables: &|n| has(&|o| matches!(o, Object::Table(x) if x == n)),
        views: &|n| has(&|o| matches!(o, Object::View(x) if x == n)),
        functions: &|k| has(&|o| matches!(o, Object::Function(x) if x == k)),
        triggers: &|n| has(&|o| matches!(o, Object::Triggers(x) if x == n)),
    })
}

fn trigger_texts(schema: &Schema, n: &QualifiedName) -> IndexMap<String, String> {
    let triggers = schema.triggers.get(n).into_iter().flatten();
    triggers
        .map(|(k, t)| (k.clone(), t.definition.clone()))
        .collect()
}

/// The settled texts of one object, read from the two settled sides.
fn extract(object: &Object, d: &Schema, l: &Schema) -> Option<Settled> {
    Some(match object {
        Object::View(n) => Settled::View(
            d.views.get(n)?.definition.clone(),
            l.views.get(n)?.definition.clone(),
        ),
        Object::Table(n) => Settled::Table(
            Box::new(d.tables.get(n)?.clone()),
            Box::new(l.tables.get(n)?.clone()),
        ),
        Object::Function(k) => Settled::Function(
            d.functions.get(k)?.definition.clone(),
            l.functions.get(k)?.definition.clone(),
        ),
        Object::Triggers(n) => Settled::Triggers(trigger_texts(d, n), trigger_texts(l, n)),
    })
}

/// Puts settled texts onto both sides (only what settling may change).
fn apply(object: &Object, settled: &Settled, declared: &mut Schema, live: &mut Schema) {
    match (object, settled) {
        (Object::View(n), Settled::View(d, l)) => {
            for (side, text) in [(&mut *declared, d), (&mut *live, l)] {
                if let Some(v) = side.views.get_mut(n) {
                    v.definition = text.clone();
                }
            }
        }
        (Object::Table(n), Settled::Table(d, l)) => {
            for (side, from) in [(&mut *declared, d), (&mut *live, l)] {
                if let Some(t) = side.tables.get_mut(n) {
                    settled_table_texts(t, from);
                }
            }
        }
        (Object::Function(k), Settled::Function(d, l)) => {
            for (side, text) in [(&mut *declared, d), (&mut *live, l)] {
                if let Some(f) = side.functions.get_mut(k) {
                    f.definition = text.clone();
                }
            }
        }
        (Object::Triggers(n), Settled::Triggers(d, l)) => {
            for (side, texts) in [(&mut *declared, d), (&mut *live, l)] {
                for (name, text) in texts {
                    if let Some(t) = side.triggers.get_mut(n).and_then(|t| t.get_mut(name)) {
                        t.definition = text.clone();
                    }
                }
            }
        }
        _ => {}
    }
}

/// Check expressions, defaults and index texts of `from` onto `table`.
fn settled_table_texts(table: &mut Table, from: &Table) {
    for (k, c) in table.checks.iter_mut() {
        if let Some(x) = from.checks.get(k) {
            c.expression = x.expression.clone();
        }
    }
    for (k, c) in table.columns.iter_mut() {
        if let Some(x) = from.columns.get(k) {
            c.default = x.default.clone();
        }
    }
    for (k, i) in table.indexes.iter_mut() {
        if let Some(x) = from.indexes.get(k) {
            i.columns = x.columns.clone();
            i.include = x.include.clone();
            i.predicate = x.predicate.clone();
        }
    }
}
