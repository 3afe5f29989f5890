//! schema: CREATE / DROP SCHEMA. A schema is created before anything lives in it and dropped
//! after everything in it was dropped; without CASCADE, so an object pgdrift did not plan to
//! drop makes the drop fail instead of vanishing with it.

use crate::ddl::Statement;
use crate::model::{quote_ident, Schema, DEFAULT_SCHEMA};

pub fn create_schema(name: &str) -> String {
    format!("CREATE SCHEMA {}", quote_ident(name))
}

pub fn drop_schema(name: &str) -> String {
    format!("DROP SCHEMA {}", quote_ident(name))
}

pub fn drop_schema_if_exists(name: &str) -> String {
    format!("DROP SCHEMA IF EXISTS {}", quote_ident(name))
}

/// The declared schemas other than `public` (which every database has), first in a script.
pub fn create_statements(schema: &Schema) -> Vec<Statement> {
    schema
        .schemas
        .iter()
        .filter(|name| *name != DEFAULT_SCHEMA)
        .map(|name| Statement::new(create_schema(name), format!("schema {name}")))
        .collect()
}

/// `COMMENT ON SCHEMA name IS '...'` (or `IS NULL`).
pub fn comment_on_schema(name: &str, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON SCHEMA {} IS {}",
        quote_ident(name),
        crate::ddl::comment_literal(comment)
    )
}

/// The schemas' comments, for the comments part of `ddl::create_script`.
pub fn comment_statements(schema: &Schema) -> Vec<Statement> {
    schema
        .schema_comments
        .iter()
        .map(|(name, c)| Statement::new(comment_on_schema(name, Some(c)), format!("schema {name}")))
        .collect()
}
