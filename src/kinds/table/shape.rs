//! A table's shape: partitioning (`PARTITION BY`, `PARTITION OF … FOR VALUES`), inheritance
//! (`INHERITS`), persistence (`UNLOGGED`) and storage parameters (`WITH (…)`).
//!
//! Declared on the table in schema.yaml:
//!
//! ```yaml
//! events:        {partition_by: "RANGE (at)", columns: {at: date}}
//! events_2024:   {partition_of: events, bounds: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"}
//! events_other:  {partition_of: events, bounds: DEFAULT}
//! cities_capital: {inherits: [cities], columns: {state: text}}
//! scratch:       {unlogged: true, with: {fillfactor: 70}, columns: {…}}
//! ```
//!
//! A partition declares no columns (its parent's are its own), and the keys, checks and indexes
//! a parent propagates are not repeated on its partitions; an inheritance child declares only
//! its own columns. Introspection reads the same way (`attislocal`, `conislocal`,
//! `relispartition`), so nothing is reported twice.
//!
//! Diff: category `partition` for `partition_by`, `partition_of`, `bounds` and `inherits`
//! (error: they decide where rows go and what a query on the parent sees); category `storage`
//! for `unlogged` and `with` (warning). Plan: a new bound or parent is `DETACH PARTITION` then
//! `ATTACH PARTITION` (long lock: ATTACH scans the table to check the bound, and the default
//! partition too), `INHERIT`/`NO INHERIT`, `SET LOGGED`/`SET UNLOGGED` (rewrite),
//! `SET (…)`/`RESET (…)`. A changed `PARTITION BY` cannot be altered: it is a warning.

use std::collections::HashMap;
use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::ddl::{alter_table, quote_dotted};
use crate::diff::{differs, Category, Change, ObjectKind, ObjectRef, Severity};
use crate::kinds::policy::diff::live_table;
use crate::model::{quote_literal, QualifiedName, Schema, Table};
use crate::plan::{Builder, Hazard};

/// `on`/`yes`/`true` and `off`/`no`/`false` are one value each for PostgreSQL's boolean options.
fn canonical_value(v: &str) -> String {
    match v.to_ascii_lowercase().as_str() {
        "on" | "yes" | "true" => "true".to_string(),
        "off" | "no" | "false" => "false".to_string(),
        _ => v.to_string(),
    }
}

/// `reloptions` (`{fillfactor=70, toast.autovacuum_enabled=false}`) as a map, in the stored
/// order and spelling (what pg_dump prints); compared with [`same_options`].
pub fn options_from_catalog(raw: Option<Vec<String>>) -> IndexMap<String, String> {
    raw.unwrap_or_default()
        .into_iter()
        .map(|o| match o.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (o, "true".to_string()),
        })
        .collect()
}

/// Options as PostgreSQL means them: any order, `off` = `false`.
fn canonical(options: &IndexMap<String, String>) -> std::collections::BTreeMap<String, String> {
    options
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), canonical_value(v)))
        .collect()
}

/// Equal as PostgreSQL means them (order and boolean spelling aside).
pub fn same_options(a: &IndexMap<String, String>, b: &IndexMap<String, String>) -> bool {
    canonical(a) == canonical(b)
}

/// The inside of `WITH (…)` / `SET (…)`: `fillfactor = '70', "toast"."autovacuum_enabled" = 'false'`.
pub fn options_sql(options: &IndexMap<String, String>) -> String {
    options
        .iter()
        .map(|(k, v)| format!("{} = {}", quote_dotted(k), quote_literal(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// ` WITH (…)` or nothing.
pub fn with_clause(options: &IndexMap<String, String>) -> String {
    if options.is_empty() {
        String::new()
    } else {
        format!(" WITH ({})", options_sql(options))
    }
}

/// `SET (…)` for options added or changed, `RESET (…)` for options removed: the tail of an
/// `ALTER TABLE/INDEX/VIEW …`, at most two of them.
pub fn set_reset(
    declared: &IndexMap<String, String>,
    live: &IndexMap<String, String>,
) -> Vec<String> {
    let (d, l) = (canonical(declared), canonical(live));
    let mut set = IndexMap::new();
    for (k, v) in declared {
        let key = k.to_ascii_lowercase();
        if l.get(&key) != d.get(&key) {
            set.insert(k.clone(), v.clone());
        }
    }
    let reset: Vec<String> = live
        .keys()
        .filter(|k| !d.contains_key(&k.to_ascii_lowercase()))
        .map(|k| quote_dotted(k))
        .collect();
    let mut out = Vec::new();
    if !set.is_empty() {
        out.push(format!("SET ({})", options_sql(&set)));
    }
    if !reset.is_empty() {
        out.push(format!("RESET ({})", reset.join(", ")));
    }
    out
}

/// `fillfactor=70, security_barrier=true` for reports (sorted, booleans spelled one way).
pub fn options_text(options: &IndexMap<String, String>) -> String {
    if options.is_empty() {
        return "(none)".to_string();
    }
    let v: Vec<String> = canonical(options)
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    v.join(", ")
}

/// Reads `with: {fillfactor: 70, autovacuum_enabled: false}`: values may be numbers, booleans or
/// strings, kept as written.
pub fn options_map<'de, D: Deserializer<'de>>(d: D) -> Result<IndexMap<String, String>, D::Error> {
    struct OptionsVisitor;
    impl<'de> Visitor<'de> for OptionsVisitor {
        type Value = IndexMap<String, String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map of storage parameters, e.g. `{fillfactor: 70}`")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = IndexMap::new();
            while let Some(k) = map.next_key::<String>()? {
                let v = map
                    .next_value_seed(ScalarSeed)?
                    .ok_or_else(|| de::Error::custom(format!("option `{k}` has no value")))?;
                out.insert(k, v);
            }
            Ok(out)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(IndexMap::new())
        }
    }
    d.deserialize_any(OptionsVisitor)
}

struct ScalarSeed;
impl<'de> de::DeserializeSeed<'de> for ScalarSeed {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        crate::model::sql_scalar_opt(d)
    }
}

/// The tables of `schema` in groups that must be built on one connection, each in
/// [`parents_first`] order: a partition or inheritance child with its parents, a table with the
/// tables whose row type it uses (PostgreSQL also recurses from a parent into its partitions
/// when an index or key is added). Unrelated groups can be created concurrently. Groups come in
/// the order of their first table. `linked` adds links of the caller's (e.g. foreign keys, so
/// that no two groups lock the same table).
pub fn families(
    schema: &Schema,
    linked: impl Fn(&Table) -> Vec<QualifiedName>,
) -> Vec<Vec<QualifiedName>> {
    let mut names: Vec<QualifiedName> = schema.tables.keys().cloned().collect();
    parents_first(schema, &mut names);
    let row_types: HashMap<String, &QualifiedName> = schema
        .tables
        .keys()
        .map(|q| (q.type_spelling(), q))
        .collect();
    // Union-find over the prerequisite links, the root being the earliest member.
    let index: HashMap<&QualifiedName, usize> =
        names.iter().enumerate().map(|(i, n)| (n, i)).collect();
    let mut root: Vec<usize> = (0..names.len()).collect();
    fn find(root: &mut [usize], mut i: usize) -> usize {
        while root[i] != i {
            root[i] = root[root[i]];
            i = root[i];
        }
        i
    }
    for (i, name) in names.iter().enumerate() {
        let Some(table) = schema.tables.get(name) else {
            continue;
        };
        for p in prerequisites(table, &row_types)
            .into_iter()
            .chain(linked(table))
        {
            if let Some(&j) = index.get(&p) {
                let (a, b) = (find(&mut root, i), find(&mut root, j));
                root[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: Vec<Vec<QualifiedName>> = Vec::new();
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        let r = find(&mut root, i);
        let g = *group_of.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(name.clone());
    }
    groups
}

/// The tables `table` hangs from in `schema`: its partition parent and inheritance parents.
pub fn parents(table: &Table) -> impl Iterator<Item = &QualifiedName> {
    table.partition_of.iter().chain(table.inherits.iter())
}

/// The tables that must exist before `table`: its parents, and the tables whose row type one of
/// its columns has (`home address`, `previous address[]`). `row_types` maps a table's type
/// spelling to its name.
fn prerequisites(table: &Table, row_types: &HashMap<String, &QualifiedName>) -> Vec<QualifiedName> {
    let mut out: Vec<QualifiedName> = parents(table).cloned().collect();
    for col in table.columns.values() {
        let base = col.data_type.trim_end_matches("[]");
        out.extend(row_types.get(base).map(|q| (*q).clone()));
    }
    out
}

/// How many tables must be created before this one within `schema` (0 for a root), following
/// [`prerequisites`]; cycles stop at the depth of the schema size.
fn depth(
    schema: &Schema,
    row_types: &HashMap<String, &QualifiedName>,
    name: &QualifiedName,
) -> usize {
    let mut d = 0;
    let mut frontier = vec![name.clone()];
    while d < schema.tables.len() {
        let next: Vec<QualifiedName> = frontier
            .iter()
            .filter_map(|n| schema.tables.get(n))
            .flat_map(|t| prerequisites(t, row_types))
            .filter(|p| schema.tables.contains_key(p))
            .collect();
        if next.is_empty() {
            break;
        }
        d += 1;
        frontier = next;
    }
    d
}

/// `names` with parents before children (stable otherwise).
pub fn parents_first(schema: &Schema, names: &mut [QualifiedName]) {
    let row_types: HashMap<String, &QualifiedName> = schema
        .tables
        .keys()
        .map(|q| (q.type_spelling(), q))
        .collect();
    names.sort_by_cached_key(|n| depth(schema, &row_types, n));
}

// ---------------------------------------------------------------------------------------------
// Diff

fn opt_text(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "(none)".to_string())
}

fn parent_text(v: &Option<QualifiedName>) -> String {
    v.as_ref()
        .map(|q| q.display_name())
        .unwrap_or_else(|| "(not a partition)".to_string())
}

fn names_text(v: &[QualifiedName]) -> String {
    if v.is_empty() {
        return "(none)".to_string();
    }
    v.iter()
        .map(|q| q.display_name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// True when a table's columns belong to its partition parent on either side, so the columns
/// are not compared one by one (a partition declares none).
pub fn columns_from_parent(d: &Table, l: &Table) -> bool {
    d.partition_of.is_some() || l.partition_of.is_some()
}

/// True when the table is a partition on one side only: ATTACH/DETACH changes its members
/// (local columns, keys and indexes become inherited, or the other way round).
pub fn partition_switch(d: &Table, l: &Table) -> bool {
    d.partition_of.is_some() != l.partition_of.is_some()
}

/// The shape changes of one table both sides have.
pub(crate) fn diff_shape(name: &QualifiedName, d: &Table, l: &Table, out: &mut Vec<Change>) {
    let obj = || ObjectRef::top(ObjectKind::Table, name);
    let mut push = |cat: Category, sev: Severity, what: &str, dv: String, lv: String| {
        if dv != lv {
            let c = Change::new(cat, sev, obj(), differs(what, &dv, &lv));
            out.push(c.values(Some(dv), Some(lv)));
        }
    };
    let p = Category::Partition;
    push(
        p,
        Severity::Error,
        "PARTITION BY",
        opt_text(&d.partition_by),
        opt_text(&l.partition_by),
    );
    push(
        p,
        Severity::Error,
        "partition of",
        parent_text(&d.partition_of),
        parent_text(&l.partition_of),
    );
    if d.partition_of == l.partition_of {
        push(
            p,
            Severity::Error,
            "partition bound",
            opt_text(&d.bounds),
            opt_text(&l.bounds),
        );
    }
    push(
        p,
        Severity::Error,
        "INHERITS",
        names_text(&d.inherits),
        names_text(&l.inherits),
    );
    let logged = |u: bool| if u { "UNLOGGED" } else { "logged" }.to_string();
    let s = Category::Storage;
    push(
        s,
        Severity::Warning,
        "persistence",
        logged(d.unlogged),
        logged(l.unlogged),
    );
    if !same_options(&d.with, &l.with) {
        let (dw, lw) = (options_text(&d.with), options_text(&l.with));
        push(s, Severity::Warning, "storage parameters", dw, lw);
    }
}

// ---------------------------------------------------------------------------------------------
// Plan

/// `ALTER TABLE parent ATTACH PARTITION t FOR VALUES …`.
pub fn attach_partition(parent: &QualifiedName, t: &QualifiedName, bounds: &str) -> String {
    format!(
        "{} ATTACH PARTITION {} {}",
        alter_table(parent),
        t.sql(),
        bounds
    )
}

pub fn detach_partition(parent: &QualifiedName, t: &QualifiedName) -> String {
    format!("{} DETACH PARTITION {}", alter_table(parent), t.sql())
}

/// Whether `parent` has a default partition in `schema` (other than `except`): attaching or
/// creating a partition then scans it too.
fn has_default_partition(schema: &Schema, parent: &QualifiedName, except: &QualifiedName) -> bool {
    schema.tables.iter().any(|(n, t)| {
        n != except
            && t.partition_of.as_ref() == Some(parent)
            && t.bounds
                .as_deref()
                .is_some_and(|b| b.eq_ignore_ascii_case("default"))
    })
}

/// Hazards of creating partition `t` of `table.partition_of` in the live database: a long lock
/// when the parent's default partition must be scanned.
pub fn create_hazards(live: &Schema, t: &QualifiedName, table: &Table) -> Vec<Hazard> {
    match &table.partition_of {
        Some(p) if has_default_partition(live, p, t) => vec![Hazard::LongLock],
        _ => Vec::new(),
    }
}

/// The shape steps for every declared table that both sides have and whose shape differs, in
/// declared order (parents first): detach, attach, inheritance, options; then persistence (see
/// `persistence`). A changed `PARTITION BY` is left as a warning.
pub(crate) fn plan(
    declared: &Schema,
    live: &Schema,
    live_major: Option<u32>,
    warnings: &mut Vec<String>,
    b: &mut Builder,
) {
    let mut names: Vec<QualifiedName> = declared.tables.keys().cloned().collect();
    parents_first(declared, &mut names);
    for name in &names {
        let Some(d) = declared.tables.get(name) else {
            continue;
        };
        let l = live_table(name, d, live);
        let reset = StorageReset {
            major: live_major,
            blocked: l.is_some_and(|l| !l.policies.is_empty()) || read_by_view(live, name, d),
        };
        for (sql, hazards) in column_storage(name, d, l, reset, warnings) {
            let why = format!(
                "table {}: column storage or compression differs",
                name.display_name()
            );
            b.push(sql, &why, Category::Storage, &hazards);
        }
        let Some(l) = l else { continue };
        let why = |what: &str| format!("table {}: {what}", name.display_name());
        if d.partition_by != l.partition_by {
            warnings.push(format!(
                "table {}: PARTITION BY cannot be altered ({} declared, {} in the database); rebuild the table by hand",
                name.display_name(), opt_text(&d.partition_by), opt_text(&l.partition_by)
            ));
        }
        plan_partition(name, d, l, live, &why, b);
        plan_inherits(name, d, l, live, &why, b);
        for tail in set_reset(&d.with, &l.with) {
            let sql = format!("{} {tail}", alter_table(name));
            b.push(
                sql,
                &why("storage parameters differ"),
                Category::Storage,
                &[],
            );
        }
        if !partition_switch(d, l) {
            for sql in crate::kinds::index::diff::alter_options(name, &d.indexes, &l.indexes) {
                b.push(
                    sql,
                    &why("index storage parameters differ"),
                    Category::Storage,
                    &[],
                );
            }
        }
    }
    // After the loop: the order follows foreign keys, not the declaration.
    super::persistence::plan(declared, live, &names, b);
}

/// How a column's storage goes back to its type's: `SET STORAGE DEFAULT` from PostgreSQL 16;
/// before, restating the column's type (which sets the type's storage, and forgets the
/// compression, set again after it), unless a view or policy uses the table (PostgreSQL
/// refuses to retype their columns): then it is a warning.
#[derive(Clone, Copy)]
struct StorageReset {
    major: Option<u32>,
    blocked: bool,
}

/// Whether a live view reads declared table `name` (or the table it is renamed from).
fn read_by_view(live: &Schema, name: &QualifiedName, d: &Table) -> bool {
    let old = d
        .renamed_from
        .as_ref()
        .map(|o| QualifiedName::new(name.schema.clone(), o.clone()));
    let reads = |q: &QualifiedName| q == name || old.as_ref() == Some(q);
    live.views.values().any(|v| v.depends_on.iter().any(reads))
}

/// The steps that put column `cn` of `name` back on its type's storage (see [`StorageReset`]).
fn reset_storage(
    name: &QualifiedName,
    cn: &str,
    dc: &crate::model::Column,
    reset: StorageReset,
) -> Option<Vec<(String, Vec<Hazard>)>> {
    use crate::kinds::column::ddl;
    if reset.major.is_some_and(|m| m >= 16) {
        return Some(vec![(ddl::reset_storage(name, cn), Vec::new())]);
    }
    if reset.blocked {
        return None;
    }
    let mut retype = ddl::alter_column_type(name, cn, &dc.data_type, None);
    if let Some(c) = &dc.collation {
        retype.push_str(&format!(" COLLATE {}", quote_dotted(c)));
    }
    let mut out = vec![(retype, vec![Hazard::LongLock])];
    if dc.compression.is_some() {
        let sql = ddl::set_compression(name, cn, dc.compression.as_deref());
        out.push((sql, Vec::new()));
    }
    Some(out)
}

/// `SET STORAGE` / `SET COMPRESSION` for the declared columns of `name` whose storage or
/// compression the live table (if any) lacks; a new column or table gets its compression
/// inline, so only its storage is set here. Storage back to the type's default: see
/// [`StorageReset`].
fn column_storage(
    name: &QualifiedName,
    d: &Table,
    l: Option<&Table>,
    reset: StorageReset,
    warnings: &mut Vec<String>,
) -> Vec<(String, Vec<Hazard>)> {
    let mut out = Vec::new();
    if l.is_some_and(|l| partition_switch(d, l)) {
        return out;
    }
    for (cn, dc) in &d.columns {
        let lc = l.and_then(|l| {
            l.columns
                .get(cn)
                .or_else(|| dc.renamed_from.as_ref().and_then(|o| l.columns.get(o)))
        });
        // `ALTER COLUMN … TYPE` (the column plan's) sets the type's storage and forgets the
        // compression: what is declared is set again.
        let retyped =
            lc.is_some_and(|lc| lc.data_type != dc.data_type || lc.collation != dc.collation);
        let live_storage = lc.and_then(|c| c.storage.clone()).filter(|_| !retyped);
        match (&dc.storage, live_storage) {
            (Some(s), ls) if ls.as_ref() != Some(s) => {
                out.push((crate::ddl::set_storage(name, cn, s), Vec::new()))
            }
            (None, Some(ls)) => match reset_storage(name, cn, dc, reset) {
                Some(steps) => {
                    let restated = steps.len() > 1 || reset.major.is_none_or(|m| m < 16);
                    out.extend(steps);
                    if restated {
                        // The compression is set again already (or was the default).
                        continue;
                    }
                }
                None => warnings.push(format!(
                    "column {}.{cn}: storage is {ls} in the database and the type's default in the declaration; a view or policy uses the table, so set it by hand (PostgreSQL before 16 has no SET STORAGE DEFAULT)",
                    name.display_name()
                )),
            },
            _ => {}
        }
        if let Some(lc) = lc {
            if dc.compression != lc.compression || (retyped && dc.compression.is_some()) {
                let sql = crate::ddl::set_compression(name, cn, dc.compression.as_deref());
                out.push((sql, Vec::new()));
            }
        }
    }
    out
}

fn plan_partition(
    name: &QualifiedName,
    d: &Table,
    l: &Table,
    live: &Schema,
    why: &dyn Fn(&str) -> String,
    b: &mut Builder,
) {
    if d.partition_of == l.partition_of && d.bounds == l.bounds {
        return;
    }
    let label = why("partition parent or bound differs");
    // PostgreSQL 18's NOT NULL names follow the new shape (kinds::column::not_null).
    let (after_detach, before_attach) = if d.partition_of == l.partition_of {
        (Vec::new(), Vec::new())
    } else {
        crate::kinds::column::not_null::partition_renames(
            name,
            &l.not_null_names,
            l.partition_of.as_ref(),
            d.partition_of
                .as_ref()
                .map(|p| (p, live.tables.get(p).map(|t| &t.not_null_names))),
        )
    };
    if let Some(old) = &l.partition_of {
        b.push(
            detach_partition(old, name),
            &label,
            Category::Partition,
            &[],
        );
    }
    for sql in after_detach {
        b.push(sql, &label, Category::Partition, &[]);
    }
    if let Some(old) = l
        .partition_of
        .as_ref()
        .filter(|_| d.partition_of != l.partition_of)
    {
        let old_parent = live.tables.get(old);
        for sql in super::detach::drop_copies(name, d, l, old_parent) {
            b.push(sql, &label, Category::Partition, &[]);
        }
    }
    // Before ATTACH: an inherited constraint cannot be renamed.
    for sql in before_attach {
        b.push(sql, &label, Category::Partition, &[]);
    }
    if let Some(parent) = d
        .partition_of
        .as_ref()
        .filter(|_| d.partition_of != l.partition_of)
    {
        for sql in checks_to_attach(name, l, live.tables.get(parent)) {
            b.push(sql, &label, Category::Partition, &[]);
        }
    }
    if let Some(parent) = &d.partition_of {
        // ATTACH scans the table to check its bound (and the parent's default partition, if
        // any, for rows that now belong here).
        let bounds = d.bounds.as_deref().unwrap_or("DEFAULT");
        let sql = attach_partition(parent, name, bounds);
        b.push(sql, &label, Category::Partition, &[Hazard::LongLock]);
    }
}

/// `ADD CONSTRAINT … CHECK` for each check of the live `parent` that the table to attach `l`
/// lacks: ATTACH PARTITION requires the partition to have them (it then merges them into the
/// parent's, so they are not the partition's own).
fn checks_to_attach(name: &QualifiedName, l: &Table, parent: Option<&Table>) -> Vec<String> {
    let Some(p) = parent else { return Vec::new() };
    p.checks
        .iter()
        .filter(|(n, c)| !c.no_inherit && !l.checks.contains_key(*n))
        .map(|(n, c)| crate::kinds::constraint::ddl::add_constraint_check(name, n, c, false))
        .collect()
}

/// The live parents of `l` that the plan leaves (`NO INHERIT`): those `d` no longer declares,
/// and kept ones whose column `d` holds as its own while `l` only inherits it (left and
/// inherited again, see [`plan_inherits`]).
fn parents_left<'a>(d: &'a Table, l: &'a Table, live: &'a Schema) -> Vec<&'a QualifiedName> {
    l.inherits
        .iter()
        .filter(|p| {
            !d.inherits.contains(p)
                || live.tables.get(*p).is_some_and(|pt| {
                    let cols = crate::kinds::table::load::with_inherited_columns(live, pt);
                    d.columns
                        .keys()
                        .any(|c| cols.columns.contains_key(c) && !l.columns.contains_key(c))
                })
        })
        .collect()
}

/// Whether the declared check `m` of table `t`, which the live table only inherits, becomes its
/// own when the plan leaves the parent it comes from (`NO INHERIT` turns inherited checks into
/// the table's own): then it is not added.
pub(crate) fn check_made_own(cx: &crate::plan::PlanCx, t: &QualifiedName, m: &str) -> bool {
    let (Some(d), Some(l)) = (
        cx.declared.tables.get(t),
        cx.live.tables.get(&cx.live_name(t)),
    ) else {
        return false;
    };
    parents_left(d, l, cx.live).iter().any(|p| {
        cx.live
            .tables
            .get(*p)
            .and_then(|pt| pt.checks.get(m))
            .is_some_and(|c| !c.no_inherit)
    })
}

/// `NO INHERIT` the parents no longer declared, `INHERIT` the new ones. A kept parent whose
/// column the declared table holds as its own while the live one only inherits it is left and
/// inherited again: `NO INHERIT` makes the inherited columns the table's own.
fn plan_inherits(
    name: &QualifiedName,
    d: &Table,
    l: &Table,
    live: &Schema,
    why: &dyn Fn(&str) -> String,
    b: &mut Builder,
) {
    let left = parents_left(d, l, live);
    let again: Vec<&QualifiedName> = left
        .iter()
        .copied()
        .filter(|p| d.inherits.contains(p))
        .collect();
    let label = why("INHERITS differs");
    for p in &left {
        let sql = format!("{} NO INHERIT {}", alter_table(name), p.sql());
        b.push(sql, &label, Category::Partition, &[]);
    }
    let added = d.inherits.iter().filter(|p| !l.inherits.contains(p));
    for p in again.iter().copied().chain(added) {
        let sql = format!("{} INHERIT {}", alter_table(name), p.sql());
        b.push(sql, &label, Category::Partition, &[Hazard::LongLock]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_round_trip_and_set_reset() {
        let live = options_from_catalog(Some(vec![
            "fillfactor=90".into(),
            "autovacuum_enabled=off".into(),
        ]));
        let same = options_from_catalog(Some(vec![
            "autovacuum_enabled=false".into(),
            "fillfactor=90".into(),
        ]));
        assert!(same_options(&live, &same));
        assert_eq!(
            options_text(&live),
            "autovacuum_enabled=false, fillfactor=90"
        );
        let mut decl = IndexMap::new();
        decl.insert("fillfactor".to_string(), "70".to_string());
        assert_eq!(
            set_reset(&decl, &live),
            vec![
                "SET (\"fillfactor\" = '70')".to_string(),
                "RESET (\"autovacuum_enabled\")".to_string()
            ]
        );
        assert_eq!(with_clause(&decl), " WITH (\"fillfactor\" = '70')");
        let toast = options_from_catalog(Some(vec!["toast.autovacuum_enabled=true".into()]));
        assert_eq!(
            options_sql(&toast),
            "\"toast\".\"autovacuum_enabled\" = 'true'"
        );
    }

    #[test]
    fn parents_come_first() {
        let mut s = Schema::default();
        let q = |n: &str| QualifiedName::new("public", n);
        s.tables.insert(
            q("leaf"),
            Table {
                partition_of: Some(q("mid")),
                ..Default::default()
            },
        );
        s.tables.insert(
            q("mid"),
            Table {
                partition_of: Some(q("root")),
                ..Default::default()
            },
        );
        s.tables.insert(q("root"), Table::default());
        let mut names: Vec<QualifiedName> = s.tables.keys().cloned().collect();
        parents_first(&s, &mut names);
        assert_eq!(names, vec![q("root"), q("mid"), q("leaf")]);
    }
}
