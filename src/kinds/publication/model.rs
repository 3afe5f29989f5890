//! The publication model, shared by schema.yaml and snapshots.

use serde::{Deserialize, Serialize};

use crate::model::{is_false, QualifiedName};

/// One operation a publication publishes (`publish = 'insert, update'`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    Insert,
    Update,
    Delete,
    Truncate,
}

impl Operation {
    pub const ALL: [Operation; 4] = [
        Operation::Insert,
        Operation::Update,
        Operation::Delete,
        Operation::Truncate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Insert => "insert",
            Operation::Update => "update",
            Operation::Delete => "delete",
            Operation::Truncate => "truncate",
        }
    }
}

/// PostgreSQL's default, and schema.yaml's when `publish` is left out: every operation.
fn all_operations() -> Vec<Operation> {
    Operation::ALL.to_vec()
}

fn is_all_operations(ops: &[Operation]) -> bool {
    canonical_operations(ops) == Operation::ALL
}

/// Operations in PostgreSQL's order, without duplicates: the form both sides compare in.
pub fn canonical_operations(ops: &[Operation]) -> Vec<Operation> {
    let mut out = ops.to_vec();
    out.sort();
    out.dedup();
    out
}

/// One publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    pub name: String,
    /// `FOR ALL TABLES` (then no `tables` nor `schemas`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub all_tables: bool,
    /// `FOR TABLE ...`, by table name (the catalog reader sorts them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<PublishedTable>,
    /// `FOR TABLES IN SCHEMA ...` (PostgreSQL 15+), sorted by the catalog reader.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<String>,
    /// `publish = '...'`; left out: all four; `[]`: nothing.
    #[serde(default = "all_operations", skip_serializing_if = "is_all_operations")]
    pub publish: Vec<Operation>,
    /// `publish_via_partition_root`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub via_partition_root: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Default for Publication {
    fn default() -> Self {
        Publication {
            name: String::new(),
            all_tables: false,
            tables: Vec::new(),
            schemas: Vec::new(),
            publish: all_operations(),
            via_partition_root: false,
            comment: None,
        }
    }
}

/// One table of a publication, with its column list and row filter (PostgreSQL 15+).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedTable {
    pub table: QualifiedName,
    /// Empty: every column. The catalog gives them in the table's column order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// The row filter (`WHERE (...)`), as PostgreSQL deparses it on the read side.
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
}

impl Publication {
    /// The member for `table`, if it is one.
    pub fn member(&self, table: &QualifiedName) -> Option<&PublishedTable> {
        self.tables.iter().find(|t| &t.table == table)
    }

    /// The schemas `self` publishes the tables of and `other` does not.
    pub fn schemas_not_in(&self, other: &Publication) -> Vec<&String> {
        self.schemas
            .iter()
            .filter(|s| !other.schemas.contains(s))
            .collect()
    }

    /// Whether both publish the same operations (order and repeats aside).
    pub fn same_operations(&self, other: &Publication) -> bool {
        canonical_operations(&self.publish) == canonical_operations(&other.publish)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_defaults_to_everything_and_empty_is_nothing() {
        let p: Publication = serde_saphyr::from_str("name: p\n").expect("parses");
        assert_eq!(p.publish, Operation::ALL.to_vec());
        let p: Publication = serde_saphyr::from_str("name: p\npublish: []\n").expect("parses");
        assert!(p.publish.is_empty());
        let yaml = serde_saphyr::to_string(&p).expect("writes");
        assert!(yaml.contains("publish: []"), "{yaml}");
        let p: Publication =
            serde_saphyr::from_str("name: p\npublish: [update, insert, update]\n").expect("parses");
        assert_eq!(
            canonical_operations(&p.publish),
            vec![Operation::Insert, Operation::Update]
        );
        assert!(serde_saphyr::from_str::<Publication>("name: p\npublish: [upsert]\n").is_err());
        assert!(serde_saphyr::from_str::<Publication>("name: p\nevery: true\n").is_err());
    }
}
