//! Diff and plan of a relation's tablespace, replica identity and clustered index (see
//! `relopts`) of tables and materialized views: category `storage`, warning.

use indexmap::IndexMap;

use super::relopts::{set_cluster_on, set_replica_identity, set_tablespace, ReplicaIdentity};
use crate::diff::{differs, Category, Change, ObjectKind, ObjectRef, Severity};
use crate::kinds::constraint::plan::MemberAdds;
use crate::kinds::index::diff::index_text;
use crate::kinds::policy::diff::live_table;
use crate::model::{Index, QualifiedName, Table, View};
use crate::plan::{Builder, Hazard, PlanCx, Step};

/// `pg_default` is where a database's relations go unless it was created with another default,
/// so it is the default too: a partition under a parent elsewhere reads as it, and is
/// declared as it, to say it is not in its parent's (see `relopts::carry_tablespaces`).
fn ts_text(ts: &Option<String>) -> String {
    match ts.as_deref() {
        None | Some("pg_default") => "the default".to_string(),
        Some(t) => t.to_string(),
    }
}

fn ri_text(ri: &Option<ReplicaIdentity>) -> String {
    ri.as_ref()
        .map(ReplicaIdentity::sql)
        .unwrap_or_else(|| "DEFAULT".to_string())
}

fn cluster_text(ix: &Option<String>) -> String {
    ix.clone().unwrap_or_else(|| "(none)".to_string())
}

/// One `storage` warning when `dv` and `lv` differ.
fn push(out: &mut Vec<Change>, obj: ObjectRef, what: &str, dv: String, lv: String) {
    if dv != lv {
        let c = Change::new(
            Category::Storage,
            Severity::Warning,
            obj,
            differs(what, &dv, &lv),
        );
        out.push(c.values(Some(dv), Some(lv)));
    }
}

/// The tablespace, replica identity and clustered index of a table both sides have, and the
/// tablespaces of its key and index indexes both sides define alike.
pub(crate) fn diff_table(name: &QualifiedName, d: &Table, l: &Table, out: &mut Vec<Change>) {
    let obj = || ObjectRef::top(ObjectKind::Table, name);
    push(
        out,
        obj(),
        "tablespace",
        ts_text(&d.tablespace),
        ts_text(&l.tablespace),
    );
    let marks = |t: &Table| (ri_text(&t.replica_identity), cluster_text(&t.cluster_on));
    diff_marks(out, obj, marks(d), marks(l));
    for (kind, n, dts, lts) in key_tablespaces(d, l) {
        let what = "USING INDEX TABLESPACE";
        let o = ObjectRef::member(kind, name, n);
        push(out, o, what, ts_text(dts), ts_text(lts));
    }
    diff_index_tablespaces(name, &d.indexes, &l.indexes, out);
}

/// A materialized view's tablespace and its indexes'.
pub(crate) fn diff_view(name: &QualifiedName, d: &View, l: &View, out: &mut Vec<Change>) {
    let obj = || ObjectRef::top(ObjectKind::MaterializedView, name);
    push(
        out,
        obj(),
        "tablespace",
        ts_text(&d.tablespace),
        ts_text(&l.tablespace),
    );
    let marks = |v: &View| (ri_text(&v.replica_identity), cluster_text(&v.cluster_on));
    diff_marks(out, obj, marks(d), marks(l));
    diff_index_tablespaces(name, &d.indexes, &l.indexes, out);
}

/// The replica identity and clustered index, each as (declared, live) text.
fn diff_marks(
    out: &mut Vec<Change>,
    obj: impl Fn() -> ObjectRef,
    (dri, dc): (String, String),
    (lri, lc): (String, String),
) {
    push(out, obj(), "REPLICA IDENTITY", dri, lri);
    push(out, obj(), "CLUSTER ON", dc, lc);
}

fn diff_index_tablespaces(
    rel: &QualifiedName,
    d: &IndexMap<String, Index>,
    l: &IndexMap<String, Index>,
    out: &mut Vec<Change>,
) {
    for (n, dts, lts) in same_indexes(d, l) {
        let o = ObjectRef::member(ObjectKind::Index, rel, n);
        push(out, o, "tablespace", ts_text(dts), ts_text(lts));
    }
}

type TsPair<'a> = (&'a Option<String>, &'a Option<String>);

/// The indexes both sides define alike (one defined differently is rebuilt with the declared
/// tablespace anyway), with their declared and live tablespaces.
fn same_indexes<'a>(
    d: &'a IndexMap<String, Index>,
    l: &'a IndexMap<String, Index>,
) -> Vec<(&'a String, &'a Option<String>, &'a Option<String>)> {
    d.iter()
        .filter_map(|(n, di)| {
            let li = l.get(n)?;
            let (a, b): TsPair = (&di.tablespace, &li.tablespace);
            (index_text(di) == index_text(li)).then_some((n, a, b))
        })
        .collect()
}

/// The primary key, unique and exclusion constraints both sides have under one name, with
/// their declared and live index tablespaces.
fn key_tablespaces<'a>(
    d: &'a Table,
    l: &'a Table,
) -> Vec<(
    ObjectKind,
    &'a String,
    &'a Option<String>,
    &'a Option<String>,
)> {
    let mut out = Vec::new();
    if let (Some(dp), Some(lp)) = (&d.primary_key, &l.primary_key) {
        if dp.name == lp.name {
            out.push((
                ObjectKind::PrimaryKey,
                &dp.name,
                &dp.tablespace,
                &lp.tablespace,
            ));
        }
    }
    for (n, u) in &d.unique {
        if let Some(lu) = l.unique.get(n) {
            out.push((ObjectKind::Unique, n, &u.tablespace, &lu.tablespace));
        }
    }
    for (n, x) in &d.exclusions {
        if let Some(lx) = l.exclusions.get(n) {
            out.push((ObjectKind::Exclusion, n, &x.tablespace, &lx.tablespace));
        }
    }
    out
}

/// Moving a plain table or materialized view copies every page under an ACCESS EXCLUSIVE
/// lock; a partitioned table or index only records where new partitions go.
fn move_hazards(partitioned: bool) -> &'static [Hazard] {
    if partitioned {
        &[]
    } else {
        &[Hazard::Rewrite]
    }
}

/// Whether the plan creates index (or key) `ix` of `t`: it is then neither the replica identity
/// nor clustered until marked again, and it is built in its declared tablespace.
fn created(adds: &MemberAdds, t: &QualifiedName, ix: &str) -> bool {
    adds.indexes.iter().any(|(a, n, _)| a == t && n == ix)
        || adds
            .constraints
            .iter()
            .any(|(a, _, n, _)| a == t && n == ix)
}

/// The steps, once every index and view exists: tablespace moves of tables, keys, indexes and
/// materialized views both sides have, then replica identities and clustered indexes that
/// differ or whose index the plan (re)creates.
pub(crate) fn plan(cx: &PlanCx, b: &mut Builder, adds: &MemberAdds) {
    for (name, d) in &cx.declared.tables {
        let l = live_table(name, d, cx.live);
        let why = |what: &str| format!("table {}: {what} differs", name.display_name());
        if let Some(l) = l.filter(|l| !super::shape::partition_switch(d, l)) {
            if ts_text(&d.tablespace) != ts_text(&l.tablespace) {
                let sql = set_tablespace("TABLE", name, d.tablespace.as_deref());
                let hz = move_hazards(d.partition_by.is_some());
                b.push(sql, &why("tablespace"), Category::Storage, hz);
            }
            let keys = key_tablespaces(d, l)
                .into_iter()
                .map(|(_, n, a, b)| (n, a, b));
            let indexes = same_indexes(&d.indexes, &l.indexes);
            for (n, dts, lts) in keys.chain(indexes) {
                if ts_text(dts) != ts_text(lts) && !created(adds, name, n) {
                    let ix = QualifiedName::new(name.schema.clone(), n.clone());
                    let sql = set_tablespace("INDEX", &ix, dts.as_deref());
                    let hz = move_hazards(d.partition_by.is_some());
                    b.push(sql, &why("index tablespace"), Category::Storage, hz);
                }
            }
        }
        let live = l.map(|l| (&l.replica_identity, &l.cluster_on));
        let (ri, cluster) = (&d.replica_identity, &d.cluster_on);
        let matview = false;
        mark_indexes(
            cx,
            b,
            adds,
            Marks {
                name,
                matview,
                ri,
                cluster,
                live,
            },
        );
    }
    plan_views(cx, b, adds);
}

/// One relation's replica identity and clustered index, declared and live (`None`: the plan
/// creates the relation, or creates it again).
struct Marks<'a> {
    name: &'a QualifiedName,
    matview: bool,
    ri: &'a Option<ReplicaIdentity>,
    cluster: &'a Option<String>,
    live: Option<(&'a Option<ReplicaIdentity>, &'a Option<String>)>,
}

/// `REPLICA IDENTITY` and `CLUSTER ON` where they differ from the live relation's (or the
/// plan creates it) or name an index the plan (re)creates, which starts unmarked. Under
/// `--online` such an index may be built concurrently after COMMIT: the mark follows it there.
fn mark_indexes(cx: &PlanCx, b: &mut Builder, adds: &MemberAdds, m: Marks) {
    let name = m.name;
    let kind = if m.matview {
        "materialized view"
    } else {
        "table"
    };
    let fresh = m.live.is_none();
    let remade = |i: &str| !fresh && created(adds, name, i);
    let head = super::relopts::alter_head(name, m.matview);
    let mut step = |sql: String, what: &str, index: Option<&str>| {
        let remade = index.filter(|i| remade(i));
        let change = match (fresh, remade) {
            (true, _) if !m.matview => super::plan::missing(name),
            (true, _) => format!("{kind} {name} is created, then marked"),
            (false, Some(i)) => {
                format!("{kind} {name}: index {i} is created again, so its {what} is set again")
            }
            (false, None) => format!("{kind} {name}: {what} differs"),
        };
        b.steps.push(Step {
            sql,
            change,
            category: Category::Storage,
            hazards: Vec::new(),
            transactional: !(cx.opts.online && remade.is_some()),
            resume_index: None,
            before_transaction: false,
        });
    };
    let (lri, lc) = m.live.unwrap_or((&None, &None));
    let ri_index = m.ri.as_ref().and_then(ReplicaIdentity::index);
    if m.ri != lri || ri_index.is_some_and(remade) {
        let sql = set_replica_identity(&head, m.ri.as_ref());
        step(sql, "REPLICA IDENTITY", ri_index);
    }
    let c = m.cluster.as_deref();
    if m.cluster != lc || c.is_some_and(remade) {
        step(set_cluster_on(&head, c), "CLUSTER ON", c);
    }
}

/// Tablespace moves of materialized views (and their indexes) that the plan does not create.
fn plan_views(cx: &PlanCx, b: &mut Builder, adds: &MemberAdds) {
    for (name, d) in cx.declared.views.iter().filter(|(_, v)| v.materialized) {
        let recreated = cx.dropped_views.contains(name) || cx.missing_views.contains(name);
        let l = cx.live.views.get(name).filter(|_| !recreated);
        let live = l.map(|l| (&l.replica_identity, &l.cluster_on));
        let (ri, cluster) = (&d.replica_identity, &d.cluster_on);
        let matview = true;
        mark_indexes(
            cx,
            b,
            adds,
            Marks {
                name,
                matview,
                ri,
                cluster,
                live,
            },
        );
        let Some(l) = l else {
            continue;
        };
        let why = |what: &str| format!("materialized view {}: {what} differs", name.display_name());
        if ts_text(&d.tablespace) != ts_text(&l.tablespace) {
            let sql = set_tablespace("MATERIALIZED VIEW", name, d.tablespace.as_deref());
            b.push(
                sql,
                &why("tablespace"),
                Category::Storage,
                &[Hazard::Rewrite],
            );
        }
        for (n, dts, lts) in same_indexes(&d.indexes, &l.indexes) {
            if ts_text(dts) != ts_text(lts) && !created(adds, name, n) {
                let ix = QualifiedName::new(name.schema.clone(), n.clone());
                let sql = set_tablespace("INDEX", &ix, dts.as_deref());
                let hz = &[Hazard::Rewrite];
                b.push(sql, &why("index tablespace"), Category::Storage, hz);
            }
        }
    }
}
