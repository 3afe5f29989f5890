//! Enum type SQL: `CREATE TYPE .. AS ENUM`, adding a label, renaming, dropping.
//!
//! Conventions (quoting, no trailing semicolon, never `CASCADE`) are those of `crate::ddl`,
//! which re-exports everything here so callers keep using `ddl::create_enum` and friends.

use crate::ddl::Statement;
use crate::model::{quote_ident, quote_literal, QualifiedName, Schema};

/// Where `ALTER TYPE ... ADD VALUE` puts the new label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumValuePosition<'a> {
    Before(&'a str),
    After(&'a str),
}

pub fn create_enum(name: &QualifiedName, labels: &[String]) -> String {
    let labels: Vec<String> = labels.iter().map(|l| quote_literal(l)).collect();
    format!("CREATE TYPE {} AS ENUM ({})", name.sql(), labels.join(", "))
}

pub fn comment_on_enum(name: &QualifiedName, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON TYPE {} IS {}",
        name.sql(),
        crate::ddl::comment_literal(comment)
    )
}

/// The enums' comments, for the comments part of `ddl::create_script`.
pub fn comment_statements(schema: &Schema) -> Vec<Statement> {
    let with_enum = schema.enum_comments.iter();
    with_enum
        .filter(|(q, _)| schema.enums.contains_key(*q))
        .map(|(q, c)| {
            Statement::new(
                comment_on_enum(q, Some(c)),
                format!("enum {}", q.display_name()),
            )
        })
        .collect()
}

pub fn drop_enum(name: &QualifiedName) -> String {
    format!("DROP TYPE {}", name.sql())
}

/// `ALTER TYPE t RENAME TO "new"` (enums; the schema does not change).
pub fn rename_type(old: &QualifiedName, new_name: &str) -> String {
    format!(
        "ALTER TYPE {} RENAME TO {}",
        old.sql(),
        quote_ident(new_name)
    )
}

/// `ALTER TYPE e ADD VALUE 'v' [BEFORE|AFTER 'w']`. The new label cannot be used in the same
/// transaction that adds it.
pub fn alter_enum_add_value(
    name: &QualifiedName,
    value: &str,
    position: Option<EnumValuePosition>,
) -> String {
    let mut sql = format!(
        "ALTER TYPE {} ADD VALUE {}",
        name.sql(),
        quote_literal(value)
    );
    match position {
        Some(EnumValuePosition::Before(other)) => {
            sql.push_str(&format!(" BEFORE {}", quote_literal(other)))
        }
        Some(EnumValuePosition::After(other)) => {
            sql.push_str(&format!(" AFTER {}", quote_literal(other)))
        }
        None => {}
    }
    sql
}

/// The enums' part of `ddl::create_script`, in model order: after extensions (a label set
/// needs nothing) and before the tables whose columns use them.
pub fn create_statements(schema: &Schema) -> Vec<Statement> {
    schema
        .enums
        .iter()
        .map(|(name, labels)| Statement::new(create_enum(name, labels), format!("enum {name}")))
        .collect()
}
