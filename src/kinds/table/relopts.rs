//! Where a relation lives and how it replicates: `TABLESPACE` (tables, partitioned tables and
//! partitions, materialized views, indexes, and the indexes behind primary key, unique and
//! exclusion constraints), `REPLICA IDENTITY` and `CLUSTER ON` of a table or materialized view
//! (in a view file: `ALTER MATERIALIZED VIEW mv REPLICA IDENTITY …` / `CLUSTER ON idx`).
//!
//! ```yaml
//! events:
//!   tablespace: fast_ssd                 # CREATE TABLE … TABLESPACE fast_ssd
//!   replica_identity: full               # full | nothing | {index: events_id_key}
//!   cluster_on: events_at_idx            # ALTER TABLE … CLUSTER ON events_at_idx
//!   primary_key: {columns: [id], tablespace: fast_ssd}   # USING INDEX TABLESPACE
//!   indexes:
//!     events_at_idx: {columns: [at], tablespace: fast_ssd}
//! ```
//!
//! Absent means PostgreSQL's default: the database's tablespace (`reltablespace = 0`), `REPLICA
//! IDENTITY DEFAULT`, no clustered index. Diff: category `storage`, warning. Plan: `SET
//! TABLESPACE` moves the files (hazard `rewrite`: an ACCESS EXCLUSIVE lock while every page is
//! copied; a partitioned table or index only changes where new partitions go); `REPLICA
//! IDENTITY …` and `CLUSTER ON` / `SET WITHOUT CLUSTER` are catalog-only, and are set again
//! whenever the plan creates (or re-creates) the index they name, since a new index is neither.
//!
//! Tablespaces are cluster-wide and a scratch database may be on a throw-away server that has
//! none of them: the declared objects are created there without, and the declared tablespaces
//! are carried onto what it reads back ([`strip_tablespaces`], [`carry_tablespaces`]).

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

use crate::ddl::{alter_table, Statement};
use crate::model::{quote_ident, QualifiedName, Schema, Table};

/// `REPLICA IDENTITY` other than `DEFAULT`: what an UPDATE or DELETE writes to the WAL to name
/// the old row for logical replication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplicaIdentity {
    /// Every column of the old row.
    Full,
    /// Nothing: UPDATE and DELETE cannot be published.
    Nothing,
    /// The columns of this unique index.
    Index(String),
}

impl ReplicaIdentity {
    /// What follows `REPLICA IDENTITY`.
    pub fn sql(&self) -> String {
        match self {
            ReplicaIdentity::Full => "FULL".to_string(),
            ReplicaIdentity::Nothing => "NOTHING".to_string(),
            ReplicaIdentity::Index(i) => format!("USING INDEX {}", quote_ident(i)),
        }
    }

    /// The index it names, if any.
    pub fn index(&self) -> Option<&str> {
        match self {
            ReplicaIdentity::Index(i) => Some(i),
            _ => None,
        }
    }

    /// From `relreplident` and the index marked `indisreplident`. An index identity whose index
    /// is gone behaves as `NOTHING` (PostgreSQL's documentation), so it reads as that.
    pub fn from_catalog(code: &str, index: Option<String>) -> Option<ReplicaIdentity> {
        match (code, index) {
            ("f", _) => Some(ReplicaIdentity::Full),
            ("n", _) | ("i", None) => Some(ReplicaIdentity::Nothing),
            ("i", Some(i)) => Some(ReplicaIdentity::Index(i)),
            _ => None,
        }
    }
}

impl fmt::Display for ReplicaIdentity {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.sql())
    }
}

impl Serialize for ReplicaIdentity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ReplicaIdentity::Full => s.serialize_str("full"),
            ReplicaIdentity::Nothing => s.serialize_str("nothing"),
            ReplicaIdentity::Index(i) => {
                let mut m = indexmap::IndexMap::new();
                m.insert("index", i.as_str());
                m.serialize(s)
            }
        }
    }
}

/// A word or a one-key map; a map, not a struct, so that a list is refused.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawIdentity {
    Word(String),
    Map(indexmap::IndexMap<String, String>),
}

impl<'de> Deserialize<'de> for ReplicaIdentity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        const EXPECTED: &str = "`full`, `nothing` or `{index: <unique index name>}` (leave `replica_identity` out for DEFAULT)";
        let raw = RawIdentity::deserialize(d)
            .map_err(|_| de::Error::custom(format!("expected {EXPECTED}")))?;
        match raw {
            RawIdentity::Word(w) => match w.to_ascii_lowercase().as_str() {
                "full" => Ok(ReplicaIdentity::Full),
                "nothing" => Ok(ReplicaIdentity::Nothing),
                _ => Err(de::Error::custom(format!(
                    "`replica_identity: {w}`: expected {EXPECTED}"
                ))),
            },
            RawIdentity::Map(mut m) => match (m.shift_remove("index"), m.is_empty()) {
                (Some(i), true) => Ok(ReplicaIdentity::Index(i)),
                _ => Err(de::Error::custom(format!("expected {EXPECTED}"))),
            },
        }
    }
}

/// ` TABLESPACE "x"` when one is given.
pub fn tablespace_clause(ts: Option<&str>) -> String {
    ts.map(|t| format!(" TABLESPACE {}", quote_ident(t)))
        .unwrap_or_default()
}

/// `ALTER {kind} name SET TABLESPACE x`; back to the default is `pg_default`, the tablespace a
/// database has unless it was created with another one.
pub fn set_tablespace(kind: &str, name: &QualifiedName, ts: Option<&str>) -> String {
    format!(
        "ALTER {kind} {} SET TABLESPACE {}",
        name.sql(),
        quote_ident(ts.unwrap_or("pg_default"))
    )
}

/// `ALTER TABLE name` or `ALTER MATERIALIZED VIEW name`: the relations that take the marks below.
pub fn alter_head(name: &QualifiedName, matview: bool) -> String {
    if matview {
        format!("ALTER MATERIALIZED VIEW {}", name.sql())
    } else {
        alter_table(name)
    }
}

/// `{head} REPLICA IDENTITY …` (`DEFAULT` for `None`); `head` from [`alter_head`].
pub fn set_replica_identity(head: &str, ri: Option<&ReplicaIdentity>) -> String {
    let what = ri.map(ReplicaIdentity::sql);
    format!(
        "{head} REPLICA IDENTITY {}",
        what.as_deref().unwrap_or("DEFAULT")
    )
}

/// `{head} CLUSTER ON idx`, or `SET WITHOUT CLUSTER` for `None`.
pub fn set_cluster_on(head: &str, index: Option<&str>) -> String {
    match index {
        Some(i) => format!("{head} CLUSTER ON {}", quote_ident(i)),
        None => format!("{head} SET WITHOUT CLUSTER"),
    }
}

/// The replica identity and clustered index of every table and materialized view, for
/// `ddl::create_script`: after the indexes they name exist.
pub fn create_statements(schema: &Schema) -> Vec<Statement> {
    let tables = schema.tables.iter().map(|(n, t)| {
        let sql = mark_statements(n, false, &t.replica_identity, &t.cluster_on);
        (sql, format!("table {n}"))
    });
    let matviews = schema.views.iter().filter(|(_, v)| v.materialized);
    let matviews = matviews.map(|(n, v)| {
        let sql = mark_statements(n, true, &v.replica_identity, &v.cluster_on);
        (sql, format!("materialized view {n}"))
    });
    let mut out = Vec::new();
    for (sql, object) in tables.chain(matviews) {
        out.extend(sql.into_iter().map(|s| Statement::new(s, object.clone())));
    }
    out
}

/// `REPLICA IDENTITY` and `CLUSTER ON` of a relation just created, where they are not the default.
pub fn mark_statements(
    name: &QualifiedName,
    matview: bool,
    ri: &Option<ReplicaIdentity>,
    cluster: &Option<String>,
) -> Vec<String> {
    let head = alter_head(name, matview);
    let mut out = Vec::new();
    if let Some(ri) = ri {
        out.push(set_replica_identity(&head, Some(ri)));
    }
    if let Some(ix) = cluster {
        out.push(set_cluster_on(&head, Some(ix)));
    }
    out
}

/// The names of the indexes a table has: its own and those behind its keys.
fn index_names(tq: &QualifiedName, t: &Table) -> Vec<String> {
    let mut names: Vec<String> = t.indexes.keys().cloned().collect();
    if let Some(pk) = &t.primary_key {
        names.push(if pk.name.is_empty() {
            format!("{}_pkey", tq.name)
        } else {
            pk.name.clone()
        });
    }
    names.extend(t.unique.keys().cloned());
    names.extend(t.exclusions.keys().cloned());
    names
}

/// Problems of a declared table's `replica_identity` and `cluster_on`.
pub(crate) fn problems(tq: &QualifiedName, t: &Table) -> Vec<String> {
    let mut out = mark_problems(&index_names(tq, t), &t.replica_identity, &t.cluster_on);
    if t.partition_by.is_some() && t.cluster_on.is_some() {
        out.push("a partitioned table cannot be clustered (`cluster_on`)".to_string());
    }
    out
}

/// A replica identity index or clustered index must be one of `names`, the relation's indexes
/// (PostgreSQL checks the rest: unique, not partial, on NOT NULL columns).
pub(crate) fn mark_problems(
    names: &[String],
    ri: &Option<ReplicaIdentity>,
    cluster: &Option<String>,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |field: &str, ix: &str| {
        if !names.iter().any(|n| n == ix) {
            let known = if names.is_empty() {
                "it declares none".to_string()
            } else {
                format!("it has {}", names.join(", "))
            };
            out.push(format!(
                "`{field}` names `{ix}`, which is not an index of this relation ({known})"
            ));
        }
    };
    if let Some(ix) = ri.as_ref().and_then(ReplicaIdentity::index) {
        check("replica_identity", ix);
    }
    if let Some(ix) = cluster {
        check("cluster_on", ix);
    }
    out
}

/// Every tablespace the schema names, with the object that names it (`table x`, `index i on
/// x`, ...), in model order.
pub fn tablespace_uses(schema: &Schema) -> Vec<(String, crate::load::ObjectKey)> {
    use crate::load::ObjectKey;
    let mut out = Vec::new();
    for (tq, t) in &schema.tables {
        let table = ObjectKey::Table(tq.clone());
        let mut push = |ts: &Option<String>, key: &ObjectKey| {
            if let Some(ts) = ts {
                out.push((ts.clone(), key.clone()));
            }
        };
        push(&t.tablespace, &table);
        if let Some(pk) = &t.primary_key {
            push(&pk.tablespace, &table);
        }
        for u in t.unique.values() {
            push(&u.tablespace, &table);
        }
        for x in t.exclusions.values() {
            push(&x.tablespace, &table);
        }
        for (n, i) in &t.indexes {
            push(&i.tablespace, &ObjectKey::Index(tq.clone(), n.clone()));
        }
    }
    for (vq, v) in &schema.views {
        if let Some(ts) = &v.tablespace {
            out.push((ts.clone(), ObjectKey::View(vq.clone())));
        }
        for i in v.indexes.values().filter_map(|i| i.tablespace.as_ref()) {
            out.push((i.clone(), ObjectKey::View(vq.clone())));
        }
    }
    out
}

/// The schema without any tablespace, as a scratch database on another server can create it.
pub fn strip_tablespaces(schema: &mut Schema) {
    for t in schema.tables.values_mut() {
        t.tablespace = None;
        if let Some(pk) = &mut t.primary_key {
            pk.tablespace = None;
        }
        t.unique.values_mut().for_each(|u| u.tablespace = None);
        t.exclusions.values_mut().for_each(|x| x.tablespace = None);
        t.indexes.values_mut().for_each(|i| i.tablespace = None);
    }
    for v in schema.views.values_mut() {
        v.tablespace = None;
        v.indexes.values_mut().for_each(|i| i.tablespace = None);
    }
}

/// Puts the declared tablespaces onto the normalized schema. A partition that declares none is
/// created in its parent's (PostgreSQL 12 on), so it gets its nearest ancestor's.
pub fn carry_tablespaces(declared: &Schema, normalized: &mut Schema) {
    for (tq, d) in &declared.tables {
        let Some(n) = normalized.tables.get_mut(tq) else {
            continue;
        };
        n.tablespace = d
            .tablespace
            .clone()
            .or_else(|| inherited_tablespace(declared, d));
        if let (Some(np), Some(dp)) = (&mut n.primary_key, &d.primary_key) {
            np.tablespace = dp.tablespace.clone();
        }
        carry(&d.unique, &mut n.unique, |x| &mut x.tablespace);
        carry(&d.exclusions, &mut n.exclusions, |x| &mut x.tablespace);
        carry(&d.indexes, &mut n.indexes, |x| &mut x.tablespace);
    }
    for (vq, d) in &declared.views {
        if let Some(n) = normalized.views.get_mut(vq) {
            n.tablespace = d.tablespace.clone();
            carry(&d.indexes, &mut n.indexes, |x| &mut x.tablespace);
        }
    }
}

/// Copies one field of each declared member onto the normalized member of the same name.
fn carry<T: Clone>(
    declared: &indexmap::IndexMap<String, T>,
    normalized: &mut indexmap::IndexMap<String, T>,
    field: impl Fn(&mut T) -> &mut Option<String>,
) {
    for (k, d) in declared {
        if let Some(n) = normalized.get_mut(k) {
            *field(n) = field(&mut d.clone()).take();
        }
    }
}

/// The tablespace of the nearest partition ancestor that declares one.
fn inherited_tablespace(schema: &Schema, t: &Table) -> Option<String> {
    let mut parent = t.partition_of.as_ref();
    for _ in 0..schema.tables.len() {
        let p = schema.tables.get(parent?)?;
        if p.tablespace.is_some() {
            return p.tablespace.clone();
        }
        parent = p.partition_of.as_ref();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Exclusion, Index};

    #[test]
    fn replica_identity_yaml_both_ways() {
        let cases = [
            ("full", ReplicaIdentity::Full),
            ("NOTHING", ReplicaIdentity::Nothing),
            (
                "{index: \"at Ünique\"}",
                ReplicaIdentity::Index("at Ünique".into()),
            ),
        ];
        for (yaml, ri) in cases {
            let got: ReplicaIdentity = serde_saphyr::from_str(yaml).unwrap();
            assert_eq!(got, ri);
            let text = serde_saphyr::to_string(&ri).unwrap();
            assert_eq!(
                serde_saphyr::from_str::<ReplicaIdentity>(&text).unwrap(),
                ri
            );
        }
        for bad in ["default", "{index: a, extra: b}", "[a]"] {
            assert!(
                serde_saphyr::from_str::<ReplicaIdentity>(bad).is_err(),
                "{bad}"
            );
        }
        let ri = ReplicaIdentity::Index("a\"b".into());
        let t = alter_head(&QualifiedName::new("s", "T"), false);
        assert_eq!(
            set_replica_identity(&t, Some(&ri)),
            "ALTER TABLE \"s\".\"T\" REPLICA IDENTITY USING INDEX \"a\"\"b\""
        );
        let mv = alter_head(&QualifiedName::new("s", "m v"), true);
        assert_eq!(
            set_cluster_on(&mv, None),
            "ALTER MATERIALIZED VIEW \"s\".\"m v\" SET WITHOUT CLUSTER"
        );
    }

    #[test]
    fn tablespaces_stripped_and_carried_partitions_take_their_parents() {
        let mut declared = Schema::default();
        let parent = QualifiedName::new("public", "p");
        let mut p = Table {
            partition_by: Some("RANGE (k)".into()),
            tablespace: Some("fast".into()),
            ..Default::default()
        };
        p.indexes.insert(
            "i".into(),
            Index {
                tablespace: Some("slow".into()),
                ..Default::default()
            },
        );
        p.exclusions.insert(
            "x".into(),
            Exclusion {
                tablespace: Some("slow".into()),
                ..Default::default()
            },
        );
        let child = Table {
            partition_of: Some(parent.clone()),
            ..Default::default()
        };
        declared.tables.insert(parent.clone(), p);
        declared
            .tables
            .insert(QualifiedName::new("public", "c"), child);
        let mut scratch = declared.clone();
        strip_tablespaces(&mut scratch);
        assert!(tablespace_uses(&scratch).is_empty());
        assert_eq!(tablespace_uses(&declared).len(), 3);
        carry_tablespaces(&declared, &mut scratch);
        assert_eq!(
            scratch.tables[0].indexes["i"].tablespace.as_deref(),
            Some("slow")
        );
        assert_eq!(
            scratch.tables[0].exclusions["x"].tablespace.as_deref(),
            Some("slow")
        );
        assert_eq!(scratch.tables[1].tablespace.as_deref(), Some("fast"));
    }
}
