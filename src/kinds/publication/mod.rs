//! Publications (`CREATE PUBLICATION`, logical replication): database-wide, by name (their
//! names are not schema-qualified).
//!
//! Declared top-level in schema.yaml as a list under `publications:`. Unlike event triggers they
//! are created in the scratch database like tables (a non-superuser may create a publication of
//! its own tables), so row filters come back deparsed by the same server as the live side's and
//! odd spellings compare equal. `FOR ALL TABLES` and `FOR TABLES IN SCHEMA` need a superuser
//! there: [`explain_error`] says so.
//!
//! `load` validates, `catalog` reads `pg_publication` (+ `_rel`, `_namespace`), `diff` compares,
//! `ddl` emits SQL, `plan` orders the steps (what leaves a publication first, what joins last).

pub mod catalog;
pub mod ddl;
pub mod diff;
pub mod load;
pub mod model;
pub mod plan;

pub use model::{Operation, Publication, PublishedTable};

use crate::load::ObjectKey;
use crate::model::Schema;

/// A declared publication the server's major version cannot build (column lists, row filters
/// and `FOR TABLES IN SCHEMA` are PostgreSQL 15+), with the message; checked before anything is
/// created, since PostgreSQL 14 would only say `syntax error`.
pub(crate) fn needs_newer_server(schema: &Schema, major: u32) -> Option<(ObjectKey, String)> {
    if major >= 15 {
        return None;
    }
    schema.publications.iter().find_map(|p| {
        let what = if !p.schemas.is_empty() {
            "`schemas` (FOR TABLES IN SCHEMA)"
        } else if p.tables.iter().any(|t| !t.columns.is_empty()) {
            "a column list (`columns`)"
        } else if p.tables.iter().any(|t| t.filter.is_some()) {
            "a row filter (`where`)"
        } else {
            return None;
        };
        let msg = format!(
            "{what} of a publication needs PostgreSQL 15 or later; the normalizing server runs PostgreSQL {major}"
        );
        Some((ObjectKey::Publication(p.name.clone()), msg))
    })
}

/// The tables the declared publications name, for what must exist before they are created.
pub fn named_tables(schema: &Schema) -> impl Iterator<Item = &crate::model::QualifiedName> {
    schema
        .publications
        .iter()
        .flat_map(|p| p.tables.iter().map(|t| &t.table))
}

/// `message` (PostgreSQL's error for `sql`), with a hint when a publication of all tables or of
/// a schema's tables is created by a role that is not a superuser.
pub fn explain_error(sql: &str, e: &tokio_postgres::Error, message: String) -> String {
    let wide = sql.starts_with("CREATE PUBLICATION ") || sql.starts_with("ALTER PUBLICATION ");
    if wide && e.code() == Some(&tokio_postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
        format!("{message}\n  hint: a publication FOR ALL TABLES or FOR TABLES IN SCHEMA needs a superuser; connect as one (to normalize a declaration, `--dev-url ephemeral` runs a throw-away server where pgdrift is one)")
    } else {
        message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pg14_refuses_what_it_lacks() {
        let mut s = Schema::default();
        s.publications.push(Publication {
            name: "p".into(),
            ..Default::default()
        });
        assert!(needs_newer_server(&s, 14).is_none());
        s.publications[0].schemas.push("app".into());
        let (key, msg) = needs_newer_server(&s, 14).expect("refused");
        assert_eq!(key.to_string(), "publication p");
        assert!(msg.contains("FOR TABLES IN SCHEMA"), "{msg}");
        assert!(needs_newer_server(&s, 15).is_none());
    }
}
