//! Statistics SQL: `CREATE`/`DROP`/`ALTER STATISTICS`, `COMMENT ON STATISTICS`, and a column's
//! `ALTER COLUMN … SET STATISTICS`. Every name quoted, never `CASCADE`.

use crate::ddl::{comment_literal, Statement};
use crate::model::{quote_ident, QualifiedName, Schema, Table};
use crate::squash::stabilize_expression;

use super::Statistics;

/// PostgreSQL's spelling of "no target of its own" (accepted by every major; 17 on stores NULL).
const DEFAULT_TARGET: i32 = -1;

/// The statistics object's name: in its own schema, else its table's.
pub fn stats_name(table: &QualifiedName, name: &str, s: &Statistics) -> QualifiedName {
    let schema = s.schema.clone().unwrap_or_else(|| table.schema.clone());
    QualifiedName::new(schema, name)
}

/// What statements about one statistics object are grouped under.
pub fn object(table: &QualifiedName, name: &str, s: &Statistics) -> String {
    format!("statistics {}", stats_name(table, name, s))
}

/// `CREATE STATISTICS s [(kinds)] ON a, lower(b) FROM t`; expressions at their deparse
/// fixpoint, as every emitter writes them (`squash::stabilize_expression`).
pub fn create(table: &QualifiedName, name: &str, s: &Statistics) -> String {
    let mut sql = format!("CREATE STATISTICS {}", stats_name(table, name, s).sql());
    if !s.kinds.is_empty() {
        let kinds: Vec<&str> = s.kinds.iter().map(|k| k.sql()).collect();
        sql.push_str(&format!(" ({})", kinds.join(", ")));
    }
    let on: Vec<String> = s.columns.iter().map(|c| stabilize_expression(c)).collect();
    sql.push_str(&format!(" ON {} FROM {}", on.join(", "), table.sql()));
    sql
}

pub fn drop(stats: &QualifiedName) -> String {
    format!("DROP STATISTICS {}", stats.sql())
}

pub fn rename(stats: &QualifiedName, new_name: &str) -> String {
    format!(
        "ALTER STATISTICS {} RENAME TO {}",
        stats.sql(),
        quote_ident(new_name)
    )
}

/// `ALTER STATISTICS s SET STATISTICS n` (`-1` back to the default).
pub fn set_target(stats: &QualifiedName, target: Option<i32>) -> String {
    format!(
        "ALTER STATISTICS {} SET STATISTICS {}",
        stats.sql(),
        target.unwrap_or(DEFAULT_TARGET)
    )
}

pub fn comment(stats: &QualifiedName, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON STATISTICS {} IS {}",
        stats.sql(),
        comment_literal(comment)
    )
}

/// `ALTER TABLE t ALTER COLUMN c SET STATISTICS n` (`-1` back to `default_statistics_target`).
pub fn set_column_target(table: &QualifiedName, column: &str, target: Option<i32>) -> String {
    format!(
        "{} SET STATISTICS {}",
        crate::kinds::column::ddl::alter_column(table, column),
        target.unwrap_or(DEFAULT_TARGET)
    )
}

/// Everything that builds one statistics object: CREATE, then its target and comment.
pub fn build(table: &QualifiedName, name: &str, s: &Statistics) -> Vec<Statement> {
    let object = object(table, name, s);
    let q = stats_name(table, name, s);
    let mut out = vec![Statement::new(create(table, name, s), object.clone())];
    if s.target.is_some() {
        out.push(Statement::new(set_target(&q, s.target), object.clone()));
    }
    if s.comment.is_some() {
        out.push(Statement::new(comment(&q, s.comment.as_deref()), object));
    }
    out
}

/// One table's statistics objects and column targets, for a script that builds it: after its
/// indexes (pg_dump's order), on the connection that builds the table's indexes.
pub fn create_statements_for(name: &QualifiedName, table: &Table) -> Vec<Statement> {
    let mut out: Vec<Statement> = table
        .columns
        .iter()
        .filter(|(_, c)| c.statistics_target.is_some())
        .map(|(cn, c)| {
            Statement::new(
                set_column_target(name, cn, c.statistics_target),
                format!("table {name}"),
            )
        })
        .collect();
    for (cn, c) in &table.columns {
        for sql in
            super::attribute_options::alter(name, cn, &c.attribute_options, &Default::default())
        {
            out.push(Statement::new(sql, format!("table {name}")));
        }
    }
    for (sname, s) in &table.statistics {
        out.extend(build(name, sname, s));
    }
    out
}

/// The statistics part of `ddl::create_script` (tables in model order).
pub fn script_part(schema: &Schema) -> Vec<Statement> {
    schema
        .tables
        .iter()
        .flat_map(|(name, t)| create_statements_for(name, t))
        .collect()
}
