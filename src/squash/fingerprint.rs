//! The fingerprint a squash records in its header, and the header itself: one line later says
//! whether a database is still exactly what the squash built.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::ALEMBIC_VERSION;
use crate::app;
use crate::conn::DbUrl;
use crate::error::Error;
use crate::model::{QualifiedName, Schema, DEFAULT_SCHEMA};
use crate::normalize;

/// Removes what is not the built schema's shape: intent-only fields (`renamed_from`, `ignore`),
/// derived ones (`depends_on`), the printing version, and extension versions (a declaration
/// without one installs whatever the server offers). Map order is made canonical except where
/// order is part of the schema (columns, enum labels, key columns).
pub fn canonical(schema: &Schema) -> Schema {
    let mut s = schema.clone();
    s.postgres = None;
    s.ignore.clear();
    s.schemas.retain(|n| n != DEFAULT_SCHEMA);
    s.schemas.sort();
    s.schemas.dedup();
    for ext in s.extensions.values_mut() {
        ext.version = None;
    }
    s.extensions.sort_keys();
    s.enums.sort_keys();
    s.collations.sort_keys();
    s.domains.sort_keys();
    s.types.sort_keys();
    s.ranges.sort_keys();
    s.sequences.sort_keys();
    s.tables
        .shift_remove(&QualifiedName::new(DEFAULT_SCHEMA, ALEMBIC_VERSION));
    s.tables.sort_keys();
    for t in s.tables.values_mut() {
        t.renamed_from = None;
        for c in t.columns.values_mut() {
            c.renamed_from = None;
        }
        for x in t.unique.values_mut() {
            x.renamed_from = None;
        }
        for x in t.checks.values_mut() {
            x.renamed_from = None;
        }
        for x in t.foreign_keys.values_mut() {
            x.renamed_from = None;
        }
        for x in t.exclusions.values_mut() {
            x.renamed_from = None;
        }
        for x in t.indexes.values_mut() {
            x.renamed_from = None;
        }
        t.unique.sort_keys();
        t.checks.sort_keys();
        t.foreign_keys.sort_keys();
        t.exclusions.sort_keys();
        t.indexes.sort_keys();
    }
    s.functions.sort_keys();
    for f in s.functions.values_mut() {
        f.depends_on.clear();
        f.used_by.clear();
    }
    s.triggers.sort_keys();
    s.triggers.values_mut().for_each(|t| t.sort_keys());
    s.rules.sort_keys();
    s.rules.values_mut().for_each(|t| t.sort_keys());
    s.views.sort_keys();
    for v in s.views.values_mut() {
        v.depends_on.clear();
        v.definition = v
            .definition
            .trim()
            .trim_end_matches(';')
            .trim_end()
            .to_string();
        for x in v.indexes.values_mut() {
            x.renamed_from = None;
        }
        v.indexes.sort_keys();
    }
    normalize::canonicalize_equivalents(&mut s);
    s
}

/// `sha256:<hex>` over the canonical JSON form of `schema` (see [`canonical`]): equal for two
/// databases exactly when their introspected schemas are equal, whatever their catalog OIDs.
pub fn fingerprint(schema: &Schema) -> String {
    let canonical = canonical(schema);
    // Serializing plain data (strings, maps, numbers) cannot fail; an empty string would still
    // give a fingerprint that matches nothing real.
    let json = serde_json::to_string(&canonical).unwrap_or_default();
    let digest = Sha256::digest(json.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// What a squash header records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub source: Option<String>,
    pub postgres: Option<String>,
    /// Schemas read besides `public` (pass them to [`check_fingerprint`]).
    pub schemas: Vec<String>,
    pub fingerprint: Option<String>,
}

/// Parses the header of a squash (SQL `--` or Python `#` comments).
pub fn parse_header(text: &str) -> Header {
    let mut h = Header::default();
    for line in text.lines().take(40) {
        let t = line.trim();
        let body = if let Some(b) = t.strip_prefix("--") {
            b
        } else if let Some(b) = t.strip_prefix('#') {
            b
        } else {
            continue;
        };
        let body = body.trim();
        if let Some(v) = body.strip_prefix("fingerprint:") {
            let v = v.trim();
            if v.starts_with("sha256:") && h.fingerprint.is_none() {
                h.fingerprint = Some(v.to_string());
            }
        } else if let Some(v) = body.strip_prefix("source:") {
            h.source.get_or_insert(v.trim().to_string());
        } else if let Some(v) = body.strip_prefix("postgres:") {
            h.postgres.get_or_insert(v.trim().to_string());
        } else if let Some(v) = body.strip_prefix("schemas:") {
            if h.schemas.is_empty() {
                h.schemas = v
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
            }
        }
    }
    h
}

/// The fingerprint recorded in a squash, given its path or its text.
pub fn read_fingerprint(path_or_text: &str) -> Option<String> {
    let path = Path::new(path_or_text);
    if !path_or_text.contains('\n') && path.is_file() {
        let text = std::fs::read_to_string(path).ok()?;
        return parse_header(&text).fingerprint;
    }
    parse_header(path_or_text).fingerprint
}

/// Schemas to read for a fingerprint check: `public` plus the given ones.
fn read_list(schemas: &[String]) -> Vec<String> {
    let mut out = vec![DEFAULT_SCHEMA.to_string()];
    for s in schemas {
        if !out.contains(s) {
            out.push(s.clone());
        }
    }
    out
}

/// Whether the database at `url` is exactly what a squash with fingerprint `expected` built.
/// `schemas`: the schemas besides `public` the squash covered (its header's `schemas:` line).
/// `alembic_version` is left out.
pub async fn check_fingerprint(
    url: &DbUrl,
    schemas: &[String],
    expected: &str,
) -> Result<bool, Error> {
    let r = app::read_db(url, &read_list(schemas)).await?;
    Ok(fingerprint(&r.schema) == expected.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_round_trips() {
        let text = "-- pgdrift squash: x\n-- source: a.yaml\n-- postgres: 16\n-- schemas: public, audit\n-- fingerprint: sha256:abc\nBEGIN;\n";
        let h = parse_header(text);
        assert_eq!(h.fingerprint.as_deref(), Some("sha256:abc"));
        assert_eq!(h.schemas, vec!["public", "audit"]);
        assert_eq!(h.postgres.as_deref(), Some("16"));
        assert_eq!(
            read_fingerprint("# fingerprint: sha256:ff\n").as_deref(),
            Some("sha256:ff")
        );
        assert_eq!(read_fingerprint("nothing here\n"), None);
    }
}
