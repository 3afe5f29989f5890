//! Composite type SQL: `CREATE TYPE .. AS (...)`, `ALTER TYPE .. ADD/DROP/ALTER ATTRIBUTE`.

use super::{Attribute, CompositeType};
use crate::ddl::{comment_literal, quote_dotted, Statement};
use crate::model::{quote_ident, QualifiedName};

fn attribute_sql(name: &str, a: &Attribute) -> String {
    let mut s = format!("{} {}", quote_ident(name), a.data_type);
    if let Some(c) = &a.collation {
        s.push_str(&format!(" COLLATE {}", quote_dotted(c)));
    }
    s
}

pub fn create_type(name: &QualifiedName, t: &CompositeType) -> String {
    let attrs: Vec<String> = t
        .attributes
        .iter()
        .map(|(n, a)| attribute_sql(n, a))
        .collect();
    format!("CREATE TYPE {} AS ({})", name.sql(), attrs.join(", "))
}

pub fn drop_type(name: &QualifiedName) -> String {
    format!("DROP TYPE {}", name.sql())
}

pub fn add_attribute(name: &QualifiedName, attr: &str, a: &Attribute) -> String {
    format!(
        "ALTER TYPE {} ADD ATTRIBUTE {}",
        name.sql(),
        attribute_sql(attr, a)
    )
}

pub fn drop_attribute(name: &QualifiedName, attr: &str) -> String {
    format!(
        "ALTER TYPE {} DROP ATTRIBUTE {}",
        name.sql(),
        quote_ident(attr)
    )
}

/// `ALTER TYPE t ALTER ATTRIBUTE a SET DATA TYPE x [COLLATE c]` (refused by PostgreSQL while a
/// table column uses the type).
pub fn alter_attribute(name: &QualifiedName, attr: &str, a: &Attribute) -> String {
    let mut s = format!(
        "ALTER TYPE {} ALTER ATTRIBUTE {} SET DATA TYPE {}",
        name.sql(),
        quote_ident(attr),
        a.data_type
    );
    if let Some(c) = &a.collation {
        s.push_str(&format!(" COLLATE {}", quote_dotted(c)));
    }
    s
}

pub fn comment(name: &QualifiedName, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON TYPE {} IS {}",
        name.sql(),
        comment_literal(comment)
    )
}

/// `COMMENT ON COLUMN type.attribute IS ...`.
pub fn comment_attribute(name: &QualifiedName, attr: &str, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON COLUMN {}.{} IS {}",
        name.sql(),
        quote_ident(attr),
        comment_literal(comment)
    )
}

/// One type's statements for a creation script: the CREATE, then its comments.
pub fn create_one(name: &QualifiedName, t: &CompositeType) -> Vec<Statement> {
    let object = format!("type {name}");
    let mut out = vec![Statement::new(create_type(name, t), object.clone())];
    if t.comment.is_some() {
        out.push(Statement::new(
            comment(name, t.comment.as_deref()),
            object.clone(),
        ));
    }
    for (attr, c) in &t.attribute_comments {
        let sql = comment_attribute(name, attr, Some(c));
        out.push(Statement::new(sql, object.clone()));
    }
    out
}
