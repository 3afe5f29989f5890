//! What uses a routine, and how a plan takes it along when the routine must be dropped and
//! created anew (a changed result type, argument list or kind: `CREATE OR REPLACE` refuses).
//!
//! PostgreSQL refuses `DROP FUNCTION` while anything depends on the routine, and pgdrift never
//! uses `CASCADE`. So the live side records, from `pg_depend`, the views, column defaults, check
//! constraints, indexes, policies and rules that call each routine ([`Dependent`]); the plan drops them
//! before the routine and brings them back, as declared, right after it is created. Views go
//! through the view planner (dropped with their own dependents, recreated in dependency order);
//! triggers are handled by the routine planner itself, rules by theirs (`kinds::rule::plan`). A dependent whose own change is planned
//! anyway (its drop and re-creation are already steps) is only dropped here if still there.

use serde::{Deserialize, Serialize};

use crate::diff::{Category, Change, ObjectKind};
use crate::model::{QualifiedName, Schema};
use crate::plan::{Rebuild, Step};

use super::plan::step;
use super::RoutineKey;

/// One object that calls a routine (from `pg_depend`, deptype `n`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dependent {
    View(QualifiedName),
    /// A column default: table, column.
    Default(QualifiedName, String),
    /// A check constraint: table, constraint.
    Check(QualifiedName, String),
    /// An index that is not a constraint's: table, index.
    Index(QualifiedName, String),
    /// A row-level security policy: table, policy.
    Policy(QualifiedName, String),
    /// A rewrite rule: table or view, rule (taken along by the rule planner, `kinds::rule::plan`).
    Rule(QualifiedName, String),
    /// Another routine: schema and name, identity arguments (as [`RoutineKey::args`]). The
    /// routine planner drops it first and creates it after (`plan::Wanted`).
    Routine(QualifiedName, String),
    /// A generated column whose expression calls the routine: table, column (dropped here and
    /// added back by the column planner, `plan::Rebuild::generated_by_routines`).
    Generated(QualifiedName, String),
    /// A trigger whose WHEN calls the routine: table, trigger (taken along by the routine
    /// planner with the triggers that execute it).
    Trigger(QualifiedName, String),
}

/// Reads the JSON array the function catalog query builds: `[kind, schema, relation, member]`.
pub(crate) fn parse(json: &str) -> Result<Vec<Dependent>, String> {
    #[derive(Deserialize)]
    struct Row(String, String, String, Option<String>);
    let rows: Vec<Row> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let mut out: Vec<Dependent> = rows
        .into_iter()
        .map(|Row(kind, schema, relation, member)| {
            let q = QualifiedName::new(schema, relation);
            let m = member.unwrap_or_default();
            match kind.as_str() {
                "view" => Ok(Dependent::View(q)),
                "default" => Ok(Dependent::Default(q, m)),
                "check" => Ok(Dependent::Check(q, m)),
                "index" => Ok(Dependent::Index(q, m)),
                "policy" => Ok(Dependent::Policy(q, m)),
                "rule" => Ok(Dependent::Rule(q, m)),
                "trigger" => Ok(Dependent::Trigger(q, m)),
                "generated" => Ok(Dependent::Generated(q, m)),
                "routine" => Ok(Dependent::Routine(q, m)),
                other => Err(format!("unknown dependent kind `{other}`")),
            }
        })
        .collect::<Result<_, String>>()?;
    out.sort();
    out.dedup();
    Ok(out)
}

/// The live generated columns whose expression calls one of `routines`.
pub(crate) fn generated_columns(
    live: &Schema,
    routines: &[RoutineKey],
) -> Vec<(QualifiedName, String)> {
    dependents(live, routines)
        .filter_map(|d| match d {
            Dependent::Generated(t, c) if has_column(live, t, c) => Some((t.clone(), c.clone())),
            _ => None,
        })
        .collect()
}

/// The live views that call one of `routines`: the view planner drops and recreates them.
pub(crate) fn views(live: &Schema, routines: &[RoutineKey]) -> Vec<QualifiedName> {
    dependents(live, routines)
        .filter_map(|d| match d {
            Dependent::View(q) if live.views.contains_key(q) => Some(q.clone()),
            _ => None,
        })
        .collect()
}

fn dependents<'a>(
    live: &'a Schema,
    routines: &'a [RoutineKey],
) -> impl Iterator<Item = &'a Dependent> + 'a {
    routines
        .iter()
        .filter_map(|k| live.functions.get(k))
        .flat_map(|f| f.used_by.iter())
}

/// Steps that drop what calls `routines` (except views), to run before the routines are dropped.
/// `IF EXISTS`: a dependent with a change of its own may have been dropped by an earlier step.
pub(crate) fn drop_steps(live: &Schema, routines: &[RoutineKey]) -> Vec<Step> {
    let mut out = Vec::new();
    for d in dependents(live, routines) {
        let (sql, category) = match d {
            Dependent::View(_)
            | Dependent::Rule(..)
            | Dependent::Trigger(..)
            | Dependent::Routine(..) => continue,
            Dependent::Default(t, c) if has_column(live, t, c) => {
                (crate::ddl::drop_default(t, c), Category::Default)
            }
            // Its values are computed: nothing is lost.
            Dependent::Generated(t, c) if has_column(live, t, c) => {
                (crate::ddl::drop_column(t, c), Category::Generated)
            }
            Dependent::Check(t, n) if live.tables.contains_key(t) => (
                format!(
                    "{} IF EXISTS {}",
                    drop_prefix(t),
                    crate::model::quote_ident(n)
                ),
                Category::Constraint,
            ),
            Dependent::Index(t, n) if live.tables.contains_key(t) => (
                format!(
                    "DROP INDEX IF EXISTS {}",
                    QualifiedName::new(t.schema.clone(), n.clone()).sql()
                ),
                Category::Index,
            ),
            Dependent::Policy(t, n) if live.tables.contains_key(t) => (
                format!(
                    "DROP POLICY IF EXISTS {} ON {}",
                    crate::model::quote_ident(n),
                    t.sql()
                ),
                Category::Policy,
            ),
            _ => continue,
        };
        out.push(step(
            sql,
            &format!(
                "{}: dropped before the routine it calls is dropped",
                describe(d)
            ),
            category,
        ));
    }
    out
}

/// Steps that bring back, as declared, what [`drop_steps`] dropped: after the routines exist.
/// Dependents with a change of their own are left to their kind's steps.
pub(crate) fn restore_steps(
    declared: &Schema,
    live: &Schema,
    changes: &[Change],
    rebuild: &Rebuild,
    routines: &[RoutineKey],
) -> Vec<Step> {
    let mut out = Vec::new();
    for d in dependents(live, routines) {
        if has_own_change(changes, d) || taken_by_column_change(rebuild, d) {
            continue;
        }
        let restored =
            match d {
                Dependent::View(_)
                | Dependent::Rule(..)
                | Dependent::Trigger(..)
                | Dependent::Generated(..)
                | Dependent::Routine(..) => None,
                Dependent::Default(t, c) => declared
                    .tables
                    .get(t)
                    .and_then(|dt| dt.columns.get(c))
                    .and_then(|col| col.default.as_deref())
                    .map(|expr| (crate::ddl::set_default(t, c, expr), Category::Default)),
                Dependent::Check(t, n) => declared
                    .tables
                    .get(t)
                    .and_then(|dt| dt.checks.get(n))
                    .map(|ck| {
                        (
                            crate::ddl::add_constraint_check(t, n, ck, false),
                            Category::Constraint,
                        )
                    }),
                Dependent::Index(t, n) => declared
                    .tables
                    .get(t)
                    .and_then(|dt| dt.indexes.get(n))
                    .map(|ix| (crate::ddl::create_index(t, n, ix, false), Category::Index)),
                Dependent::Policy(t, n) => declared
                    .tables
                    .get(t)
                    .and_then(|dt| dt.policies.get(n))
                    .map(|p| {
                        (
                            crate::kinds::policy::ddl::create_policy(t, n, p),
                            Category::Policy,
                        )
                    }),
            };
        if let Some((sql, category)) = restored {
            out.push(step(
                sql,
                &format!("{}: restored after the routine it calls", describe(d)),
                category,
            ));
        }
    }
    out
}

fn has_column(live: &Schema, t: &QualifiedName, c: &str) -> bool {
    live.tables
        .get(t)
        .is_some_and(|lt| lt.columns.contains_key(c))
}

fn drop_prefix(t: &QualifiedName) -> String {
    format!("ALTER TABLE {} DROP CONSTRAINT", t.sql())
}

/// Whether a column change takes this dependent along too (`plan::Rebuild`): its kind's planner
/// brings it back after the column changes, which it may read.
fn taken_by_column_change(rebuild: &Rebuild, d: &Dependent) -> bool {
    match d {
        Dependent::Policy(t, n) => rebuild.policies.contains(&(t.clone(), n.clone())),
        Dependent::Check(t, n) => rebuild.checks.contains(&(t.clone(), n.clone())),
        Dependent::Index(t, n) => rebuild.indexes.contains(&(t.clone(), n.clone())),
        _ => false,
    }
}

/// Whether the plan changes this dependent anyway (its own steps drop and recreate it).
fn has_own_change(changes: &[Change], d: &Dependent) -> bool {
    let (t, m, kinds): (&QualifiedName, &str, &[ObjectKind]) = match d {
        Dependent::View(_)
        | Dependent::Rule(..)
        | Dependent::Trigger(..)
        | Dependent::Generated(..)
        | Dependent::Routine(..) => return false,
        Dependent::Default(t, c) => (t, c, &[ObjectKind::Column]),
        Dependent::Check(t, n) => (t, n, &[ObjectKind::Check]),
        Dependent::Index(t, n) => (t, n, &[ObjectKind::Index]),
        Dependent::Policy(t, n) => (t, n, &[ObjectKind::Policy]),
    };
    changes.iter().any(|c| {
        kinds.contains(&c.object.kind)
            && c.object.table.as_ref() == Some(t)
            && c.object.member.as_deref() == Some(m)
            && (c.object.kind != ObjectKind::Column || c.category == Category::Default)
    })
}

fn describe(d: &Dependent) -> String {
    match d {
        Dependent::View(q) => format!("view {q}"),
        Dependent::Default(t, c) => format!("default of column {t}.{c}"),
        Dependent::Check(t, n) => format!("check {n} on {t}"),
        Dependent::Index(t, n) => format!("index {n} on {t}"),
        Dependent::Policy(t, n) => format!("policy {n} on {t}"),
        Dependent::Rule(t, n) => format!("rule {n} on {t}"),
        Dependent::Trigger(t, n) => format!("trigger {n} on {t}"),
        Dependent::Generated(t, c) => format!("generated column {c} of {t}"),
        Dependent::Routine(q, args) => format!("routine {q}({args})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_catalog_json() {
        let got = parse(
            r#"[["view","public","V 1",null],["default","a","t","c"],["policy","p","t","own"],["rule","p","t","r"],["trigger","p","t","When x"],["generated","p","t","g"],["routine","p","f","integer"]]"#,
        )
        .unwrap();
        assert_eq!(
            got,
            vec![
                Dependent::View(QualifiedName::new("public", "V 1")),
                Dependent::Default(QualifiedName::new("a", "t"), "c".into()),
                Dependent::Policy(QualifiedName::new("p", "t"), "own".into()),
                Dependent::Rule(QualifiedName::new("p", "t"), "r".into()),
                Dependent::Routine(QualifiedName::new("p", "f"), "integer".into()),
                Dependent::Generated(QualifiedName::new("p", "t"), "g".into()),
                Dependent::Trigger(QualifiedName::new("p", "t"), "When x".into()),
            ]
        );
        assert!(parse(r#"[["operator","a","b",null]]"#).is_err());
        assert!(parse("not json").is_err());
    }
}
