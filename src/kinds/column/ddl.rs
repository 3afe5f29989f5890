//! Column SQL: the column definition, `ADD`/`DROP`/`RENAME COLUMN` and every `ALTER COLUMN`
//! (type, collation, default, nullability, identity, generated expression), and the column
//! comment.
//!
//! Conventions (quoting, no trailing semicolon, never `CASCADE`) are those of `crate::ddl`,
//! which re-exports everything here so callers keep using `ddl::add_column` and friends.

use indexmap::IndexMap;

use super::identity::options_clause;
use crate::ddl::{
    alter_table, comment_literal, member_comment_statements, quote_dotted, Statement,
};
use crate::model::{quote_ident, Column, Identity, QualifiedName};
use crate::squash::stabilize_expression;

/// `"name" type [COLLATE c] [DEFAULT e] [GENERATED ALWAYS AS (e) STORED] [GENERATED .. AS
/// IDENTITY] [NOT NULL]`.
pub fn column_definition(name: &str, col: &Column) -> String {
    column_definition_in(None, name, col)
}

/// [`column_definition`] of a column of `table`, whose schema qualifies an identity sequence's
/// name.
pub fn column_definition_in(table: Option<&QualifiedName>, name: &str, col: &Column) -> String {
    let mut sql = format!("{} {}", quote_ident(name), col.data_type);
    // A foreign table's column options (`kinds::foreign::table`) follow the type.
    sql.push_str(&crate::kinds::foreign::ddl::options_clause(&col.options));
    if let Some(compression) = &col.compression {
        sql.push_str(&format!(" COMPRESSION {}", quote_ident(compression)));
    }
    if let Some(collation) = &col.collation {
        sql.push_str(&format!(" COLLATE {}", quote_dotted(collation)));
    }
    // Expressions at PostgreSQL's deparse fixpoint (see `squash::stabilize_expression`).
    if let Some(default) = &col.default {
        sql.push_str(&format!(" DEFAULT {}", stabilize_expression(default)));
    }
    if let Some(generated) = &col.generated {
        let generated = stabilize_expression(generated);
        // The kind always spelled: a bare clause means VIRTUAL on 18 and STORED before.
        sql.push(' ');
        sql.push_str(&super::generated::clause(&generated, col.generated_kind));
    }
    if let Some(identity) = col.identity {
        sql.push(' ');
        sql.push_str(identity.sql());
        sql.push_str(&options_clause(table, &col.identity_options));
    }
    if !col.nullable {
        // Before PostgreSQL 18 the name is accepted and dropped (`not_null_name` is then None).
        if let Some(n) = &col.not_null_name {
            sql.push_str(&format!(" CONSTRAINT {}", quote_ident(n)));
        }
        sql.push_str(" NOT NULL");
    }
    sql
}

/// `ALTER TABLE t ALTER COLUMN c SET STORAGE x` (PostgreSQL 15 has no STORAGE in a column
/// definition, so it always follows the CREATE TABLE or ADD COLUMN).
pub fn set_storage(table: &QualifiedName, column: &str, storage: &str) -> String {
    format!(
        "{} SET STORAGE {}",
        alter_column(table, column),
        storage_keyword(storage)
    )
}

/// `SET STORAGE DEFAULT` (PostgreSQL 16+): back to the storage of the column's type.
pub fn reset_storage(table: &QualifiedName, column: &str) -> String {
    format!("{} SET STORAGE DEFAULT", alter_column(table, column))
}

/// `ALTER TABLE t ALTER COLUMN c SET COMPRESSION x` (`default` when none is declared).
pub fn set_compression(table: &QualifiedName, column: &str, compression: Option<&str>) -> String {
    let c = compression
        .map(quote_ident)
        .unwrap_or_else(|| "DEFAULT".to_string());
    format!("{} SET COMPRESSION {c}", alter_column(table, column))
}

/// One of the four storage keywords (anything else would not be SQL we emit).
fn storage_keyword(s: &str) -> &'static str {
    match s.to_ascii_lowercase().as_str() {
        "plain" => "PLAIN",
        "external" => "EXTERNAL",
        "main" => "MAIN",
        _ => "EXTENDED",
    }
}

pub fn add_column(table: &QualifiedName, name: &str, col: &Column) -> String {
    format!(
        "{} ADD COLUMN {}",
        alter_table(table),
        column_definition_in(Some(table), name, col)
    )
}

pub fn drop_column(table: &QualifiedName, column: &str) -> String {
    format!("{} DROP COLUMN {}", alter_table(table), quote_ident(column))
}

pub fn rename_column(table: &QualifiedName, old: &str, new_name: &str) -> String {
    format!(
        "{} RENAME COLUMN {} TO {}",
        alter_table(table),
        quote_ident(old),
        quote_ident(new_name)
    )
}

pub fn comment_on_column(table: &QualifiedName, column: &str, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON COLUMN {}.{} IS {}",
        table.sql(),
        quote_ident(column),
        comment_literal(comment)
    )
}

/// `COMMENT ON COLUMN` for each of `table`'s columns that has a comment, in model order,
/// grouped under `object` (the comments of the table).
pub(crate) fn comment_statements_for(
    table: &QualifiedName,
    columns: &IndexMap<String, Column>,
    object: &str,
) -> Vec<Statement> {
    member_comment_statements(
        columns,
        |col| col.comment.as_deref(),
        |name, comment| comment_on_column(table, name, Some(comment)),
        object,
    )
}

pub(crate) fn alter_column(table: &QualifiedName, column: &str) -> String {
    format!(
        "{} ALTER COLUMN {}",
        alter_table(table),
        quote_ident(column)
    )
}

/// `ALTER COLUMN c TYPE t [USING expr]`.
pub fn alter_column_type(
    table: &QualifiedName,
    column: &str,
    new_type: &str,
    using: Option<&str>,
) -> String {
    let mut sql = format!("{} TYPE {}", alter_column(table, column), new_type);
    if let Some(using) = using {
        sql.push_str(&format!(" USING {using}"));
    }
    sql
}

/// Changing a column's collation is `ALTER COLUMN c TYPE t COLLATE x` (same type restated);
/// `None` goes back to the type's default collation.
pub fn alter_column_collation(
    table: &QualifiedName,
    column: &str,
    data_type: &str,
    collation: Option<&str>,
) -> String {
    let collation = match collation {
        Some(c) => quote_dotted(c),
        None => "\"default\"".to_string(),
    };
    format!(
        "{} TYPE {} COLLATE {}",
        alter_column(table, column),
        data_type,
        collation
    )
}

pub fn set_default(table: &QualifiedName, column: &str, expression: &str) -> String {
    let expression = stabilize_expression(expression);
    format!("{} SET DEFAULT {}", alter_column(table, column), expression)
}

pub fn drop_default(table: &QualifiedName, column: &str) -> String {
    format!("{} DROP DEFAULT", alter_column(table, column))
}

pub fn set_not_null(table: &QualifiedName, column: &str) -> String {
    format!("{} SET NOT NULL", alter_column(table, column))
}

pub fn drop_not_null(table: &QualifiedName, column: &str) -> String {
    format!("{} DROP NOT NULL", alter_column(table, column))
}

pub fn add_identity(table: &QualifiedName, column: &str, identity: Identity) -> String {
    format!("{} ADD {}", alter_column(table, column), identity.sql())
}

/// `ADD GENERATED … AS IDENTITY (…)` with the declared sequence options.
pub fn add_identity_with(table: &QualifiedName, column: &str, col: &Column) -> Option<String> {
    let identity = col.identity?;
    let options = options_clause(Some(table), &col.identity_options);
    Some(format!(
        "{}{options}",
        add_identity(table, column, identity)
    ))
}

/// Switches an existing identity column between ALWAYS and BY DEFAULT.
pub fn set_identity(table: &QualifiedName, column: &str, identity: Identity) -> String {
    let kind = match identity {
        Identity::Always => "ALWAYS",
        Identity::ByDefault => "BY DEFAULT",
    };
    format!("{} SET GENERATED {kind}", alter_column(table, column))
}

pub fn drop_identity(table: &QualifiedName, column: &str) -> String {
    format!("{} DROP IDENTITY", alter_column(table, column))
}

/// A generated column's new expression, in place (PostgreSQL 17+; 18 also for VIRTUAL): a
/// STORED column's rows are rewritten, its position and dependents stay.
pub fn set_expression(table: &QualifiedName, column: &str, expression: &str) -> String {
    let expression = stabilize_expression(expression);
    format!(
        "{} SET EXPRESSION AS ({expression})",
        alter_column(table, column)
    )
}

/// Turns a generated column into a plain one, keeping its values (PostgreSQL 13+).
pub fn drop_expression(table: &QualifiedName, column: &str) -> String {
    format!("{} DROP EXPRESSION", alter_column(table, column))
}
