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
    schema
        .extensions
        .iter()
        .map(|(name, ext)| Statement::new(create_extension(name, ext), format!("extension {name}")))
        .collect()
}
