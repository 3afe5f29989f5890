//! What a column change takes along: one rule for every kind of object that depends on a column.
//!
//! PostgreSQL refuses `ALTER COLUMN … TYPE` (and `DROP COLUMN` without `CASCADE`, which pgdrift
//! never uses) while a trigger, a policy, a SQL-standard routine body or another column's
//! generation expression depends on the column. The plan therefore computes once, before any SQL
//! is written, the live columns it retypes or drops (column type, time zone and collation changes,
//! dropped columns, and every column of an enum or domain it rebuilds) and, from the column users
//! the catalogs record ([`crate::kinds::column::users`]), the objects to drop before and create
//! again after. Each kind's planner reads its share from [`Rebuild`]: the routine planner its
//! routines and triggers, the policy planner its policies, the column planner its generated
//! columns. A generated column rebuilt is itself a retyped column: its users come along too.

use std::collections::{BTreeSet, HashSet};

use super::PlanCx;
use crate::diff::{Category, Presence};
use crate::kinds::column::users::ColumnUser;
use crate::kinds::function::RoutineKey;
use crate::kinds::{domain, enum_type};
use crate::model::QualifiedName;

/// (live table, name): a trigger, a policy or a generated column.
pub(crate) type Member = (QualifiedName, String);

/// The objects dropped before the column changes of a plan and created again after them.
#[derive(Debug, Default, Clone)]
pub(crate) struct Rebuild {
    pub triggers: BTreeSet<Member>,
    /// Rewrite rules whose condition or actions read a changed column.
    pub rules: BTreeSet<Member>,
    pub policies: HashSet<Member>,
    pub routines: BTreeSet<RoutineKey>,
    pub generated: BTreeSet<Member>,
    /// Those of `generated` whose expression calls a routine the plan drops and creates anew:
    /// the routine planner drops them before the routine (`kinds::function::dependents`), the
    /// column planner only adds them back.
    pub generated_by_routines: BTreeSet<Member>,
    /// Extended statistics: PostgreSQL drops them with a column and rebuilds them on a retyped
    /// one without their target, so the plan drops them itself and creates them as declared.
    pub statistics: BTreeSet<Member>,
    /// Checks and indexes (not a constraint's) that compare a rebuilt enum's column with one of
    /// its labels (`m <> 'sad'::"Mood"`): PostgreSQL re-parses them against the new type during
    /// the conversion, where no operator takes the new type and the old one.
    pub checks: BTreeSet<Member>,
    pub indexes: BTreeSet<Member>,
}

impl Rebuild {
    /// Computes what the plan of `cx` must take along.
    pub fn of(cx: &PlanCx) -> Rebuild {
        let mut out = Rebuild::default();
        out.routines.extend(signature_users(cx));
        out.enum_literal_members(cx);
        let mut pending: Vec<Member> = retyped_columns(cx);
        let mut seen: HashSet<Member> = HashSet::new();
        while let Some(col) = pending.pop() {
            if !seen.insert(col.clone()) {
                continue;
            }
            for user in cx.opts.column_users.get(&col).into_iter().flatten() {
                match user {
                    ColumnUser::Trigger(t, n) => {
                        out.triggers.insert((t.clone(), n.clone()));
                    }
                    ColumnUser::Rule(t, n) => {
                        out.rules.insert((t.clone(), n.clone()));
                    }
                    ColumnUser::Policy(t, n) => {
                        out.policies.insert((t.clone(), n.clone()));
                    }
                    ColumnUser::Routine(k) => {
                        out.routines.insert(k.clone());
                    }
                    ColumnUser::Statistics(t, n) => {
                        out.statistics.insert((t.clone(), n.clone()));
                    }
                    ColumnUser::Generated(t, n) => {
                        out.generated.insert((t.clone(), n.clone()));
                        pending.push((t.clone(), n.clone()));
                    }
                }
            }
        }
        out
    }
}

impl Rebuild {
    /// Policies whose expressions read a column of a view the plan drops (a subquery):
    /// PostgreSQL refuses `DROP VIEW` under them, so they go early and come back late too.
    pub fn with_policies_reading(
        &mut self,
        opts: &super::PlanOptions,
        dropped_views: &HashSet<QualifiedName>,
    ) {
        for ((relation, _), users) in &opts.column_users {
            if !dropped_views.contains(relation) {
                continue;
            }
            for user in users {
                if let ColumnUser::Policy(t, n) = user {
                    self.policies.insert((t.clone(), n.clone()));
                }
            }
        }
    }

    fn enum_literal_members(&mut self, cx: &PlanCx) {
        for q in enum_type::plan::rebuilds(cx) {
            let cast = format!("::{}", q.type_spelling());
            let tables: BTreeSet<QualifiedName> = enum_type::plan::users(cx.live, &q)
                .into_iter()
                .map(|(t, _, _)| t)
                .collect();
            for t in tables {
                let Some(lt) = cx.live.tables.get(&t) else {
                    continue;
                };
                for (name, ck) in &lt.checks {
                    if ck.expression.contains(&cast) {
                        self.checks.insert((t.clone(), name.clone()));
                    }
                }
                for (name, ix) in &lt.indexes {
                    let texts = ix.columns.iter().chain(ix.predicate.iter());
                    if texts.into_iter().any(|x| x.contains(&cast)) {
                        self.indexes.insert((t.clone(), name.clone()));
                    }
                }
            }
        }
    }
}

/// Live (table, column) of every column the plan retypes or drops.
fn retyped_columns(cx: &PlanCx) -> Vec<Member> {
    let mut out = Vec::new();
    for ((t, m), cs) in &cx.changes.columns {
        let retyped = cs.iter().any(|c| {
            c.presence == Presence::Extra
                || matches!(
                    c.category,
                    Category::Type | Category::Timezone | Category::Collation
                )
        });
        if !retyped || cs.iter().all(|c| c.presence == Presence::Missing) {
            continue;
        }
        let old = cs
            .iter()
            .find_map(|c| c.renamed_from.clone())
            .unwrap_or_else(|| m.clone());
        out.push((cx.live_name(t), old));
    }
    for q in enum_type::plan::rebuilds(cx) {
        out.extend(
            enum_type::plan::users(cx.live, &q)
                .into_iter()
                .map(|(t, c, _)| (t, c)),
        );
    }
    for q in domain::plan::rebuilds(cx) {
        out.extend(
            domain::plan::users(cx.live, &q)
                .into_iter()
                .map(|(t, c, _)| (t, c)),
        );
    }
    out
}

/// Live routines whose arguments or result name an enum or a domain the plan rebuilds: the old
/// type cannot be dropped under them.
fn signature_users(cx: &PlanCx) -> Vec<RoutineKey> {
    let rebuilt: Vec<String> = enum_type::plan::rebuilds(cx)
        .into_iter()
        .chain(domain::plan::rebuilds(cx))
        .map(|q| q.type_spelling())
        .collect();
    if rebuilt.is_empty() {
        return Vec::new();
    }
    let names = |text: &str| {
        let t = text.trim();
        let t = t.strip_prefix("SETOF ").unwrap_or(t).trim_end_matches("[]");
        rebuilt.iter().any(|r| r == t)
    };
    cx.live
        .functions
        .iter()
        .filter(|(k, f)| k.args.split(',').any(names) || f.result.as_deref().is_some_and(names))
        .map(|(k, _)| k.clone())
        .collect()
}
