//! A statement PostgreSQL rejected, named by the declaration it came from (file:line:column,
//! and for a view the line inside the view file).

use tokio_postgres::error::ErrorPosition;

use super::NormalizeError;
use crate::conn::describe_pg_error;
use crate::load::{Declared, ObjectKey};
use crate::model::{QualifiedName, Schema, View};

pub(crate) fn rejected(
    declared: &Declared,
    object: &str,
    sql: &str,
    e: &tokio_postgres::Error,
) -> NormalizeError {
    let mut key = object_key_of(&declared.schema, object);
    let mut object = object.to_string();
    // In a CREATE TABLE, PostgreSQL's error position falls on one column's line (a default or a
    // type it rejects): name that column and its own line.
    if let (Some(ObjectKey::Table(table)), Some(ErrorPosition::Original(pos))) =
        (&key, e.as_db_error().and_then(|d| d.position()))
    {
        if let Some(column) = column_at(&declared.schema, table, sql, *pos as usize) {
            object = format!("column {table}.{column}");
            key = Some(ObjectKey::Column(table.clone(), column));
        }
    }
    let location = key
        .as_ref()
        .and_then(|k| declared.sources.get(k))
        .map(|l| l.to_string())
        .unwrap_or_else(|| "schema.yaml".to_string());
    NormalizeError::Rejected {
        location,
        object,
        message: crate::kinds::publication::explain_error(sql, e, describe_pg_error(e, "")),
    }
}

/// The column whose definition line of `sql` (a CREATE TABLE from `ddl`) holds character `pos`
/// (counted from 1, as PostgreSQL reports it).
fn column_at(schema: &Schema, table: &QualifiedName, sql: &str, pos: usize) -> Option<String> {
    let byte: usize = sql
        .chars()
        .take(pos.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    let start = sql[..byte].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let end = sql[byte..]
        .find('\n')
        .map(|i| byte + i)
        .unwrap_or(sql.len());
    let line = sql[start..end].trim().trim_end_matches(',');
    let t = schema.tables.get(table)?;
    t.columns
        .iter()
        .find(|(name, col)| crate::kinds::column::ddl::column_definition(name, col) == line)
        .map(|(name, _)| name.clone())
}

/// Maps the emitter's object label (`table genes`, `foreign key ev.ev_fkey`, `index ix`) back
/// to the declaration it came from.
fn object_key_of(schema: &Schema, object: &str) -> Option<ObjectKey> {
    let object = object.strip_prefix("comments on ").unwrap_or(object);
    if let Some(rest) = object.strip_prefix("foreign key ") {
        let (table, name) = rest.rsplit_once('.')?;
        return Some(ObjectKey::Constraint(
            QualifiedName::parse(table).ok()?,
            name.to_string(),
        ));
    }
    if let Some(name) = object.strip_prefix("foreign server ") {
        return Some(ObjectKey::ForeignServer(name.to_string()));
    }
    let (kind, rest) = object.split_once(' ')?;
    match kind {
        "table" => QualifiedName::parse(rest).ok().map(ObjectKey::Table),
        "enum" => QualifiedName::parse(rest).ok().map(ObjectKey::Enum),
        "domain" | "type" | "range" | "collation" => {
            let kind = match kind {
                "domain" => "domain",
                "type" => "type",
                "range" => "range",
                _ => "collation",
            };
            QualifiedName::parse(rest)
                .ok()
                .map(|q| ObjectKey::UserType(kind, q))
        }
        "sequence" => QualifiedName::parse(rest).ok().map(ObjectKey::Sequence),
        "extension" => Some(ObjectKey::Extension(rest.to_string())),
        "publication" => Some(ObjectKey::Publication(rest.to_string())),
        "function" | "procedure" | "aggregate" => crate::kinds::function::RoutineKey::parse(rest)
            .ok()
            .map(ObjectKey::Function),
        "index" => {
            let index = QualifiedName::parse(rest).ok()?;
            schema.tables.iter().find_map(|(table, t)| {
                (table.schema == index.schema && t.indexes.contains_key(&index.name))
                    .then(|| ObjectKey::Index(table.clone(), index.name.clone()))
            })
        }
        "statistics" => {
            let stats = QualifiedName::parse(rest).ok()?;
            schema.tables.iter().find_map(|(table, t)| {
                t.statistics.iter().find_map(|(name, s)| {
                    (crate::kinds::statistics::ddl::stats_name(table, name, s) == stats)
                        .then(|| ObjectKey::Statistics(table.clone(), name.clone()))
                })
            })
        }
        _ => None,
    }
}

pub(crate) fn view_rejected(
    declared: &Declared,
    name: &QualifiedName,
    view: &View,
    sql: &str,
    e: &tokio_postgres::Error,
) -> NormalizeError {
    let loc = declared.sources.get(&ObjectKey::View(name.clone()));
    let message = describe_pg_error(e, "");
    let location = match (loc, e.as_db_error().and_then(|d| d.position())) {
        (Some(loc), Some(ErrorPosition::Original(pos))) => {
            // PostgreSQL counts characters from 1 in the statement we sent; the body starts where
            // the definition does, which the loader recorded as a byte offset in the file.
            let prefix_chars = sql.len().saturating_sub(view.definition.len());
            let char_in_stmt = (*pos as usize).saturating_sub(1);
            match (
                char_in_stmt.checked_sub(sql[..prefix_chars].chars().count()),
                loc.body_offset,
            ) {
                (Some(char_in_body), Some(body_offset)) => {
                    let byte_in_body: usize = view
                        .definition
                        .chars()
                        .take(char_in_body)
                        .map(char::len_utf8)
                        .sum();
                    locate_in_file(&loc.file, body_offset + byte_in_body)
                        .unwrap_or_else(|| loc.to_string())
                }
                _ => loc.to_string(),
            }
        }
        (Some(loc), _) => loc.to_string(),
        (None, _) => format!("view {name}"),
    };
    let kind = if view.materialized {
        "materialized view"
    } else {
        "view"
    };
    NormalizeError::Rejected {
        location,
        object: format!("{kind} {name}"),
        message,
    }
}

fn locate_in_file(file: &std::path::Path, byte: usize) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    let before = text.get(..byte.min(text.len()))?;
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    Some(format!("{}:{line}:{column}", file.display()))
}
