//! Planning rules. A rule sits on one relation and its actions may name any other, so:
//!
//! - drops go first in the plan, before anything else: undeclared rules, and rules in the way of
//!   a change (a column they read is retyped or dropped, see `plan::Rebuild`; a relation they sit
//!   on or name is dropped, to be recreated or for good; a routine they call is dropped to be
//!   created anew: `DROP VIEW`/`DROP TABLE`/`DROP FUNCTION` never cascade);
//! - creations go last, after every table, view and routine exists: new rules, those dropped
//!   above that are declared, and those lost with a view the plan rebuilt under them;
//! - a changed definition is `CREATE OR REPLACE RULE` (same name and relation; the event may
//!   change), which keeps the enabled state and comment; state and comment changes alone are
//!   `ALTER TABLE … ENABLE/DISABLE RULE` and `COMMENT ON RULE`.
//!
//! Every step on an existing relation that changes what its writes do carries the
//! `behavior_change` hazard (as triggers' do, see `kinds::trigger::rows`); a rule restored
//! unchanged with its relation does not.

use std::collections::BTreeSet;

use super::{ddl, diff::DEFINITION_DIFFERS, Rule};
use crate::diff::{Category, Change, ObjectKind, Presence};
use crate::graph::{Graph, Node, NodeKind};
use crate::kinds::function::ddl as fddl;
use crate::kinds::function::plan::relation_dropped;
use crate::kinds::function::RoutineKey;
use crate::kinds::trigger::rows;
use crate::model::QualifiedName;
use crate::plan::{label, Builder, PlanCx, Step};

type RuleId = (QualifiedName, String);

/// Adds the rule steps to `b`: drops before every step planned so far, the rest after.
pub(crate) fn plan(cx: &PlanCx, b: &mut Builder) {
    let mine: Vec<&Change> = cx
        .all_changes
        .iter()
        .filter(|c| c.object.kind == ObjectKind::Rule)
        .collect();
    let mut drops = Builder { steps: Vec::new() };
    let mut late = Builder { steps: Vec::new() };
    let created = drop_live(cx, &mine, &b.steps, &mut drops, &mut late);
    declared_changes(cx, &mine, &created, &mut late);
    let mut steps: Vec<Step> = drops.steps;
    steps.append(&mut b.steps);
    steps.append(&mut late.steps);
    b.steps = steps;
}

/// The changes about one rule.
fn about<'a>(mine: &[&'a Change], id: &RuleId) -> Vec<&'a Change> {
    mine.iter()
        .copied()
        .filter(|c| c.object.table.as_ref() == Some(&id.0))
        .filter(|c| c.object.member.as_deref() == Some(id.1.as_str()))
        .collect()
}

/// Drops of undeclared live rules and of those in the way (see [`in_the_way`]) into `drops`;
/// the declared ones among the latter are created again into `late`. Returns those.
fn drop_live(
    cx: &PlanCx,
    mine: &[&Change],
    steps: &[Step],
    drops: &mut Builder,
    late: &mut Builder,
) -> BTreeSet<RuleId> {
    let mut created: BTreeSet<RuleId> = BTreeSet::new();
    let on_dropped = on_dropped_relations(cx, steps);
    for (relation, rules) in &cx.live.rules {
        for (name, l) in rules {
            let id = (relation.clone(), name.clone());
            let found = about(mine, &id);
            if let Some(c) = found.iter().find(|c| c.presence == Presence::Extra) {
                let s = step(ddl::drop(relation, name), &label(&[c]), c.category);
                drops.steps.push(rows::flag(s, cx, relation));
                continue;
            }
            let Some(why) = in_the_way(cx, steps, &on_dropped, &id, l) else {
                continue;
            };
            // Brought back unchanged (no change of its own): what writes do stays the same.
            let changed = !found.is_empty();
            let text = if changed { label(&found) } else { why };
            let s = step(ddl::drop(relation, name), &text, Category::Rule);
            drops.steps.push(if changed {
                rows::flag(s, cx, relation)
            } else {
                s
            });
            if let Some(d) = declared_rule(cx, &id) {
                build(cx, late, &id, d, &text, changed);
                created.insert(id);
            }
        }
    }
    created
}

/// New rules, redefinitions (`CREATE OR REPLACE RULE`), states and comments of the declared
/// rules not `created` again already.
fn declared_changes(cx: &PlanCx, mine: &[&Change], created: &BTreeSet<RuleId>, late: &mut Builder) {
    let mut created = created.clone();
    for c in mine {
        let Some(id) = c.object.table.clone().zip(c.object.member.clone()) else {
            continue;
        };
        let Some(d) = declared_rule(cx, &id).filter(|_| !created.contains(&id)) else {
            continue;
        };
        let why = label(&[c]);
        let (relation, name) = (&id.0, id.1.as_str());
        let sql = match (c.presence, c.category) {
            (Presence::Missing, _) => {
                build(cx, late, &id, d, &why, true);
                created.insert(id);
                continue;
            }
            (_, Category::Comment) => {
                late.comment(ddl::comment(relation, name, d.comment.as_deref()), &why);
                continue;
            }
            (_, Category::Rule) if c.summary == DEFINITION_DIFFERS => {
                ddl::create_or_replace(d).unwrap_or_else(|| ddl::create(d))
            }
            (_, Category::Rule) => ddl::set_enabled(relation, name, d.enabled),
            _ => continue,
        };
        late.steps
            .push(rows::flag(step(sql, &why, Category::Rule), cx, relation));
    }
}

/// The live rules that sit on or name a relation an earlier step drops (`DROP VIEW` and `DROP
/// TABLE` never cascade): the rule dependents of those relations in the one dependency graph.
fn on_dropped_relations(cx: &PlanCx, steps: &[Step]) -> BTreeSet<Node> {
    let tables = cx.live.tables.keys().map(|q| Node::new(NodeKind::Table, q));
    let views = cx.live.views.keys().map(|q| Node::new(NodeKind::View, q));
    let dropped: BTreeSet<Node> = tables
        .chain(views)
        .filter(|n| relation_dropped(steps, &n.name))
        .collect();
    let mut out = Graph::of(cx.live).dependents(&dropped);
    out.retain(|n| n.kind == NodeKind::Rule);
    out
}

fn declared_rule<'a>(cx: &PlanCx<'a>, id: &RuleId) -> Option<&'a Rule> {
    cx.declared.rules.get(&id.0).and_then(|r| r.get(&id.1))
}

/// Why the live rule `id` must be dropped before the plan's other steps (and created again after
/// them when declared), or `None` when it may stay.
fn in_the_way(
    cx: &PlanCx,
    steps: &[Step],
    on_dropped: &BTreeSet<Node>,
    id: &RuleId,
    l: &Rule,
) -> Option<String> {
    let (relation, name) = id;
    if relation_dropped(steps, relation) {
        return Some(format!(
            "rule {name} on {relation}: recreated with its relation"
        ));
    }
    if on_dropped.contains(&Node::rule(relation, name)) {
        return Some(format!(
            "rule {name} on {relation}: dropped while a relation it names is dropped"
        ));
    }
    let recreated = |k: &RoutineKey| {
        let kind = cx.live.functions.get(k).map(|f| f.kind);
        kind.is_some_and(|kind| steps.iter().any(|s| s.sql == fddl::drop(k, kind)))
    };
    if let Some(k) = l.calls.iter().find(|k| recreated(k)) {
        return Some(format!(
            "rule {name} on {relation}: recreated with routine {k}, which it calls"
        ));
    }
    cx.rebuild.rules.contains(id).then(|| {
        format!("rule {name} on {relation}: recreated around a change of a column it uses")
    })
}

/// CREATE, state and comment of one rule; with `changed`, the CREATE is a behavior change.
fn build(cx: &PlanCx, out: &mut Builder, id: &RuleId, r: &Rule, why: &str, changed: bool) {
    for (i, st) in ddl::build(&id.0, &id.1, r).into_iter().enumerate() {
        let s = step(st.sql, why, Category::Rule);
        out.steps.push(if changed && i == 0 {
            rows::flag(s, cx, &id.0)
        } else {
            s
        });
    }
}

fn step(sql: String, change: &str, category: Category) -> Step {
    crate::kinds::function::plan::step(sql, change, category)
}
