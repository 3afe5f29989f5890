//! The foreign server model, shared by schema.yaml and snapshots.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Generic options (`OPTIONS (host 'db', port '5432')`): a map, sorted by name, since
/// PostgreSQL gives them no meaningful order.
pub type Options = BTreeMap<String, String>;

/// One foreign server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForeignServer {
    pub name: String,
    /// The foreign-data wrapper (`FOREIGN DATA WRAPPER postgres_fdw`).
    pub wrapper: String,
    /// `TYPE '...'`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub server_type: Option<String>,
    /// `VERSION '...'`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: Options,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_sorted_options() {
        let yaml = "name: s\nwrapper: postgres_fdw\ntype: pg\noptions: {port: '5432', host: db}\n";
        let s: ForeignServer = serde_saphyr::from_str(yaml).expect("parses");
        assert_eq!(s.server_type.as_deref(), Some("pg"));
        let out = serde_saphyr::to_string(&s).expect("writes");
        let host = out.find("host").expect("host");
        assert!(host < out.find("port").expect("port"), "{out}");
        assert!(serde_saphyr::from_str::<ForeignServer>("name: s\n").is_err());
        assert!(serde_saphyr::from_str::<ForeignServer>("name: s\nwrapper: w\nhost: x\n").is_err());
    }
}
