//! Extension SQL: `CREATE`/`ALTER`/`DROP EXTENSION`.
//!
//! Conventions (quoting, no trailing semicolon, never `CASCADE`) are those of `crate::ddl`,
//! which re-exports everything here so callers keep using `ddl::create_extension` and friends.

use crate::ddl::Statement;
use crate::model::{quote_ident, quote_literal, Extension, Schema};

/// `IF NOT EXISTS` because a fresh database may already have it (plpgsql, or whatever the
/// template database carries); the model states presence, not who installed it.
pub fn create_extension(name: &str, ext: &Extension) -> String {
    let mut sql = format!("CREATE EXTENSION IF NOT EXISTS {}", quote_ident(name));
    if let Some(schema) = &ext.schema {
        sql.push_str(&format!(" SCHEMA {}", quote_ident(schema)));
    }
    if let Some(version) = &ext.version {
        sql.push_str(&format!(" VERSION {}", quote_literal(version)));
    }
    sql
}

/// `COMMENT ON EXTENSION`: `""` removes the comment, `None` restores the control file's, which
/// only the server knows (so a `DO` block reads it from `pg_available_extensions`).
pub fn comment_on_extension(name: &str, comment: Option<&str>) -> String {
    match comment {
        Some("") => format!("COMMENT ON EXTENSION {} IS NULL", quote_ident(name)),
        Some(text) => format!(
            "COMMENT ON EXTENSION {} IS {}",
            quote_ident(name),
            quote_literal(text)
        ),
        None => format!(
            "DO $pgdrift$BEGIN EXECUTE format('COMMENT ON EXTENSION %I IS %L', {n}, \
             (SELECT comment FROM pg_available_extensions WHERE name = {n})); END$pgdrift$",
            n = quote_literal(name)
        ),
    }
}

pub fn drop_extension(name: &str) -> String {
    format!("DROP EXTENSION {}", quote_ident(name))
}

pub fn alter_extension_update(name: &str, version: &str) -> String {
    format!(
        "ALTER EXTENSION {} UPDATE TO {}",
        quote_ident(name),
        quote_literal(version)
    )
}

pub fn alter_extension_schema(name: &str, schema: &str) -> String {
    format!(
        "ALTER EXTENSION {} SET SCHEMA {}",
        quote_ident(name),
        quote_ident(schema)
    )
}

/// The extensions' part of `ddl::create_script`, in model order: they come before the types
/// and tables that may use what they install.
pub fn create_statements(schema: &Schema) -> Vec<Statement> {
    let mut out = Vec::new();
    for (name, ext) in &schema.extensions {
        let object = format!("extension {name}");
        out.push(Statement::new(create_extension(name, ext), object.clone()));
        if let Some(c) = &ext.comment {
            out.push(Statement::new(comment_on_extension(name, Some(c)), object));
        }
    }
    out
}
