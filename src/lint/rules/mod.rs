//! The lint rules, one module each. [`ALL`] is the registry, in report order.

pub mod bigint_keys;
pub mod fk_indexed;
pub mod fk_type_match;
pub mod has_primary_key;
pub mod naming;
pub mod no_duplicate_index;
pub mod no_serial;
pub mod not_null_with_default;
pub mod timestamptz;
pub mod varchar_vs_text;

use super::Rule;

/// Every rule, in the order findings of one object are reported.
pub const ALL: &[&Rule] = &[
    &has_primary_key::RULE,
    &bigint_keys::RULE,
    &fk_type_match::RULE,
    &fk_indexed::RULE,
    &timestamptz::RULE,
    &no_serial::RULE,
    &no_duplicate_index::RULE,
    &varchar_vs_text::RULE,
    &not_null_with_default::RULE,
    &naming::RULE,
];

#[cfg(test)]
pub(crate) mod testing {
    //! Rule unit tests build schemas from YAML through the real loader.
    use crate::lint::{Config, Context, Hit};
    use crate::model::Schema;

    pub fn schema(yaml: &str) -> Schema {
        match crate::load::load_schema_str(yaml, "schema.yaml") {
            Ok(d) => d.schema,
            Err(e) => panic!("test schema does not load: {e}"),
        }
    }

    /// The hits of one rule as `object: message` lines.
    pub fn hits(check: fn(&Context) -> Vec<Hit>, yaml: &str) -> Vec<String> {
        let schema = schema(yaml);
        let config = Config::default();
        check(&Context {
            schema: &schema,
            config: &config,
        })
        .into_iter()
        .map(|h| format!("{}: {}", h.key, h.message))
        .collect()
    }
}
