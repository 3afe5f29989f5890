//! The domain model: base type, default, NOT NULL, named checks (their validity and comments),
//! collation, comment.

use crate::model::{is_false, sql_scalar_opt};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// A domain over a base type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    /// The base type, as `format_type` prints it once normalized.
    #[serde(rename = "type")]
    pub data_type: String,
    /// A SQL expression, like a column default.
    #[serde(
        default,
        deserialize_with = "sql_scalar_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub not_null: bool,
    /// Named check constraints: `{name: "VALUE > 0"}` (the expression inside `CHECK (...)`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub checks: IndexMap<String, String>,
    /// The checks added `NOT VALID` (values stored before were not checked), by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_valid: Vec<String>,
    /// `COMMENT ON CONSTRAINT check ON DOMAIN`, by check name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub check_comments: IndexMap<String, String>,
    /// Only when it differs from the base type's (`"C"`, `audit.german`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}
