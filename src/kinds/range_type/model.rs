//! The range type model: subtype and the options PostgreSQL does not pick by itself.

use serde::{Deserialize, Serialize};

/// A range type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeType {
    /// The element type, as `format_type` prints it.
    pub subtype: String,
    /// A B-tree operator class of the subtype, when not its default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype_opclass: Option<String>,
    /// When it differs from the subtype's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// A function name (`regproc` spelling).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype_diff: Option<String>,
    /// The multirange type's name (same schema), when not the one PostgreSQL derives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multirange: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl RangeType {
    /// The multirange type's name: the declared one, or PostgreSQL's derivation (the first
    /// `range` in the name becomes `multirange`; otherwise `_multirange` is appended).
    pub fn multirange_name(&self, range_name: &str) -> String {
        self.multirange
            .clone()
            .unwrap_or_else(|| default_multirange_name(range_name))
    }
}

/// `makeMultirangeTypeName` in PostgreSQL's `typecmds.c` (without its truncation to 63 bytes).
pub fn default_multirange_name(range_name: &str) -> String {
    match range_name.find("range") {
        Some(i) => format!(
            "{}multirange{}",
            &range_name[..i],
            &range_name[i + "range".len()..]
        ),
        None => format!("{range_name}_multirange"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multirange_names() {
        assert_eq!(default_multirange_name("floatrange"), "floatmultirange");
        assert_eq!(default_multirange_name("rangex_range"), "multirangex_range");
        assert_eq!(default_multirange_name("period"), "period_multirange");
    }
}
