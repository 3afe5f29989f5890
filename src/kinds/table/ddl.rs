//! Table SQL: `CREATE`/`DROP`/`RENAME TABLE` and the table comment. A table's members have their
//! own kinds (column, constraint, index); `CREATE TABLE` asks them for its inline items.
//!
//! Conventions (quoting, no trailing semicolon, never `CASCADE`) are those of `crate::ddl`,
//! which re-exports the public functions here so callers keep using `ddl::create_table` and
//! friends.

use super::column_order::Creation;
use crate::ddl::{alter_table, comment_literal, Statement};
use crate::kinds::{column, constraint, index};
use crate::model::{quote_ident, QualifiedName, Schema, Table};

/// `CREATE TABLE` with columns (model order) and inline primary key, unique, check and exclusion
/// constraints. Foreign keys are left out: they are added after every table exists, so tables
/// that reference each other can be created. A partition is `CREATE TABLE … PARTITION OF parent
/// [(its own constraints)] FOR VALUES …`; then `INHERITS`, `PARTITION BY`, `WITH` and
/// `TABLESPACE` follow.
pub fn create_table(name: &QualifiedName, table: &Table) -> String {
    let mut items: Vec<String> = table
        .columns
        .iter()
        .map(|(col_name, col)| column::ddl::column_definition_in(Some(name), col_name, col))
        .collect();
    items.extend(constraint::ddl::inline_clauses(table));
    let persistence = if table.unlogged { "UNLOGGED " } else { "" };
    let noun = crate::kinds::foreign::table::noun(table);
    let mut sql = format!("CREATE {persistence}{noun} {}", name.sql());
    if let Some(parent) = &table.partition_of {
        sql.push_str(&format!(" PARTITION OF {}", parent.sql()));
    }
    if !items.is_empty() {
        sql.push_str(&format!(" (\n    {}\n)", items.join(",\n    ")));
    } else if table.partition_of.is_none() {
        sql.push_str(" ()");
    }
    if table.partition_of.is_some() {
        sql.push(' ');
        sql.push_str(table.bounds.as_deref().unwrap_or("DEFAULT"));
    }
    if !table.inherits.is_empty() {
        let parents: Vec<String> = table.inherits.iter().map(|p| p.sql()).collect();
        sql.push_str(&format!(" INHERITS ({})", parents.join(", ")));
    }
    if let Some(f) = &table.foreign {
        sql.push_str(&crate::kinds::foreign::table::server_clause(f));
    }
    if let Some(key) = &table.partition_by {
        sql.push_str(&format!(" PARTITION BY {key}"));
    }
    sql.push_str(&super::shape::with_clause(&table.with));
    sql.push_str(&super::relopts::tablespace_clause(
        table.tablespace.as_deref(),
    ));
    sql
}

pub fn comment_on_table(table: &QualifiedName, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON TABLE {} IS {}",
        table.sql(),
        comment_literal(comment)
    )
}

/// [`comment_on_table`], or `COMMENT ON FOREIGN TABLE` for a foreign one.
pub fn comment_on(name: &QualifiedName, table: &Table, comment: Option<&str>) -> String {
    let noun = crate::kinds::foreign::table::noun(table);
    let sql = comment_on_table(name, comment);
    sql.replacen("TABLE", noun, 1)
}

pub fn drop_table(name: &QualifiedName) -> String {
    format!("DROP TABLE {}", name.sql())
}

/// [`drop_table`], or `DROP FOREIGN TABLE` for a foreign one.
pub fn drop_relation(name: &QualifiedName, table: &Table) -> String {
    let noun = crate::kinds::foreign::table::noun(table);
    format!("DROP {noun} {}", name.sql())
}

/// `ALTER TABLE old RENAME TO "new"` (the schema does not change).
pub fn rename_table(old: &QualifiedName, new_name: &str) -> String {
    format!("{} RENAME TO {}", alter_table(old), quote_ident(new_name))
}

/// The tables' part of `ddl::create_script`, in model order: after the types and sequences
/// their columns use, before the foreign keys and indexes that need them.
/// Partitions and inheritance children come after their parents.
pub fn create_statements(schema: &Schema) -> Vec<Statement> {
    let mut names: Vec<QualifiedName> = schema.tables.keys().cloned().collect();
    super::shape::parents_first(schema, &mut names);
    create_statements_of(schema, &names)
}

/// The tables `names` (parents first) of [`create_statements`], with the columns a child
/// holds last added to their parent once it exists (see `column_order`).
pub fn create_statements_of(schema: &Schema, names: &[QualifiedName]) -> Vec<Statement> {
    let mut out = Vec::new();
    for step in super::column_order::creations(schema, names) {
        match step {
            Creation::Table(name, table) => {
                out.extend(create_statements_for(schema, &name, &table))
            }
            Creation::Column(owner, column) => out.extend(deferred_column(schema, &owner, &column)),
        }
    }
    out
}

/// A column added to `owner` after the children that hold it last (`column_order`), with its
/// storage setting.
pub(crate) fn deferred_column(
    schema: &Schema,
    owner: &QualifiedName,
    column: &str,
) -> Vec<Statement> {
    let Some(col) = schema.tables.get(owner).and_then(|t| t.columns.get(column)) else {
        return Vec::new();
    };
    let object = format!("table {owner}");
    let mut out = vec![Statement::new(
        column::ddl::add_column(owner, column, col),
        object.clone(),
    )];
    if let Some(s) = &col.storage {
        out.push(Statement::new(
            crate::ddl::set_storage(owner, column, s),
            object,
        ));
    }
    out
}

/// One table's part of [`create_statements`]: its CREATE TABLE (and the attachment to its
/// parents, see `column_order`) and column storage settings.
pub fn create_statements_for(
    schema: &Schema,
    name: &QualifiedName,
    table: &Table,
) -> Vec<Statement> {
    let object = format!("table {name}");
    let mut out = Vec::new();
    for sql in super::column_order::create_statements(schema, name, table) {
        out.push(Statement::new(sql, object.clone()));
    }
    for (cn, col) in &table.columns {
        if let Some(s) = &col.storage {
            out.push(Statement::new(
                crate::ddl::set_storage(name, cn, s),
                object.clone(),
            ));
        }
    }
    out
}

/// The comments of every table (tables in model order), each table's grouped as one object:
/// the table's own, then its columns', its constraints', its indexes'. They come after everything is
/// created, so a comment never names an object that does not exist yet.
pub fn comment_statements(schema: &Schema) -> Vec<Statement> {
    let mut out = Vec::new();
    for (name, table) in &schema.tables {
        let object = format!("comments on table {name}");
        if let Some(c) = &table.comment {
            out.push(Statement::new(
                comment_on(name, table, Some(c)),
                object.clone(),
            ));
        }
        out.extend(column::ddl::comment_statements_for(
            name,
            &table.columns,
            &object,
        ));
        out.extend(crate::kinds::constraint::ddl::comment_statements_for(
            name, table, &object,
        ));
        out.extend(index::ddl::comment_statements_for(
            name,
            &table.indexes,
            &object,
        ));
    }
    out
}
