//! What `DETACH PARTITION` leaves behind.
//!
//! A partition holds copies of its parent's keys, foreign keys, checks and indexes. The model
//! reads them from the parent only (a partition declares none), but `DETACH PARTITION` turns
//! each copy into the detached table's own member under the copy's name. Introspection keeps
//! those names ([`PartitionMembers`], live only), and a plan that detaches a table drops the
//! copies its declaration does not hold, so the detached table ends as declared (the members it
//! declares are then added by the constraint and index steps).

use indexmap::IndexMap;
use tokio_postgres::Row;

use crate::introspect::{get, unexpected, CatalogQuery, IntrospectError, ReadCx};
use crate::kinds::constraint::ddl::drop_constraint;
use crate::kinds::index::ddl::drop_index;
use crate::model::{QualifiedName, Table};

/// A partition's copy of one of its parent's members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionMember {
    /// `true`: a constraint (key, foreign key, check); `false`: an index.
    pub constraint: bool,
    /// The copy's name on the partition.
    pub name: String,
    /// The name of the parent's member it copies.
    pub parent_name: String,
}

/// Live only: a partition's copies of its parent's members. Catalog metadata, not schema: never
/// serialized, and two of them always compare equal, so a declared table (which has none)
/// equals the live table it was read from.
#[derive(Debug, Clone, Default)]
pub struct PartitionMembers(pub Vec<PartitionMember>);

impl PartialEq for PartitionMembers {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for PartitionMembers {}

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: "partition members",
    sql: Q_PARTITION_MEMBERS,
    takes_schemas: true,
    read,
};

/// The complement, on partitions, of what the constraint and index queries read: cloned keys
/// and foreign keys (`conparentid`), inherited checks (`NOT conislocal`), attached indexes not
/// backing a key (`relispartition`).
const Q_PARTITION_MEMBERS: &str = concat!(
    rel_cte!(),
    "SELECT rel.oid, true, con.conname::text,
  COALESCE((SELECT pc.conname::text FROM pg_constraint pc WHERE pc.oid = con.conparentid), con.conname::text)
FROM rel
JOIN pg_constraint con ON con.conrelid = rel.oid
WHERE rel.relispartition AND con.contype IN ('p', 'u', 'c', 'f', 'x')
  AND (NOT con.conislocal OR con.conparentid <> 0)
UNION ALL
SELECT rel.oid, false, ic.relname::text, pic.relname::text
FROM rel
JOIN pg_index i ON i.indrelid = rel.oid
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_inherits inh ON inh.inhrelid = ic.oid
JOIN pg_class pic ON pic.oid = inh.inhparent
WHERE rel.relispartition AND ic.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                  WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
ORDER BY 1, 2 DESC, 3"
);

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    const Q: &str = "partition members";
    for row in rows {
        let oid: u32 = get(row, 0, Q, "a partition member")?;
        let name: String = get(row, 2, Q, "a partition member")?;
        let member = PartitionMember {
            constraint: get(row, 1, Q, &name)?,
            parent_name: get(row, 3, Q, &name)?,
            name,
        };
        match cx.tables.get_mut(&oid) {
            Some((_, t)) => t.partition_members.0.push(member),
            None => return Err(unexpected(Q, &member.name, "a member of no table read")),
        }
    }
    Ok(())
}

/// Whether `d` declares `m` as its own member, as the live parent `parent` has it: then the
/// copy DETACH leaves is already what is declared.
fn declared_as_is(m: &PartitionMember, d: &Table, parent: Option<&Table>) -> bool {
    let Some(p) = parent else { return false };
    let (n, pn) = (m.name.as_str(), m.parent_name.as_str());
    if !m.constraint {
        return same(&d.indexes, &p.indexes, n, pn);
    }
    // A key's copy is named by the partition; only its columns and options must match.
    let pk = match (&d.primary_key, &p.primary_key) {
        (Some(dk), Some(pk)) => dk.name == n && pk.name == pn && dk.columns == pk.columns,
        _ => false,
    };
    pk || same(&d.unique, &p.unique, n, pn)
        || same(&d.checks, &p.checks, n, pn)
        || same(&d.foreign_keys, &p.foreign_keys, n, pn)
        || same(&d.exclusions, &p.exclusions, n, pn)
}

/// Whether `declared[name]` is `parent[parent_name]`.
fn same<T: PartialEq>(
    declared: &IndexMap<String, T>,
    parent: &IndexMap<String, T>,
    name: &str,
    parent_name: &str,
) -> bool {
    declared
        .get(name)
        .is_some_and(|x| parent.get(parent_name) == Some(x))
}

/// After `DETACH PARTITION` of `name` (live `l`, declared `d`): drops the copies of its old
/// parent's members that `d` does not declare as they are. Constraints first: dropping a key
/// drops its index.
pub(crate) fn drop_copies(
    name: &QualifiedName,
    d: &Table,
    l: &Table,
    old_parent: Option<&Table>,
) -> Vec<String> {
    let mut out = Vec::new();
    for m in &l.partition_members.0 {
        if declared_as_is(m, d, old_parent) {
            continue;
        }
        out.push(if m.constraint {
            drop_constraint(name, &m.name)
        } else {
            drop_index(name, &m.name, false)
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Check, Index};

    #[test]
    fn copies_declared_as_the_parent_has_them_stay() {
        let check = |e: &str| Check {
            expression: e.into(),
            ..Default::default()
        };
        let mut parent = Table::default();
        parent.checks.insert("k_set".into(), check("k <> ''"));
        parent.indexes.insert("m_id".into(), Index::default());
        let mut live = Table::default();
        let copy = |constraint, name: &str, parent_name: &str| PartitionMember {
            constraint,
            name: name.into(),
            parent_name: parent_name.into(),
        };
        live.partition_members = PartitionMembers(vec![
            copy(true, "k_set", "k_set"),
            copy(false, "m_a_id_idx", "m_id"),
        ]);
        let name = QualifiedName::new("public", "m_a");
        let mut declared = Table::default();
        assert_eq!(
            drop_copies(&name, &declared, &live, Some(&parent)),
            [
                r#"ALTER TABLE "public"."m_a" DROP CONSTRAINT "k_set""#,
                r#"DROP INDEX "public"."m_a_id_idx""#
            ]
        );
        declared.checks.insert("k_set".into(), check("k <> ''"));
        declared
            .indexes
            .insert("m_a_id_idx".into(), Index::default());
        assert!(drop_copies(&name, &declared, &live, Some(&parent)).is_empty());
        // Declared under the copy's name but otherwise: dropped, and added as declared.
        declared.checks.insert("k_set".into(), check("k > ''"));
        assert_eq!(drop_copies(&name, &declared, &live, Some(&parent)).len(), 1);
    }
}
