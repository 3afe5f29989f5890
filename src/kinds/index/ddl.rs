//! Index SQL: `CREATE`/`DROP`/`ALTER INDEX` and index comments, for indexes on tables and on
//! materialized views (an index lives in its relation's schema, so the relation names it).
//!
//! Conventions (quoting, no trailing semicolon, never `CASCADE`) are those of `crate::ddl`,
//! which re-exports the public functions here so callers keep using `ddl::create_index` and
//! friends.

use std::collections::BTreeSet;

use indexmap::IndexMap;

use crate::ddl::{comment_literal, member_comment_statements, split_dotted, Statement};
use crate::model::{quote_ident, Index, QualifiedName, Schema};
use crate::squash::stabilize_expression;

/// The `schema.index` SQL name of an index on `table` (an index lives in its table's schema).
fn index_sql_name(table: &QualifiedName, name: &str) -> String {
    QualifiedName::new(table.schema.clone(), name).sql()
}

fn index_display(table: &QualifiedName, name: &str) -> String {
    QualifiedName::new(table.schema.clone(), name).display_name()
}

/// An `INCLUDE` column: a name (quoted here), or SQL already quoted the way `pg_get_indexdef`
/// prints it (`"MixedCase"`), which is kept as is. INCLUDE admits only plain columns, so a
/// whole quoted identifier is the only SQL form there is; treating it as a name would quote it
/// twice.
fn include_column(text: &str) -> String {
    match split_dotted(text) {
        Ok(parts)
            if parts.len() == 1
                && text.starts_with('"')
                && text.ends_with('"')
                && text.len() > 1 =>
        {
            text.to_string()
        }
        _ => quote_ident(text),
    }
}

/// `CREATE [UNIQUE] INDEX [CONCURRENTLY] "name" ON table USING method (keys) [INCLUDE (..)]
/// [NULLS NOT DISTINCT] [WHERE predicate]`. The index lives in the table's schema.
pub fn create_index(
    table: &QualifiedName,
    name: &str,
    index: &Index,
    concurrently: bool,
) -> String {
    index_sql(table, name, index, concurrently, stabilize_expression)
}

/// [`create_index`] with the key expressions and predicate exactly as given: what the deparse
/// fixpoint of a printed text is computed from (`normalize::settle_fixpoints`).
pub fn create_index_verbatim(table: &QualifiedName, name: &str, index: &Index) -> String {
    index_sql(table, name, index, false, str::to_string)
}

fn index_sql(
    table: &QualifiedName,
    name: &str,
    index: &Index,
    concurrently: bool,
    expr: fn(&str) -> String,
) -> String {
    let mut sql = String::from("CREATE ");
    if index.unique {
        sql.push_str("UNIQUE ");
    }
    sql.push_str("INDEX ");
    if concurrently {
        sql.push_str("CONCURRENTLY ");
    }
    let method = if index.method.is_empty() {
        "btree"
    } else {
        index.method.as_str()
    };
    sql.push_str(&format!(
        "{} ON {} USING {} ({})",
        quote_ident(name),
        table.sql(),
        quote_ident(method),
        // Key expressions and predicate at PostgreSQL's deparse fixpoint (see
        // `squash::stabilize_expression`).
        index
            .columns
            .iter()
            .map(|c| expr(c))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    if !index.include.is_empty() {
        let include: Vec<String> = index.include.iter().map(|c| include_column(c)).collect();
        sql.push_str(&format!(" INCLUDE ({})", include.join(", ")));
    }
    if index.nulls_not_distinct {
        sql.push_str(" NULLS NOT DISTINCT");
    }
    sql.push_str(&crate::kinds::table::shape::with_clause(&index.with));
    let ts = index.tablespace.as_deref();
    sql.push_str(&crate::kinds::table::relopts::tablespace_clause(ts));
    if let Some(predicate) = &index.predicate {
        sql.push_str(&format!(" WHERE {}", expr(predicate)));
    }
    sql
}

/// A statement for `create_index` with the right `transactional` flag.
pub fn create_index_statement(
    table: &QualifiedName,
    name: &str,
    index: &Index,
    concurrently: bool,
) -> Statement {
    Statement {
        sql: create_index(table, name, index, concurrently),
        object: format!("index {}", index_display(table, name)),
        transactional: !concurrently,
    }
}

/// `table` is the indexed table or materialized view (it gives the index's schema).
pub fn comment_on_index(table: &QualifiedName, name: &str, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON INDEX {} IS {}",
        index_sql_name(table, name),
        comment_literal(comment)
    )
}

/// `table` gives the index's schema. A concurrent drop cannot run in a transaction.
pub fn drop_index(table: &QualifiedName, name: &str, concurrently: bool) -> String {
    format!(
        "DROP INDEX {}{}",
        if concurrently { "CONCURRENTLY " } else { "" },
        index_sql_name(table, name)
    )
}

/// `table` gives the index's schema.
pub fn rename_index(table: &QualifiedName, old: &str, new_name: &str) -> String {
    format!(
        "ALTER INDEX {} RENAME TO {}",
        index_sql_name(table, old),
        quote_ident(new_name)
    )
}

/// `CREATE INDEX` (in a transaction, not concurrently: a script builds an empty database) for
/// each of `relation`'s indexes that `pick` accepts (by name), in model order. Shared by tables
/// and materialized views.
pub(crate) fn create_statements_for(
    relation: &QualifiedName,
    indexes: &IndexMap<String, Index>,
    pick: impl Fn(&str) -> bool,
) -> Vec<Statement> {
    indexes
        .iter()
        .filter(|(name, _)| pick(name))
        .map(|(name, index)| create_index_statement(relation, name, index, false))
        .collect()
}

/// `COMMENT ON INDEX` for each of `relation`'s indexes that has a comment, grouped under
/// `object` (the comments of the relation they belong to).
pub(crate) fn comment_statements_for(
    relation: &QualifiedName,
    indexes: &IndexMap<String, Index>,
    object: &str,
) -> Vec<Statement> {
    member_comment_statements(
        indexes,
        |index| index.comment.as_deref(),
        |name, comment| comment_on_index(relation, name, Some(comment)),
        object,
    )
}

/// The table indexes' part of `ddl::create_script` (tables in model order): after the foreign
/// keys and before the views. Indexes of materialized views follow their view instead.
pub fn table_index_statements(
    schema: &Schema,
    late: &BTreeSet<(QualifiedName, String)>,
) -> Vec<Statement> {
    schema
        .tables
        .iter()
        .flat_map(|(name, table)| {
            create_statements_for(name, &table.indexes, |i| {
                !late.contains(&(name.clone(), i.to_string()))
            })
        })
        .collect()
}
