//! The unknown-type hint: where a type that is neither built in nor declared should go.

use crate::model::{QualifiedName, DEFAULT_SCHEMA};

/// What the loader knows when a type is unknown: the schemas of the project, to point the user
/// somewhere useful (item 2 of issue 13): declare the type under the key of its kind, or, when
/// the project came from `inspect` of fewer schemas than the type lives in, read its schema too.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// Every schema the project declares or puts an object in, sorted.
    pub schemas: Vec<String>,
}

impl Known {
    pub fn of(schema: &crate::model::Schema) -> Known {
        let mut schemas: Vec<String> = vec![DEFAULT_SCHEMA.to_string()];
        schemas.extend(schema.schemas.iter().cloned());
        let keys = schema
            .tables
            .keys()
            .chain(schema.enums.keys())
            .chain(schema.domains.keys())
            .chain(schema.types.keys())
            .chain(schema.ranges.keys())
            .chain(schema.sequences.keys());
        schemas.extend(keys.map(|q| q.schema.clone()));
        schemas.sort();
        schemas.dedup();
        Known { schemas }
    }

    /// `error` with a hint appended when it is about an unknown type.
    pub fn hint(&self, text: &str, error: String) -> String {
        if !error.starts_with("unknown type") {
            return error;
        }
        let read = self.schemas.join(", ");
        let keys = "`enums:`, `domains:`, `types:` (composite) or `ranges:`";
        if error.contains("did you mean") {
            return format!("{error} (or declare a user-defined type under {keys})");
        }
        let error = error.replace(" (see docs/schema-format.md for the built-in names)", "");
        let base = text.trim().trim_end_matches("[]");
        let schema = QualifiedName::parse(base)
            .ok()
            .filter(|q| base.contains('.') && !self.schemas.contains(&q.schema));
        match schema {
            Some(q) => format!(
                "{error}: schema `{s}` is not part of this project (its schemas: {read}). Declare the type in schema.yaml under {keys} as `{d}`, or, if schema.yaml was written by `pgdrift inspect`, inspect again with `--schema {s}` added",
                s = q.schema,
                d = q.display_name()
            ),
            None => format!(
                "{error}: not a built-in type (docs/schema-format.md lists them) and not declared in this project (its schemas: {read}). Declare it in schema.yaml under {keys}; if it lives in a schema that `pgdrift inspect` did not read, inspect again with `--schema <that schema>` added"
            ),
        }
    }
}
