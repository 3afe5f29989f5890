//! function: the SQL of routines. A routine's definition is a whole CREATE statement already
//! (PostgreSQL's own text, or the user's); what is built here is DROP, COMMENT ON and where the
//! routines go in a script that builds a schema from nothing.

use std::collections::{BTreeMap, BTreeSet};

use crate::ddl::Statement;
use crate::graph::Node;
use crate::model::{quote_literal, QualifiedName, RangeType, Schema};

use super::dependents::Dependent;
use super::{Function, RoutineKey, RoutineKind};

/// `SET check_function_bodies = off`, as pg_dump does: a plpgsql or SQL body may name tables,
/// views and other functions created later in the script; PostgreSQL checks them at call time.
/// Session-wide (not SET LOCAL), because scripts run in several autocommit batches.
pub fn skip_body_checks() -> String {
    "SET check_function_bodies = off".to_string()
}

/// The routine's CREATE statement.
pub fn create(f: &Function) -> String {
    f.definition.clone()
}

/// `CREATE OR REPLACE` of a routine whose definition says `CREATE` (the user's own spelling);
/// PostgreSQL's text says `CREATE OR REPLACE` already.
pub fn create_or_replace(f: &Function) -> String {
    let d = f.definition.trim_start();
    let head: String = d.chars().take(20).collect::<String>().to_ascii_lowercase();
    if head.starts_with("create or replace") {
        d.to_string()
    } else if head.starts_with("create") {
        format!("CREATE OR REPLACE{}", &d["create".len()..])
    } else {
        d.to_string()
    }
}

pub fn drop(key: &RoutineKey, kind: RoutineKind) -> String {
    format!("DROP {} {}", kind.keyword(), key.sql())
}

pub fn comment(key: &RoutineKey, kind: RoutineKind, comment: Option<&str>) -> String {
    let value = comment.map(quote_literal).unwrap_or_else(|| "NULL".into());
    format!("COMMENT ON {} {} IS {value}", kind.keyword(), key.sql())
}

/// The label statements about a routine carry: `function f(integer)`.
pub fn object(key: &RoutineKey, f: &Function) -> String {
    format!("{} {key}", f.kind.words())
}

/// Where a routine goes in a script that builds everything: before the tables when it names no
/// relation (so defaults, checks, generated columns and indexes can call it), after the tables
/// when its signature or body names only tables, after the views otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    BeforeTables,
    AfterTables,
    AfterViews,
}

pub fn stage_of(schema: &Schema, f: &Function) -> Stage {
    let names_view = |q: &QualifiedName| schema.views.contains_key(q);
    if f.depends_on.is_empty() {
        Stage::BeforeTables
    } else if f.depends_on.iter().any(names_view) {
        Stage::AfterViews
    } else {
        Stage::AfterTables
    }
}

/// The declared functions a declared range type names as its `SUBTYPE_DIFF` or `CANONICAL`
/// (`regproc` text, schema left out on the search path): the range needs them first, so they
/// are created with it (see `type_order::create_one`), not with the other routines.
pub fn range_support<'a>(
    schema: &'a Schema,
    range: &RangeType,
) -> Vec<(&'a RoutineKey, &'a Function)> {
    let names: Vec<Vec<String>> = [&range.subtype_diff, &range.canonical]
        .into_iter()
        .flatten()
        .filter_map(|t| crate::ddl::split_dotted(t).ok())
        .collect();
    let names_it = |k: &RoutineKey| {
        names.iter().any(|n| match n.as_slice() {
            [s, f] => *s == k.name.schema && *f == k.name.name,
            [f] => *f == k.name.name && k.name.schema == crate::model::DEFAULT_SCHEMA,
            _ => false,
        })
    };
    schema
        .functions
        .iter()
        .filter(|(k, f)| f.kind == RoutineKind::Function && names_it(k))
        .collect()
}

/// Every declared range type's support functions (see [`range_support`]).
pub fn all_range_support(schema: &Schema) -> Vec<&RoutineKey> {
    let mut out: Vec<&RoutineKey> = Vec::new();
    for (k, _) in schema
        .ranges
        .values()
        .flat_map(|r| range_support(schema, r))
    {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// The routines of `stage` with their comments, functions and procedures before aggregates (an
/// aggregate needs its support functions), except the ranges' support functions. The first
/// stage starts with [`skip_body_checks`].
pub fn script_part(schema: &Schema, stage: Stage, out: &mut Vec<Statement>) {
    if stage == Stage::BeforeTables && !schema.functions.is_empty() {
        out.push(Statement::new(skip_body_checks(), "settings"));
    }
    let early = all_range_support(schema);
    let in_stage = schema
        .functions
        .iter()
        .filter(|(k, _)| !early.contains(k))
        .filter(|(_, f)| stage_of(schema, f) == stage);
    let (aggregates, plain): (Vec<_>, Vec<_>) =
        in_stage.partition(|(_, f)| f.kind == RoutineKind::Aggregate);
    for (key, f) in plain.into_iter().chain(aggregates) {
        out.extend(create_statements(key, f));
    }
}

/// The routines created after the tables (those that name a relation), by their node in
/// `Graph::with_routines`, for walking its order.
pub fn late_routines(schema: &Schema) -> BTreeMap<Node, (&RoutineKey, &Function)> {
    schema
        .functions
        .iter()
        .filter(|(_, f)| stage_of(schema, f) != Stage::BeforeTables)
        .map(|(k, f)| (Node::routine(k), (k, f)))
        .collect()
}

/// The column defaults and check constraints (as [`Dependent::Default`] / [`Dependent::Check`])
/// that call a routine created after the tables: `CREATE TABLE` leaves them out and the script
/// adds them once the routine exists (a check calling a `BEGIN ATOMIC` function that reads
/// another table), as pg_dump does with constraints on a dependency loop.
pub fn late_members(schema: &Schema) -> BTreeSet<Dependent> {
    schema
        .functions
        .values()
        .filter(|f| stage_of(schema, f) != Stage::BeforeTables)
        .flat_map(|f| f.used_by.iter())
        .filter(|d| match d {
            Dependent::Default(t, _) | Dependent::Check(t, _) => schema.tables.contains_key(t),
            _ => false,
        })
        .cloned()
        .collect()
}

/// `schema` without its [`late_members`] (a copy only when there are any).
pub fn without_late_members<'a>(
    schema: &'a Schema,
    late: &BTreeSet<Dependent>,
) -> std::borrow::Cow<'a, Schema> {
    if late.is_empty() {
        return std::borrow::Cow::Borrowed(schema);
    }
    let mut early = schema.clone();
    for d in late {
        match d {
            Dependent::Default(t, c) => {
                if let Some(col) = early.tables.get_mut(t).and_then(|t| t.columns.get_mut(c)) {
                    col.default = None;
                }
            }
            Dependent::Check(t, c) => {
                if let Some(t) = early.tables.get_mut(t) {
                    t.checks.shift_remove(c);
                }
            }
            _ => {}
        }
    }
    std::borrow::Cow::Owned(early)
}

/// `ALTER TABLE` statements that add the [`late_members`] back.
pub fn late_member_statements(schema: &Schema, late: &BTreeSet<Dependent>) -> Vec<Statement> {
    let mut out = Vec::new();
    for d in late {
        match d {
            Dependent::Default(t, c) => {
                let col = schema.tables.get(t).and_then(|x| x.columns.get(c));
                if let Some(default) = col.and_then(|col| col.default.as_deref()) {
                    let sql = crate::ddl::set_default(t, c, default);
                    out.push(Statement::new(sql, format!("table {t}")));
                }
            }
            Dependent::Check(t, c) => {
                if let Some(ck) = schema.tables.get(t).and_then(|x| x.checks.get(c)) {
                    let sql = crate::ddl::add_constraint_check(t, c, ck, ck.not_valid);
                    out.push(Statement::new(sql, format!("constraint {t}.{c}")));
                }
            }
            _ => {}
        }
    }
    out
}

/// A routine's CREATE statement and its comment.
pub fn create_statements(key: &RoutineKey, f: &Function) -> Vec<Statement> {
    let mut out = vec![Statement::new(create(f), object(key, f))];
    if f.comment.is_some() {
        out.push(Statement::new(
            comment(key, f.kind, f.comment.as_deref()),
            object(key, f),
        ));
    }
    out
}

/// The table indexes (table, index) that call a routine created after the tables: a script
/// creates them once that routine exists, not with the other indexes (`CREATE INDEX ON people
/// (full_name(people))`, where `full_name` takes the table's row type).
pub fn late_indexes(schema: &Schema) -> BTreeSet<(QualifiedName, String)> {
    schema
        .functions
        .values()
        .filter(|f| stage_of(schema, f) != Stage::BeforeTables)
        .flat_map(|f| f.used_by.iter())
        .filter_map(|d| match d {
            Dependent::Index(t, i) if schema.tables.contains_key(t) => Some((t.clone(), i.clone())),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn or_replace_is_added_once() {
        let f = Function {
            definition: "create function f() returns int language sql as 'select 1'".into(),
            ..Function::default()
        };
        assert_eq!(
            create_or_replace(&f),
            "CREATE OR REPLACE function f() returns int language sql as 'select 1'"
        );
        let g = Function {
            definition: "CREATE OR REPLACE FUNCTION public.f()".into(),
            ..Function::default()
        };
        assert_eq!(create_or_replace(&g), g.definition);
        let k = RoutineKey::new(QualifiedName::new("public", "f"), "integer");
        assert_eq!(
            comment(&k, RoutineKind::Aggregate, Some("it's")),
            "COMMENT ON AGGREGATE \"public\".\"f\"(integer) IS 'it''s'"
        );
    }
}
