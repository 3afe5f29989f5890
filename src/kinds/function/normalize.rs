//! Creating declared routines and triggers in the scratch database, and settling routine
//! definitions to their deparse fixpoint.
//!
//! Routines run inside the ordinary script (before the tables, so defaults, checks, generated
//! columns and indexes can call them). One whose signature names a table or view that does not
//! exist yet (a row type, `SETOF t`) or whose `BEGIN ATOMIC` body reads one is set aside and
//! retried after the tables and again after the views; what still fails then is reported at its
//! file:line. Triggers come last, when their tables, views and functions all exist.

use tokio_postgres::error::{ErrorPosition, SqlState};
use tokio_postgres::Client;

use crate::conn::describe_pg_error;
use crate::ddl::Statement;
use crate::load::{Declared, ObjectKey, SourceLoc};
use crate::model::Schema;
use crate::normalize::{NormalizeError, Scratch};

use super::{ddl, RoutineKey, RoutineKind};

/// Whether a statement that failed may succeed once later objects exist: a routine that needs
/// a relation; a table, index or check that calls such a routine (a function of the table's row
/// type, a `BEGIN ATOMIC` body reading another table); and what needs a relation set aside so.
/// What still fails at the end is reported as it would have been at once (the first in script
/// order), so a typo costs one more pass, never another message.
pub fn deferrable(stmt: &Statement, e: &tokio_postgres::Error) -> bool {
    let later = [
        SqlState::UNDEFINED_OBJECT,
        SqlState::UNDEFINED_TABLE,
        SqlState::UNDEFINED_FUNCTION,
        SqlState::UNDEFINED_COLUMN,
    ];
    let code = |codes: &[SqlState]| e.code().is_some_and(|c| codes.contains(c));
    if is_routine(stmt) {
        code(&later)
    } else {
        // A table, index or check calling such a routine, then what needs that relation.
        code(&[SqlState::UNDEFINED_FUNCTION, SqlState::UNDEFINED_TABLE])
    }
}

fn is_routine(stmt: &Statement) -> bool {
    ["function ", "procedure ", "aggregate "]
        .iter()
        .any(|p| stmt.object.starts_with(p))
}

/// Retries the set-aside routine statements until a pass creates nothing; with `last`, what
/// still fails is an error naming its declaration.
pub async fn create_pending(
    client: &Client,
    declared: &Declared,
    pending: &mut Vec<Statement>,
    last: bool,
) -> Result<(), NormalizeError> {
    loop {
        let before = pending.len();
        let mut failed = Vec::new();
        let mut first_error = None;
        for stmt in pending.drain(..) {
            if let Err(e) = client.batch_execute(&stmt.sql).await {
                first_error.get_or_insert_with(|| (stmt.clone(), e));
                failed.push(stmt);
            }
        }
        *pending = failed;
        if pending.is_empty() {
            return Ok(());
        }
        if pending.len() == before {
            return match (last, first_error) {
                (true, Some((stmt, e))) => Err(routine_rejected(declared, &stmt, &e)),
                _ => Ok(()),
            };
        }
    }
}

/// Creates every declared trigger (with its state and comment).
pub async fn create_triggers(client: &Client, declared: &Declared) -> Result<(), NormalizeError> {
    for (table, triggers) in &declared.schema.triggers {
        for (name, t) in triggers {
            for stmt in crate::kinds::trigger::ddl::build(table, name, t) {
                if let Err(e) = client.batch_execute(&stmt.sql).await {
                    let key = ObjectKey::Trigger(table.clone(), name.clone());
                    let at_create = stmt.sql == t.definition;
                    return Err(located(declared, &key, &stmt, at_create, &e));
                }
            }
        }
    }
    Ok(())
}

fn routine_rejected(
    declared: &Declared,
    stmt: &Statement,
    e: &tokio_postgres::Error,
) -> NormalizeError {
    if !is_routine(stmt) {
        return crate::normalize::rejected(declared, &stmt.object, &stmt.sql, e);
    }
    let key = stmt
        .object
        .split_once(' ')
        .and_then(|(_, k)| RoutineKey::parse(k).ok());
    let Some(key) = key else {
        return NormalizeError::Rejected {
            location: "functions".into(),
            object: stmt.object.clone(),
            message: describe_pg_error(e, ""),
        };
    };
    let at_create = declared
        .schema
        .functions
        .get(&key)
        .is_some_and(|f| f.definition == stmt.sql);
    located(declared, &ObjectKey::Function(key), stmt, at_create, e)
}

/// The error at file:line:column: inside the statement when PostgreSQL gives a position in the
/// CREATE statement (the user's text, sent verbatim), at the object's name otherwise.
pub(crate) fn located(
    declared: &Declared,
    key: &ObjectKey,
    stmt: &Statement,
    at_create: bool,
    e: &tokio_postgres::Error,
) -> NormalizeError {
    let loc = declared.sources.get(key);
    let position = e.as_db_error().and_then(|d| d.position());
    let location = match (loc, position) {
        (Some(loc), Some(ErrorPosition::Original(pos))) if at_create => {
            position_in_file(&loc, &stmt.sql, *pos as usize).unwrap_or_else(|| loc.to_string())
        }
        (Some(loc), _) => loc.to_string(),
        (None, _) => key.to_string(),
    };
    NormalizeError::Rejected {
        location,
        object: stmt.object.clone(),
        message: describe_pg_error(e, ""),
    }
}

/// PostgreSQL counts characters from 1 in the statement; the statement starts at the byte the
/// loader recorded.
fn position_in_file(loc: &SourceLoc, sql: &str, pos: usize) -> Option<String> {
    let start = loc.body_offset?;
    let byte: usize = sql
        .chars()
        .take(pos.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    let text = std::fs::read_to_string(&loc.file).ok()?;
    let (line, column) = crate::load::line_col(&text, start + byte);
    Some(format!("{}:{line}:{column}", loc.file.display()))
}

/// Where a routine's declared and live definitions differ, both are created in the scratch
/// database and printed again until the text stops changing; equal fixpoints replace both texts
/// (a database built by migrations then shows no drift), a real difference stays as read. The
/// declared definition is restored afterwards. Aggregates are rebuilt from the catalog and need
/// no settling.
pub async fn settle(scratch: &Scratch, declared: &mut Schema, live: &mut Schema) {
    let client = &scratch.client;
    let _ = client.batch_execute(&ddl::skip_body_checks()).await;
    let keys: Vec<RoutineKey> = declared.functions.keys().cloned().collect();
    for key in keys {
        let (Some(d), Some(l)) = (declared.functions.get(&key), live.functions.get(&key)) else {
            continue;
        };
        if d.definition == l.definition || d.kind == RoutineKind::Aggregate || d.kind != l.kind {
            continue;
        }
        let (d_text, l_text) = (d.definition.clone(), l.definition.clone());
        let l_fix = fixpoint(client, &key, &l_text).await;
        let d_fix = fixpoint(client, &key, &d_text).await;
        if let (Some(a), Some(b)) = (d_fix, l_fix) {
            if a == b {
                for side in [&mut *declared, &mut *live] {
                    if let Some(f) = side.functions.get_mut(&key) {
                        f.definition = a.clone();
                    }
                }
            }
        }
    }
}

async fn fixpoint(client: &Client, key: &RoutineKey, text: &str) -> Option<String> {
    let mut current = text.to_string();
    for _ in 0..4 {
        let sql = ddl::create_or_replace(&super::Function {
            definition: current.clone(),
            ..Default::default()
        });
        client.batch_execute(&sql).await.ok()?;
        let row = client
            .query_opt(
                "SELECT pg_get_functiondef(p.oid) FROM pg_proc p \
                 WHERE p.pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) \
                 AND p.proname = $2 AND pg_get_function_identity_arguments(p.oid) = $3",
                &[&key.name.schema, &key.name.name, &key.args],
            )
            .await
            .ok()??;
        let printed: String = row.try_get(0).ok()?;
        let printed = super::catalog::trim_definition(&printed);
        if printed == current {
            return Some(printed);
        }
        current = printed;
    }
    Some(current)
}

/// Like [`settle`], for triggers whose texts differ (a `WHEN` condition is deparsed like any
/// expression): `CREATE OR REPLACE TRIGGER` of each side on the scratch table, printed again
/// until stable, the declared side last so the scratch database ends as declared. Constraint
/// triggers have no `OR REPLACE` and are compared as read.
pub async fn settle_triggers(scratch: &Scratch, declared: &mut Schema, live: &mut Schema) {
    let client = &scratch.client;
    let mut pairs = Vec::new();
    for (table, triggers) in &declared.triggers {
        for (name, d) in triggers {
            let Some(l) = live.triggers.get(table).and_then(|t| t.get(name)) else {
                continue;
            };
            if d.definition != l.definition && !d.is_constraint() && !l.is_constraint() {
                pairs.push((
                    table.clone(),
                    name.clone(),
                    d.definition.clone(),
                    l.definition.clone(),
                ));
            }
        }
    }
    for (table, name, d, l) in pairs {
        let l_fix = trigger_fixpoint(client, &table, &name, &l).await;
        let d_fix = trigger_fixpoint(client, &table, &name, &d).await;
        let (Some(a), Some(b)) = (d_fix, l_fix) else {
            continue;
        };
        if a != b {
            continue;
        }
        for side in [&mut *declared, &mut *live] {
            if let Some(t) = side.triggers.get_mut(&table).and_then(|t| t.get_mut(&name)) {
                t.definition = a.clone();
            }
        }
    }
}

async fn trigger_fixpoint(
    client: &Client,
    table: &crate::model::QualifiedName,
    name: &str,
    text: &str,
) -> Option<String> {
    let mut current = text.to_string();
    for _ in 0..4 {
        let rest = current.strip_prefix("CREATE TRIGGER ")?;
        client
            .batch_execute(&format!("CREATE OR REPLACE TRIGGER {rest}"))
            .await
            .ok()?;
        let row = client
            .query_opt(
                "SELECT pg_get_triggerdef(t.oid, false) FROM pg_trigger t \
                 WHERE t.tgrelid = $1::text::regclass AND t.tgname = $2",
                &[&table.sql(), &name],
            )
            .await
            .ok()??;
        let printed: String = row.try_get(0).ok()?;
        let printed = super::catalog::trim_definition(&printed);
        if printed == current {
            return Some(printed);
        }
        current = printed;
    }
    Some(current)
}
