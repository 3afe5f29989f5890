//! The collation model: provider, locale settings, determinism, ICU rules.

use crate::model::{is_true, yes};
use serde::{Deserialize, Serialize};

/// A collation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collation {
    /// `libc` (the default), `icu` or `builtin`.
    #[serde(default = "libc", skip_serializing_if = "is_libc")]
    pub provider: String,
    /// For libc: `LC_COLLATE` and `LC_CTYPE` both; for icu and builtin: the locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lc_collate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lc_ctype: Option<String>,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub deterministic: bool,
    /// ICU tailoring rules (PostgreSQL 16+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Default for Collation {
    fn default() -> Self {
        Collation {
            provider: libc(),
            locale: None,
            lc_collate: None,
            lc_ctype: None,
            deterministic: true,
            rules: None,
            comment: None,
        }
    }
}

fn libc() -> String {
    "libc".to_string()
}

fn is_libc(p: &String) -> bool {
    p == "libc"
}

/// The providers `CREATE COLLATION` accepts.
pub const PROVIDERS: &[&str] = &["libc", "icu", "builtin"];
