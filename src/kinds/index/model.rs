//! The index model (on tables and materialized views).

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use indexmap::IndexMap;

use crate::model::is_false;

/// An index. `columns` are SQL key elements exactly as they would appear inside
/// `CREATE INDEX ... (...)`: a column (`symbol`, `"Symbol"`), an expression (`lower(symbol)`),
/// with opclass, collation, `DESC`, `NULLS FIRST` as needed. YAML short form: `name: [keys]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Index {
    #[serde(skip_serializing_if = "is_false")]
    pub unique: bool,
    #[serde(rename = "using", skip_serializing_if = "is_btree")]
    pub method: String,
    pub columns: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    #[serde(rename = "where", skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    #[serde(skip_serializing_if = "is_false")]
    pub nulls_not_distinct: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// Storage parameters: `CREATE INDEX … WITH (fillfactor = 70)` is `with: {fillfactor: 70}`.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub with: IndexMap<String, String>,
    /// `TABLESPACE name`; absent: the database's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tablespace: Option<String>,
}

fn is_btree(m: &String) -> bool {
    m == "btree"
}

impl Default for Index {
    fn default() -> Self {
        Index {
            unique: false,
            method: "btree".to_string(),
            columns: Vec::new(),
            include: Vec::new(),
            predicate: None,
            nulls_not_distinct: false,
            comment: None,
            renamed_from: None,
            with: IndexMap::new(),
            tablespace: None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndexLong {
    #[serde(default)]
    unique: bool,
    #[serde(default, rename = "using")]
    method: Option<String>,
    columns: Vec<String>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default, rename = "where")]
    predicate: Option<String>,
    #[serde(default)]
    nulls_not_distinct: bool,
    #[serde(default)]
    comment: Option<String>,
    #[serde(default)]
    renamed_from: Option<String>,
    #[serde(default, deserialize_with = "crate::kinds::table::shape::options_map")]
    with: IndexMap<String, String>,
    #[serde(default)]
    tablespace: Option<String>,
}

/// `using` is an SQL identifier, as after `USING` in `CREATE INDEX`: `HASH` is `hash`, and only
/// a double-quoted name keeps its case.
fn fold_method(m: &str) -> String {
    let m = m.trim();
    match m.strip_prefix('"').and_then(|q| q.strip_suffix('"')) {
        Some(quoted) => quoted.replace("\"\"", "\""),
        None => m.to_ascii_lowercase(),
    }
}

impl<'de> Deserialize<'de> for Index {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct IxVisitor;
        impl<'de> Visitor<'de> for IxVisitor {
            type Value = Index;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a list of key columns/expressions or a map with `columns` and index options",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Index {
                    columns: vec![v.to_string()],
                    ..Default::default()
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                let columns =
                    Vec::<String>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Index {
                    columns,
                    ..Default::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let l = IndexLong::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Index {
                    unique: l.unique,
                    method: l
                        .method
                        .map_or_else(|| "btree".to_string(), |m| fold_method(&m)),
                    columns: l.columns,
                    include: l.include,
                    predicate: l.predicate,
                    nulls_not_distinct: l.nulls_not_distinct,
                    comment: l.comment,
                    renamed_from: l.renamed_from,
                    with: l.with,
                    tablespace: l.tablespace,
                })
            }
        }
        d.deserialize_any(IxVisitor)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn using_folds_like_sql() {
        assert_eq!(super::fold_method("HASH"), "hash");
        assert_eq!(super::fold_method(" Gin "), "gin");
        assert_eq!(super::fold_method("\"MyAm\""), "MyAm");
    }
}
