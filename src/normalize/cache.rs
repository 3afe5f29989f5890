//! The normalization cache. Normalizing means running the declared DDL in a scratch database,
//! which dominates the cost of a check; its result depends only on the declared text, the
//! server's major version and pgdrift's own version. Two levels, both JSON files in the cache
//! folder, written only once what they hold was read back from the scratch database:
//!
//! - `normalized-<hash>.json`: the whole normalized project, keyed by the bytes of every declared
//!   file. An unchanged project is not even parsed again.
//! - `objects-<context>.json`: the read-back form of every table and view, each with its own key
//!   (see [`keys`]). After an edit, only the tables and views whose key changed are created in the
//!   scratch database, together with what they need to exist (their dependencies, created but
//!   not read back), and read back; the rest comes from the cache. A new or edited view is
//!   created with every relation its text names (what it reads is known once it exists).
//!   Anything this scheme cannot vouch for (a context change, a failure in the scratch
//!   database) falls back to normalizing the whole project, so a result is never stale.
//!
//! `PGDRIFT_TRACE=1` prints one line per normalization: how many objects were created and read
//! back, and how many came from the cache.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Scratch;
use super::{create_declared, finish, read_back, NormalizeError};
use crate::kinds::function::dependents::Dependent;
use crate::load::Declared;
use crate::model::{Only, QualifiedName, RoutineKey, Schema, Sequence, Table, Trigger, View};

mod keys;
pub mod settle;

use keys::Keys;

/// Prints a `PGDRIFT_TRACE` line on stderr.
pub fn trace(message: &str) {
    if std::env::var_os("PGDRIFT_TRACE").is_some_and(|v| !v.is_empty() && v != "0") {
        eprintln!("pgdrift: {message}");
    }
}

/// schema.yaml and every view and routine file (name and text, in name order), as one byte
/// string. `None` when something cannot be read: the loader then reports it properly.
pub fn project_bytes(schema_file: &Path, views_dir: &Path) -> Option<Vec<u8>> {
    let mut bytes = std::fs::read(schema_file).ok()?;
    if views_dir.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(views_dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "sql"))
            .collect();
        files.sort();
        for f in files {
            bytes.extend_from_slice(b"\0view\0");
            bytes.extend_from_slice(f.file_name()?.to_string_lossy().as_bytes());
            bytes.push(0);
            bytes.extend_from_slice(&std::fs::read(&f).ok()?);
        }
    }
    for f in crate::kinds::function::load::sql_files(schema_file).ok()? {
        bytes.extend_from_slice(b"\0routine\0");
        bytes.extend_from_slice(f.to_string_lossy().as_bytes());
        bytes.push(0);
        bytes.extend_from_slice(&std::fs::read(&f).ok()?);
    }
    Some(bytes)
}

/// Runs CPU-bound work (parsing a large project, reading or writing tens of MB of cache JSON)
/// on a blocking thread, so that a live database read in flight on the async thread meanwhile
/// keeps receiving its rows. `None` when the work panicked.
pub(crate) async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    tokio::task::spawn_blocking(work).await.ok()
}

/// Reads a JSON cache file; a missing, truncated or outdated one is a miss.
fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Best effort, atomically (a reader never sees half a file): a cache that cannot be written
/// only costs time. Streamed to the file: at 20,000 tables the text is ~100 MB, which would
/// otherwise sit in memory next to the model it was made from.
fn write_json<T: Serialize>(path: &Path, value: &T) {
    let Some(dir) = path.parent() else {
        return;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let written = std::fs::File::create(&tmp).ok().and_then(|file| {
        let mut out = std::io::BufWriter::new(file);
        serde_json::to_writer(&mut out, value).ok()?;
        out.flush().ok()
    });
    if written.is_none() || std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// One whole normalized project, keyed by its files' bytes.
#[derive(Clone)]
pub struct Entry {
    path: PathBuf,
    pub major: u32,
}

impl Entry {
    pub fn new(dir: &Path, project: &[u8], major: u32) -> Entry {
        let mut hasher = Sha256::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        hasher.update(major.to_le_bytes());
        hasher.update(project);
        Entry {
            path: dir.join(format!("normalized-{}.json", keys::hex(hasher))),
            major,
        }
    }

    pub fn read(&self) -> Option<Schema> {
        read_json(&self.path)
    }

    pub fn write(&self, schema: &Schema) {
        write_json(&self.path, schema)
    }
}

/// A table as read back from the scratch database, with what introspection files elsewhere in
/// the model: the sequences its columns own (`serial`) and its triggers.
///
/// The table is borrowed from the read-back model while the store is written (`Cow`), so the
/// cache costs no second copy of the model; read from the file it is owned.
#[derive(Serialize, Deserialize)]
struct TableEntry<'a> {
    key: String,
    table: Cow<'a, Table>,
    #[serde(default)]
    sequences: IndexMap<QualifiedName, Sequence>,
    #[serde(default)]
    triggers: IndexMap<String, Trigger>,
    /// What of it calls which routine (the routines' `used_by`): routines are created and read
    /// back on every run, and one created without this relation would not know it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    calls: Vec<(RoutineKey, Dependent)>,
}

/// A view as read back; `view.depends_on` records the relations its key depends on.
#[derive(Serialize, Deserialize)]
struct ViewEntry<'a> {
    /// Its own declaration (see [`Keys::view_declaration`]): when it changes, the relations it
    /// reads are unknown until it is created again (with every relation its text names).
    declaration: String,
    key: String,
    view: Cow<'a, View>,
    #[serde(default)]
    triggers: IndexMap<String, Trigger>,
    /// As [`TableEntry::calls`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    calls: Vec<(RoutineKey, Dependent)>,
}

#[derive(Serialize, Deserialize, Default)]
struct Store<'a> {
    tables: IndexMap<QualifiedName, TableEntry<'a>>,
    views: IndexMap<QualifiedName, ViewEntry<'a>>,
    /// The relations declared when it was written (the entries may hold more: those of
    /// relations declared once): a relation new since then may change what a view's text
    /// resolves to.
    #[serde(default)]
    relations: Vec<QualifiedName>,
}

fn store_path(dir: &Path, keys: &Keys) -> PathBuf {
    dir.join(format!("objects-{}.json", keys.context))
}

/// How a normalization went.
pub enum Outcome {
    /// `partial`: the relations that exist in the scratch database when not every declared
    /// object does (settling a deparse fixpoint needs what the object reads).
    Done {
        schema: Box<Schema>,
        partial: Option<HashSet<QualifiedName>>,
    },
    /// Nothing cached applies (or the cache is off): normalize the whole project, handed back
    /// untouched, with [`normalize_full`], in this scratch database (still empty).
    Full(Box<Declared>),
    /// Creating the changed objects failed: load the project again (the declared model was cut
    /// down to what the merge needs) and normalize all of it, in a fresh scratch database, with
    /// [`normalize_full`] (which reports a real error exactly as without cache).
    Retry,
}

/// Normalizes `declared` in `scratch` (empty) from the per-object cache in `dir`, when it
/// holds enough of the project; [`Outcome::Full`] when it does not (or `dir` is `None`). The
/// whole-project path is the caller's, since it consumes the declared model (see
/// [`normalize_full`]).
///
/// What is stale is decided from the cache's keys alone (its tables' read-back forms are
/// skipped on that first read); the changed objects are then copied out of the declared model,
/// which is cut to what [`finish`] carries before the cached tables are read: at 20,000 tables
/// the whole declared model, the live one being read and the cached one would otherwise all
/// be alive at once.
pub async fn normalize(
    mut declared: Declared,
    scratch: &Scratch,
    dir: Option<&Path>,
) -> Result<Outcome, NormalizeError> {
    super::check_major(&declared, scratch.major)?;
    let Some(dir) = dir else {
        return Ok(Outcome::Full(Box::new(declared)));
    };
    let keys = Keys::new(&declared.schema, scratch.major);
    let path = store_path(dir, &keys);
    let plan = off_thread(move || read_json::<Index>(&path))
        .await
        .flatten()
        .and_then(|index| Plan::new(&keys, index, &declared.schema));
    let Some(plan) = plan else {
        return Ok(Outcome::Full(Box::new(declared)));
    };
    let subset = plan.subset(&mut declared);
    super::keep_for_finish(&mut declared);
    let present = plan.stale.union(&plan.support).cloned().collect();
    match incremental(&declared, subset, scratch, &keys, plan, dir).await {
        Some(schema) => Ok(Outcome::Done {
            schema: Box::new(schema),
            partial: Some(present),
        }),
        None => Ok(Outcome::Retry),
    }
}

/// Normalizes the whole project (on as many connections as [`super::parallel::jobs_for`]
/// allows) and, with a cache folder, records every table and view in the per-object cache.
///
/// It takes the declared model because it is its last user: once the DDL ran, the model is
/// cut down to what [`finish`] carries onto the read-back (see `normalize::form`), so
/// the read-back does not sit next to a whole second model (at 20,000 tables, hundreds of MB).
pub async fn normalize_full(
    mut declared: Declared,
    scratch: &Scratch,
    dir: Option<&Path>,
) -> Result<Schema, NormalizeError> {
    super::check_major(&declared, scratch.major)?;
    // Keyed before anything is created: the keys hash the whole declared model.
    let keys = dir.map(|_| Keys::new(&declared.schema, scratch.major));
    super::create_declared_owned(scratch, &mut declared).await?;
    let n = declared.schema.tables.len() + declared.schema.views.len();
    super::keep_for_finish(&mut declared);
    let raw = read_back(&declared, scratch).await?;
    match dir {
        None => trace(&format!("normalized {n} of {n} objects (cache off)")),
        Some(_) => trace(&format!("normalized {n} of {n} objects (0 cached)")),
    }
    // What the inventory finds in a scratch database cannot be told apart per object.
    if let (Some(dir), Some(keys), true) = (dir, keys, raw.unsupported.is_empty()) {
        let mut store = Store::default();
        let schema = &declared.schema;
        record(
            &mut store,
            &keys,
            &raw,
            schema.tables.keys(),
            schema.views.keys(),
        );
        write_json(&store_path(dir, &keys), &store);
    }
    finish(&declared, scratch, raw).await
}

/// Creates the stale objects (and what they need), reads them back and merges the cached rest
/// (read from the cache only now; see [`normalize`]). `None` when anything fails, or the cache
/// changed since its keys were read: the caller normalizes the whole project instead.
async fn incremental(
    declared: &Declared,
    subset: Declared,
    scratch: &Scratch,
    keys: &Keys,
    mut plan: Plan,
    dir: &Path,
) -> Option<Schema> {
    create_declared(&scratch.client, &subset).await.ok()?;
    let raw = read_back(&subset, scratch).await.ok()?;
    drop(subset);
    if !raw.unsupported.is_empty() {
        return None;
    }
    let path = store_path(dir, keys);
    let bodies = off_thread(move || read_json::<Bodies>(&path))
        .await
        .flatten()?;
    let schema = &declared.schema;
    let mut store = plan.store(bodies, keys, schema)?;
    let merged = merge(raw, &plan.stale, &mut store, schema)?;
    // Every entry now borrows its object from `merged` (the cached ones were moved into it).
    let mut store: Store<'_> = store;
    record(
        &mut store,
        keys,
        &merged,
        schema.tables.keys(),
        schema.views.keys(),
    );
    write_json(&store_path(dir, keys), &store);
    drop(store);
    let normalized = finish(declared, scratch, merged).await.ok()?;
    let n = schema.tables.len() + schema.views.len();
    let fresh = plan.stale.len();
    trace(&format!(
        "normalized {fresh} of {n} objects ({} cached)",
        n - fresh
    ));
    Some(normalized)
}

/// The per-object cache without its tables' read-back forms (serde skips them): enough to
/// decide what is stale.
#[derive(Deserialize)]
struct Index {
    tables: IndexMap<QualifiedName, TableKey>,
    views: IndexMap<QualifiedName, ViewEntry<'static>>,
    #[serde(default)]
    relations: Vec<QualifiedName>,
}

#[derive(Deserialize)]
struct TableKey {
    key: String,
}

/// The per-object cache's tables, read once what is stale was decided.
#[derive(Deserialize)]
struct Bodies {
    tables: IndexMap<QualifiedName, TableEntry<'static>>,
}

/// What an incremental normalization creates.
struct Plan {
    /// Tables and views whose key changed: created and read back.
    stale: HashSet<QualifiedName>,
    /// Relations the stale ones need to exist: created (tables without their foreign keys and
    /// policies, which may need yet other relations), not read back.
    support: HashSet<QualifiedName>,
    /// The cached views (few and small next to the tables), read with the keys.
    views: IndexMap<QualifiedName, ViewEntry<'static>>,
}

impl Plan {
    /// `None` when the whole project must be normalized: a trigger on an undeclared relation,
    /// any rule, or more than half of the objects stale (one full run is then cheaper).
    fn new(keys: &Keys, index: Index, schema: &Schema) -> Option<Plan> {
        // Rules may name any relation: what a stale one needs is not known here.
        if schema.triggers.keys().any(|r| !schema.has_relation(r)) || !schema.rules.is_empty() {
            return None;
        }
        let mut stale: HashSet<QualifiedName> = schema
            .tables
            .keys()
            .filter(|n| index.tables.get(*n).map(|e| e.key.as_str()) != Some(keys.table(n)))
            .cloned()
            .collect();
        let views = index.views;
        let mut memo = HashMap::new();
        for name in schema.views.keys() {
            // A new or edited view: what it reads is unknown until it is created, so it is
            // created with every relation its text names (see `Plan::add_support`).
            let Some(entry) = views
                .get(name)
                .filter(|e| e.declaration == keys.view_declaration(name))
            else {
                stale.insert(name.clone());
                continue;
            };
            let deps = |v: &QualifiedName| views.get(v).map(|e| e.view.depends_on.clone());
            // `None`: it reads a view the cache does not hold (a new one), so it is stale too.
            if view_key(keys, schema, name, &deps, &mut memo).as_deref() != Some(&entry.key) {
                stale.insert(name.clone());
            }
        }
        shadowed(schema, &index.relations, &views, &mut stale);
        let total = schema.tables.len() + schema.views.len();
        if stale.len() * 2 > total {
            return None;
        }
        let mut plan = Plan {
            stale,
            support: HashSet::new(),
            views,
        };
        plan.add_support(keys, schema);
        Some(plan)
    }

    fn add_support(&mut self, keys: &Keys, schema: &Schema) {
        let mut queue: Vec<QualifiedName> = Vec::new();
        for name in &self.stale {
            if let Some(t) = schema.tables.get(name) {
                queue.extend(keys::references(t, &keys.mentions));
                queue.extend(keys::parents(t));
            } else if let Some(v) = schema.views.get(name) {
                let cached = self.views.get(name);
                match cached.filter(|e| e.declaration == keys.view_declaration(name)) {
                    Some(e) => queue.extend(e.view.depends_on.iter().cloned()),
                    // Every relation whose name its text holds: a superset of what it reads.
                    // One left out makes creating the view fail, and the whole project is
                    // normalized instead; the relations it really reads are read back.
                    None => queue.extend(
                        keys.mentions
                            .named_in(&v.definition)
                            .into_iter()
                            .filter(|n| n != name),
                    ),
                }
            }
        }
        // A declared sequence owned by a column needs that column's table.
        queue.extend(schema.sequences.values().filter_map(owner_table));
        // Publications are created again each time (outside tables and views): their tables too.
        queue.extend(crate::kinds::publication::named_tables(schema).cloned());
        while let Some(name) = queue.pop() {
            if self.stale.contains(&name) || !self.support.insert(name.clone()) {
                continue;
            }
            if let Some(t) = schema.tables.get(&name) {
                queue.extend(keys::needed_to_exist(t, &keys.mentions));
            } else if let Some(e) = self.views.get(&name) {
                queue.extend(e.view.depends_on.iter().cloned());
            }
        }
    }

    /// The declared project cut down to what this plan creates. Only what is created is
    /// copied (the relations are set aside while the rest is cloned), and no source positions:
    /// a failure here is never reported, the whole project is normalized again instead.
    fn subset(&self, declared: &mut Declared) -> Declared {
        let keep = |n: &QualifiedName| self.stale.contains(n) || self.support.contains(n);
        let mut schema = declared.schema.clone_only(&Only {
            tables: &keep,
            views: &keep,
            functions: &|_| true,
            triggers: &|n| self.stale.contains(n),
        });
        for name in &self.support {
            if let Some(table) = schema.tables.get_mut(name) {
                table.foreign_keys.clear();
                table.policies.clear();
            }
        }
        let sources = Default::default();
        Declared { schema, sources }
    }

    /// The cache as it is merged: the views read with the keys and the tables read now, which
    /// must still hold what the keys promised (`None`: another run rewrote the cache since).
    fn store(&mut self, bodies: Bodies, keys: &Keys, schema: &Schema) -> Option<Store<'static>> {
        let fresh = schema.tables.keys().filter(|n| !self.stale.contains(*n));
        for name in fresh {
            if bodies.tables.get(name)?.key != keys.table(name) {
                return None;
            }
        }
        Some(Store {
            tables: bodies.tables,
            views: std::mem::take(&mut self.views),
            relations: Vec::new(),
        })
    }
}

/// Adds to `stale` the views whose text names a relation declared since the cache was written
/// (`known`; it may now be what a name resolves to, `search_path` order), and then every view
/// that reads a stale one. A table's key already holds what its column types and policies name.
fn shadowed(
    schema: &Schema,
    known: &[QualifiedName],
    cached: &IndexMap<QualifiedName, ViewEntry<'static>>,
    stale: &mut HashSet<QualifiedName>,
) {
    let known: HashSet<&QualifiedName> = known.iter().collect();
    let relations = schema.tables.keys().chain(schema.views.keys());
    let new: Vec<&str> = relations
        .filter(|n| !known.contains(n))
        .map(|n| n.name.as_str())
        .collect();
    if new.is_empty() {
        return;
    }
    for (name, view) in &schema.views {
        if new.iter().any(|bare| view.definition.contains(bare)) {
            stale.insert(name.clone());
        }
    }
    // What reads a stale view may change with it, though its own key did not.
    loop {
        let reads_stale = |n: &&QualifiedName| {
            !stale.contains(*n)
                && cached
                    .get(*n)
                    .is_some_and(|e| e.view.depends_on.iter().any(|d| stale.contains(d)))
        };
        let more: Vec<QualifiedName> = schema.views.keys().filter(reads_stale).cloned().collect();
        if more.is_empty() {
            return;
        }
        stale.extend(more);
    }
}

/// The key a view has now: from its declaration and the current keys of what it read (`deps`).
/// `None` when a view it reads is not in the cache.
fn view_key(
    keys: &Keys,
    schema: &Schema,
    name: &QualifiedName,
    deps: &dyn Fn(&QualifiedName) -> Option<Vec<QualifiedName>>,
    memo: &mut HashMap<QualifiedName, String>,
) -> Option<String> {
    if let Some(k) = memo.get(name) {
        return Some(k.clone());
    }
    // Mark first: a view never reads itself, so a revisit means a cycle in a stale record.
    memo.insert(name.clone(), "cycle".to_string());
    let mut pairs = Vec::new();
    for dep in deps(name)? {
        let key = if schema.views.contains_key(&dep) && &dep != name {
            view_key(keys, schema, &dep, deps, memo)?
        } else {
            keys.table(&dep).to_string()
        };
        pairs.push((dep, key));
    }
    let key = keys.view_key(name, &pairs);
    memo.insert(name.clone(), key.clone());
    Some(key)
}

/// The table a sequence's `owned_by` names.
fn owner_table(seq: &Sequence) -> Option<QualifiedName> {
    let owner = seq.owned_by.as_deref()?;
    crate::kinds::sequence::ddl::parse_owned_by(owner)
        .ok()
        .map(|(t, _)| t)
}

/// The read-back form of the whole project: the stale objects (and everything outside tables
/// and views) from `raw`, the rest moved out of the cache (whose entries are then hollow until
/// [`record`] points them at the merged model), in introspection's order.
fn merge(
    mut raw: Schema,
    stale: &HashSet<QualifiedName>,
    store: &mut Store<'_>,
    declared: &Schema,
) -> Option<Schema> {
    raw.tables.retain(|n, _| stale.contains(n));
    raw.views.retain(|n, _| stale.contains(n));
    raw.triggers.retain(|n, _| stale.contains(n));
    raw.sequences
        .retain(|_, s| owner_table(s).is_none_or(|t| stale.contains(&t)));
    for name in declared.tables.keys().filter(|n| !stale.contains(*n)) {
        let e = store.tables.get_mut(name)?;
        add_calls(&mut raw, &e.calls);
        raw.tables
            .insert(name.clone(), std::mem::take(&mut e.table).into_owned());
        raw.sequences
            .extend(e.sequences.iter().map(|(k, v)| (k.clone(), v.clone())));
        if !e.triggers.is_empty() {
            raw.triggers.insert(name.clone(), e.triggers.clone());
        }
    }
    for name in declared.views.keys().filter(|n| !stale.contains(*n)) {
        let e = store.views.get_mut(name)?;
        add_calls(&mut raw, &e.calls);
        raw.views
            .insert(name.clone(), std::mem::take(&mut e.view).into_owned());
        if !e.triggers.is_empty() {
            raw.triggers.insert(name.clone(), e.triggers.clone());
        }
    }
    raw.tables.sort_keys();
    raw.views.sort_keys();
    raw.sequences.sort_keys();
    raw.triggers.sort_keys();
    for f in raw.functions.values_mut() {
        // As the catalog reads them (`dependents::parse`).
        f.used_by.sort();
        f.used_by.dedup();
    }
    Some(raw)
}

/// Gives the routines read back now the callers a cached relation recorded.
fn add_calls(raw: &mut Schema, calls: &[(RoutineKey, Dependent)]) {
    for (key, dependent) in calls {
        if let Some(f) = raw.functions.get_mut(key) {
            f.used_by.push(dependent.clone());
        }
    }
}

/// The routines' callers (`used_by`) by the relation they belong to.
fn calls_by_relation(raw: &Schema) -> HashMap<&QualifiedName, Vec<(RoutineKey, Dependent)>> {
    let mut out: HashMap<&QualifiedName, Vec<(RoutineKey, Dependent)>> = HashMap::new();
    for (key, f) in &raw.functions {
        for d in &f.used_by {
            let relation = match d {
                Dependent::View(q)
                | Dependent::Default(q, _)
                | Dependent::Check(q, _)
                | Dependent::Index(q, _)
                | Dependent::Policy(q, _)
                | Dependent::Rule(q, _)
                | Dependent::Generated(q, _)
                | Dependent::Trigger(q, _) => q,
                // Routines are created and read back on every run.
                Dependent::Routine(..) => continue,
            };
            out.entry(relation)
                .or_default()
                .push((key.clone(), d.clone()));
        }
    }
    out
}

/// Stores the read-back form of `tables` and `views` (borrowed from `raw`) under their keys,
/// and their names as the relations declared now.
fn record<'a, 'n>(
    store: &mut Store<'a>,
    keys: &Keys,
    raw: &'a Schema,
    tables: impl Iterator<Item = &'n QualifiedName>,
    views: impl Iterator<Item = &'n QualifiedName>,
) {
    // The sequences each table's columns own, found in one pass (not one pass per table).
    let mut owned: HashMap<QualifiedName, IndexMap<QualifiedName, Sequence>> = HashMap::new();
    for (k, s) in &raw.sequences {
        if let Some(t) = owner_table(s) {
            owned.entry(t).or_default().insert(k.clone(), s.clone());
        }
    }
    let mut calls = calls_by_relation(raw);
    let mut relations = Vec::new();
    for name in tables {
        relations.push(name.clone());
        let Some(table) = raw.tables.get(name) else {
            store.tables.shift_remove(name);
            continue;
        };
        let entry = TableEntry {
            key: keys.table(name).to_string(),
            table: Cow::Borrowed(table),
            sequences: owned.remove(name).unwrap_or_default(),
            triggers: raw.triggers.get(name).cloned().unwrap_or_default(),
            calls: calls.remove(name).unwrap_or_default(),
        };
        store.tables.insert(name.clone(), entry);
    }
    let deps = |v: &QualifiedName| raw.views.get(v).map(|v| v.depends_on.clone());
    let mut memo = HashMap::new();
    for name in views {
        relations.push(name.clone());
        let (Some(view), Some(key)) = (
            raw.views.get(name),
            view_key(keys, raw, name, &deps, &mut memo),
        ) else {
            store.views.shift_remove(name);
            continue;
        };
        let entry = ViewEntry {
            declaration: keys.view_declaration(name),
            key,
            view: Cow::Borrowed(view),
            triggers: raw.triggers.get(name).cloned().unwrap_or_default(),
            calls: calls.remove(name).unwrap_or_default(),
        };
        store.views.insert(name.clone(), entry);
    }
    store.relations = relations;
}
