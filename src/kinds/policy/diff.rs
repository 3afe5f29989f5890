//! policy: compares RLS flags and policies table by table, and plans the change.
//!
//! Severity follows what a difference exposes: row-level security switched on or off, a
//! declared policy missing from the database, a policy only in the database, or a policy whose
//! `USING` became `true` or whose roles became `PUBLIC` are `error`s (data may be open to
//! everyone); other differences are `warning`s.
//!
//! Planning: policies that go away, change command or permissive/restrictive, lose an
//! expression, or sit on a table whose columns are about to be retyped or dropped (PostgreSQL
//! refuses to change a column a policy reads) are dropped early, right after renames; RLS flags,
//! new and recreated policies and `ALTER POLICY` come late, after tables and views exist.

use std::collections::HashSet;

use super::{ddl, Policy, PUBLIC};
use crate::diff::{Category, Change, ObjectKind, ObjectRef, Presence, Severity};
use crate::model::{QualifiedName, Schema, Table};

/// One statement a kind adds to a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanStep {
    pub sql: String,
    /// For people: what the statement serves.
    pub change: String,
    pub category: Category,
}

impl PlanStep {
    pub fn new(sql: String, change: String, category: Category) -> Self {
        PlanStep {
            sql,
            change,
            category,
        }
    }
}

/// The live table a declared table is compared with (through `renamed_from` if the rename is
/// still pending).
pub fn live_table<'a>(name: &QualifiedName, decl: &Table, live: &'a Schema) -> Option<&'a Table> {
    live.tables.get(name).or_else(|| {
        decl.renamed_from.as_ref().and_then(|old| {
            live.tables
                .get(&QualifiedName::new(name.schema.clone(), old.clone()))
        })
    })
}

/// `AS RESTRICTIVE FOR SELECT TO app USING (...) WITH CHECK (...)`.
pub fn policy_text(p: &Policy) -> String {
    let mut s = format!(
        "AS {} FOR {} TO {}",
        if p.permissive {
            "PERMISSIVE"
        } else {
            "RESTRICTIVE"
        },
        p.command.sql(),
        ddl::role_list(&p.roles)
    );
    if let Some(u) = &p.using {
        s.push_str(&format!(" USING ({u})"));
    }
    if let Some(w) = &p.with_check {
        s.push_str(&format!(" WITH CHECK ({w})"));
    }
    s
}

fn flag(b: bool) -> String {
    if b { "enabled" } else { "disabled" }.to_string()
}

pub fn diff(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    for (name, d) in &declared.tables {
        if let Some(l) = live_table(name, d, live) {
            diff_table(name, d, l, out);
        }
    }
}

fn diff_table(name: &QualifiedName, d: &Table, l: &Table, out: &mut Vec<Change>) {
    let table = ObjectRef::top(ObjectKind::Table, name);
    if d.row_level_security != l.row_level_security {
        out.push(rls_change(
            table.clone(),
            "row-level security",
            d.row_level_security,
            l.row_level_security,
            Severity::Error,
        ));
    }
    if d.force_row_level_security != l.force_row_level_security {
        out.push(rls_change(
            table,
            "forced row-level security",
            d.force_row_level_security,
            l.force_row_level_security,
            Severity::Warning,
        ));
    }
    for (pname, dp) in &d.policies {
        let obj = ObjectRef::member(ObjectKind::Policy, name, pname);
        let change = match l.policies.get(pname) {
            None => Change::one_side(
                Presence::Missing,
                Severity::Error,
                obj,
                format!("policy {pname} on {name} is declared but missing from the database"),
            ),
            Some(lp) if lp == dp => continue,
            Some(lp) => Change::new(
                Category::Policy,
                if widened(dp, lp) {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                obj,
                format!(
                    "policy {pname} on {name} differs: {}",
                    differences(dp, lp).join(", ")
                ),
            ),
        };
        let mut change = change;
        change.declared = Some(policy_text(dp));
        change.live = l.policies.get(pname).map(policy_text);
        out.push(change);
    }
    for (pname, lp) in &l.policies {
        if !d.policies.contains_key(pname) {
            let obj = ObjectRef::member(ObjectKind::Policy, name, pname);
            let severity = if lp.permissive {
                Severity::Error
            } else {
                Severity::Warning
            };
            let mut change = Change::one_side(
                Presence::Extra,
                severity,
                obj,
                format!("policy {pname} on {name} exists in the database but is not declared"),
            );
            change.live = Some(policy_text(lp));
            out.push(change);
        }
    }
}

fn rls_change(obj: ObjectRef, what: &str, d: bool, l: bool, severity: Severity) -> Change {
    let mut c = Change::new(
        Category::Policy,
        severity,
        obj,
        format!(
            "{what} is {} in the declaration but {} in the database",
            flag(d),
            flag(l)
        ),
    );
    c.declared = Some(flag(d));
    c.live = Some(flag(l));
    c
}

/// The live policy lets more through than the declared one: `USING (true)`, or `PUBLIC` added.
fn widened(d: &Policy, l: &Policy) -> bool {
    let opens = |p: &Policy| p.using.as_deref().map(str::trim) == Some("true");
    let public = |p: &Policy| p.roles.iter().any(|r| r == PUBLIC);
    (opens(l) && !opens(d)) || (public(l) && !public(d)) || (l.permissive && !d.permissive)
}

fn differences(d: &Policy, l: &Policy) -> Vec<String> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
    let mut out = Vec::new();
    if d.command != l.command {
        out.push(format!(
            "command is {} in the declaration but {} in the database",
            d.command.sql(),
            l.command.sql()
        ));
    }
    if d.permissive != l.permissive {
        let kind = |p: bool| if p { "permissive" } else { "restrictive" };
        out.push(format!(
            "{} in the declaration but {} in the database",
            kind(d.permissive),
            kind(l.permissive)
        ));
    }
    if d.roles != l.roles {
        out.push(format!(
            "roles are {} in the declaration but {} in the database",
            ddl::role_list(&d.roles),
            ddl::role_list(&l.roles)
        ));
    }
    if d.using != l.using {
        out.push(format!(
            "USING is {} in the declaration but {} in the database",
            opt(&d.using),
            opt(&l.using)
        ));
    }
    if d.with_check != l.with_check {
        out.push(format!(
            "WITH CHECK is {} in the declaration but {} in the database",
            opt(&d.with_check),
            opt(&l.with_check)
        ));
    }
    out
}

/// Whether the live policy can become the declared one with `ALTER POLICY`.
fn alterable(d: &Policy, l: &Policy) -> bool {
    d.command == l.command
        && d.permissive == l.permissive
        && (d.using.is_some() || l.using.is_none())
        && (d.with_check.is_some() || l.with_check.is_none())
}

/// Tables whose policies must be out of the way before the plan changes their columns:
/// a column retyped, re-collated, regenerated or dropped, or typed by an enum being rebuilt.
fn tables_with_blocking_changes(declared: &Schema, changes: &[Change]) -> HashSet<QualifiedName> {
    let mut out = HashSet::new();
    let mut enums: Vec<String> = Vec::new();
    for c in changes {
        let retyped = matches!(
            c.category,
            Category::Type | Category::Timezone | Category::Collation | Category::Generated
        );
        match (c.object.kind, c.presence == Presence::Extra || retyped) {
            (ObjectKind::Column, true) => {
                if let Some(t) = &c.object.table {
                    out.insert(t.clone());
                }
            }
            (ObjectKind::Enum, _) => enums.push(c.object.name.clone()),
            _ => {}
        }
    }
    for (name, t) in &declared.tables {
        let uses_enum = t.columns.values().any(|col| {
            let base = col.data_type.trim_end_matches("[]");
            enums.iter().any(|e| e == base)
        });
        if uses_enum {
            out.insert(name.clone());
        }
    }
    out
}

/// Early drops (right after renames) and the policies they take away, which [`plan_creates`]
/// then creates again. Tables the plan drops lose their policies with them.
/// `rebuilt`: (live table, policy) in the way of a column change (see `plan::Rebuild`).
pub fn plan_drops(
    declared: &Schema,
    live: &Schema,
    changes: &[Change],
    rebuilt: &HashSet<(QualifiedName, String)>,
) -> (Vec<PlanStep>, HashSet<(QualifiedName, String)>) {
    let blocking = tables_with_blocking_changes(declared, changes);
    let mut steps = Vec::new();
    let mut dropped = HashSet::new();
    for (name, d) in &declared.tables {
        let Some(l) = live_table(name, d, live) else {
            continue;
        };
        for (pname, lp) in &l.policies {
            let go = match d.policies.get(pname) {
                None => true,
                Some(dp) => {
                    blocking.contains(name)
                        || rebuilt.contains(&(name.clone(), pname.clone()))
                        || (dp != lp && !alterable(dp, lp))
                }
            };
            if go {
                steps.push(PlanStep::new(
                    ddl::drop_policy(name, pname),
                    format!("policy {pname} on {name}"),
                    Category::Policy,
                ));
                dropped.insert((name.clone(), pname.clone()));
            }
        }
    }
    (steps, dropped)
}

/// Late steps: RLS flags, then new, recreated and altered policies.
pub fn plan_creates(
    declared: &Schema,
    live: &Schema,
    dropped: &HashSet<(QualifiedName, String)>,
) -> Vec<PlanStep> {
    let mut steps = Vec::new();
    let none = Table::default();
    for (name, d) in &declared.tables {
        let l = live_table(name, d, live).unwrap_or(&none);
        let rls = format!("row-level security on table {name}");
        if d.row_level_security != l.row_level_security {
            steps.push(PlanStep::new(
                ddl::set_row_level_security(name, d.row_level_security),
                rls.clone(),
                Category::Policy,
            ));
        }
        if d.force_row_level_security != l.force_row_level_security {
            steps.push(PlanStep::new(
                ddl::set_force_row_level_security(name, d.force_row_level_security),
                rls,
                Category::Policy,
            ));
        }
        for (pname, dp) in &d.policies {
            let label = format!("policy {pname} on {name}");
            let gone = dropped.contains(&(name.clone(), pname.clone()));
            match l.policies.get(pname) {
                Some(lp) if !gone && lp == dp => {}
                Some(_) if !gone => steps.push(PlanStep::new(
                    ddl::alter_policy(name, pname, dp),
                    label,
                    Category::Policy,
                )),
                _ => steps.push(PlanStep::new(
                    ddl::create_policy(name, pname, dp),
                    label,
                    Category::Policy,
                )),
            }
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::policy::PolicyCommand;

    fn schema_with(policy: Option<Policy>, rls: bool) -> Schema {
        let mut t = Table {
            row_level_security: rls,
            ..Default::default()
        };
        if let Some(p) = policy {
            t.policies.insert("p".into(), p);
        }
        let mut s = Schema::default();
        s.tables.insert(QualifiedName::new("public", "t"), t);
        s
    }

    fn own() -> Policy {
        Policy {
            roles: vec!["app".into()],
            using: Some("(id = 1)".into()),
            ..Default::default()
        }
    }

    #[test]
    fn severities() {
        let run = |d: &Schema, l: &Schema| {
            let mut out = Vec::new();
            diff(d, l, &mut out);
            out.iter().map(|c| c.severity).collect::<Vec<_>>()
        };
        let declared = schema_with(Some(own()), true);
        assert_eq!(
            run(&declared, &schema_with(Some(own()), false)),
            [Severity::Error]
        );
        assert_eq!(run(&declared, &schema_with(None, true)), [Severity::Error]);
        let open = Policy {
            using: Some("true".into()),
            ..own()
        };
        assert_eq!(
            run(&declared, &schema_with(Some(open), true)),
            [Severity::Error]
        );
        let narrower = Policy {
            using: Some("(id = 2)".into()),
            ..own()
        };
        assert_eq!(
            run(&declared, &schema_with(Some(narrower), true)),
            [Severity::Warning]
        );
        assert!(run(&declared, &declared).is_empty());
    }

    #[test]
    fn command_change_recreates_roles_change_alters() {
        let declared = schema_with(Some(own()), true);
        let select = Policy {
            command: PolicyCommand::Select,
            ..own()
        };
        let (drops, dropped) = plan_drops(
            &declared,
            &schema_with(Some(select.clone()), true),
            &[],
            &HashSet::new(),
        );
        assert_eq!(drops.len(), 1);
        let creates = plan_creates(&declared, &schema_with(Some(select), true), &dropped);
        assert!(creates[0].sql.starts_with("CREATE POLICY"), "{creates:?}");
        let other_roles = Policy {
            roles: vec!["PUBLIC".into()],
            ..own()
        };
        let live = schema_with(Some(other_roles), true);
        let (drops, dropped) = plan_drops(&declared, &live, &[], &HashSet::new());
        assert!(drops.is_empty());
        let creates = plan_creates(&declared, &live, &dropped);
        assert!(creates[0].sql.starts_with("ALTER POLICY"), "{creates:?}");
    }
}
