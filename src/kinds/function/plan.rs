//! The routine and trigger steps of a plan, in two places of `plan::build_plan`:
//!
//! - [`drops`] (after the views, constraints and indexes that go; before any type changes):
//!   triggers that change or go away, routines that cannot be changed in place or that are not
//!   declared (aggregates first), and what still calls them, are dropped.
//! - [`before_tables`] (after schemas, extensions, enums and sequences; before tables and
//!   columns): routines that name no relation are created or replaced, so that the defaults,
//!   checks, generated columns and indexes created next can call them.
//! - [`after_tables`] (before the views, which may call them): routines that name tables.
//! - [`after_views`] (last): routines that name a view, then triggers (new, changed, dropped
//!   with their function, or lost with a view or table the plan recreated), enabled states and
//!   comments.
//!
//! `CREATE OR REPLACE` is used where PostgreSQL allows it: same kind, same arguments (names,
//! modes and defaults) and same result type. Otherwise the routine is dropped and created, and
//! the triggers that execute it are dropped before and created after.

use std::collections::{BTreeSet, HashSet};

use crate::diff::{Category, Change, ObjectKind, Presence};
use crate::kinds::trigger::rows;
use crate::model::{QualifiedName, Schema};
use crate::plan::{PlanCx, Rebuild, Step};

use super::dependents::Dependent;
use super::diff::key_of;
use super::{ddl, Function, RoutineKey, RoutineKind};
use crate::kinds::trigger::ddl as tddl;

/// A plain transactional step.
pub(crate) fn step(sql: String, change: &str, category: Category) -> Step {
    Step {
        sql,
        change: change.to_string(),
        category,
        hazards: Vec::new(),
        transactional: true,
        resume_index: None,
        before_transaction: false,
    }
}

/// Dropping a routine that others call is hazardous (see [`crate::plan::Hazard::InUse`]).
fn in_use(mut s: Step, live: &Function) -> Step {
    if !live.used_by.is_empty() {
        s.hazards.push(crate::plan::Hazard::InUse);
    }
    s
}

/// Whether `CREATE OR REPLACE` can turn `live` into `declared`.
fn replaceable(declared: &Function, live: &Function) -> bool {
    declared.kind == live.kind
        && declared.kind != RoutineKind::Aggregate
        && declared.arguments == live.arguments
        && declared.result == live.result
}

type TriggerId = (QualifiedName, String);

/// What the changes ask of routines and triggers.
#[derive(Default)]
struct Wanted {
    /// Routines to create (missing, or dropped to be recreated) or replace, with the label.
    create: Vec<(RoutineKey, String, bool)>,
    /// Routines dropped to be recreated.
    recreate: Vec<RoutineKey>,
    extra: Vec<RoutineKey>,
    routine_comments: Vec<(RoutineKey, String)>,
    triggers_create: Vec<(TriggerId, String)>,
    triggers_drop: Vec<(TriggerId, String)>,
    trigger_state: Vec<(TriggerId, String)>,
    trigger_comments: Vec<(TriggerId, String)>,
}

fn trigger_id(c: &Change) -> Option<TriggerId> {
    Some((c.object.table.clone()?, c.object.member.clone()?))
}

fn wanted(declared: &Schema, live: &Schema, changes: &[Change], rebuild: &Rebuild) -> Wanted {
    let mut w = Wanted::default();
    for c in changes {
        let label = format!("{}: {}", c.object.describe(), c.summary);
        if c.object.kind == ObjectKind::Trigger {
            if let Some(id) = trigger_id(c) {
                w.trigger_change(c, id, label);
            }
        } else if let Some(key) = key_of(&c.object) {
            w.routine_change(declared, live, c, key, label);
        }
    }
    w.with_rebuilt(declared, live, rebuild);
    w.with_dependent_routines(declared, live);
    w.with_dependent_triggers(declared, live);
    w
}

impl Wanted {
    fn trigger_change(&mut self, c: &Change, id: TriggerId, label: String) {
        match (c.presence, c.category) {
            (Presence::Missing, _) => self.triggers_create.push((id, label)),
            (Presence::Extra, _) => self.triggers_drop.push((id, label)),
            (_, Category::Trigger) if c.summary == "definition differs" => {
                self.triggers_drop.push((id.clone(), label.clone()));
                self.triggers_create.push((id, label));
            }
            (_, Category::Trigger) => self.trigger_state.push((id, label)),
            (_, Category::Comment) => self.trigger_comments.push((id, label)),
            _ => {}
        }
    }

    fn routine_change(
        &mut self,
        declared: &Schema,
        live: &Schema,
        c: &Change,
        key: RoutineKey,
        label: String,
    ) {
        match (c.presence, c.category) {
            (Presence::Missing, _) => self.create.push((key, label, false)),
            (Presence::Extra, _) => self.extra.push(key),
            (_, Category::Function) => {
                let (Some(d), Some(l)) = (declared.functions.get(&key), live.functions.get(&key))
                else {
                    return;
                };
                let in_place = replaceable(d, l);
                if !in_place {
                    self.recreate.push(key.clone());
                }
                self.create.push((key, label, in_place));
            }
            (_, Category::Comment) => self.routine_comments.push((key, label)),
            _ => {}
        }
    }

    /// Routines and triggers in the way of a column change (see [`crate::plan::Rebuild`]): dropped
    /// before it, created again (as declared) after it.
    fn with_rebuilt(&mut self, declared: &Schema, live: &Schema, rebuild: &Rebuild) {
        for key in &rebuild.routines {
            if !live.functions.contains_key(key) || self.recreate.contains(key) {
                continue;
            }
            self.recreate.push(key.clone());
            self.create.retain(|(k, _, _)| k != key);
            if declared.functions.contains_key(key) {
                let label =
                    format!("routine {key}: recreated around a change of a column it reads");
                self.create.push((key.clone(), label, false));
            }
        }
        for id in &rebuild.triggers {
            if self.triggers_drop.iter().any(|(i, _)| i == id) {
                continue;
            }
            let (table, name) = id;
            let label =
                format!("trigger {name} on {table}: recreated around a change of a column it uses");
            self.triggers_drop.push((id.clone(), label.clone()));
            let declared_too = declared
                .triggers
                .get(table)
                .is_some_and(|d| d.contains_key(name));
            if declared_too && !self.triggers_create.iter().any(|(i, _)| i == id) {
                self.triggers_create.push((id.clone(), label));
            }
        }
    }

    /// Routines calling one that is dropped and created anew (a parameter DEFAULT, a `BEGIN
    /// ATOMIC` body, an aggregate's support function) go and come back with it: each is dropped
    /// before the routine it calls and created after it.
    fn with_dependent_routines(&mut self, declared: &Schema, live: &Schema) {
        let mut todo: Vec<RoutineKey> = self.recreate.clone();
        while let Some(callee) = todo.pop() {
            let Some(f) = live.functions.get(&callee) else {
                continue;
            };
            for d in &f.used_by {
                let Dependent::Routine(q, args) = d else {
                    continue;
                };
                let caller = RoutineKey::new(q.clone(), args.clone());
                if caller == callee || !live.functions.contains_key(&caller) {
                    continue;
                }
                let at = self.recreate.iter().position(|k| *k == callee).unwrap_or(0);
                match self.recreate.iter().position(|k| *k == caller) {
                    Some(i) if i < at => continue,
                    Some(i) => {
                        self.recreate.remove(i);
                    }
                    None => {}
                }
                self.recreate.insert(at, caller.clone());
                self.create.retain(|(k, _, _)| *k != caller);
                if declared.functions.contains_key(&caller) {
                    let label = format!("routine {caller}: recreated with the routine it calls");
                    self.create.push((caller.clone(), label, false));
                }
                todo.push(caller);
            }
        }
    }

    /// Whether trigger `id`'s WHEN calls a routine that is dropped and recreated.
    fn when_calls_recreated(&self, live: &Schema, id: &TriggerId) -> bool {
        let when = Dependent::Trigger(id.0.clone(), id.1.clone());
        self.recreate
            .iter()
            .filter_map(|k| live.functions.get(k))
            .any(|f| f.used_by.contains(&when))
    }

    /// Triggers executing (or calling in WHEN) a routine that is dropped and recreated go and
    /// come back with it.
    fn with_dependent_triggers(&mut self, declared: &Schema, live: &Schema) {
        for (table, triggers) in &live.triggers {
            for (name, t) in triggers {
                let id = (table.clone(), name.clone());
                let uses = t
                    .function
                    .as_ref()
                    .is_some_and(|f| self.recreate.contains(f))
                    || self.when_calls_recreated(live, &id);
                if !uses || self.triggers_drop.iter().any(|(i, _)| *i == id) {
                    continue;
                }
                let label =
                    format!("trigger {name} on {table}: recreated with the function it executes");
                self.triggers_drop.push((id.clone(), label.clone()));
                let declared_too = declared
                    .triggers
                    .get(table)
                    .is_some_and(|d| d.contains_key(name));
                if declared_too {
                    self.triggers_create.push((id, label));
                }
            }
        }
    }
}

/// Whether an earlier step drops the relation (a view or table the plan recreates), taking its
/// triggers with it.
pub(crate) fn relation_dropped(steps: &[Step], q: &QualifiedName) -> bool {
    let drops = [
        crate::ddl::drop_view(q, false),
        crate::ddl::drop_view(q, true),
        crate::ddl::drop_table(q),
    ];
    steps.iter().any(|s| drops.contains(&s.sql))
}

fn create_routine(out: &mut Vec<Step>, key: &RoutineKey, f: &Function, label: &str, replace: bool) {
    let sql = if replace {
        ddl::create_or_replace(f)
    } else {
        ddl::create(f)
    };
    out.push(step(sql, label, Category::Function));
    if f.comment.is_some() {
        out.push(step(
            ddl::comment(key, f.kind, f.comment.as_deref()),
            label,
            Category::Comment,
        ));
    }
}

/// Drops of triggers and routines that change or go, and of what calls the routines, before any
/// type is changed or rebuilt (a routine's signature may name it). `steps` are the plan's steps
/// so far.
pub(crate) fn drops(cx: &PlanCx, changes: &[Change], steps: &[Step]) -> Vec<Step> {
    let (declared, live) = (cx.declared, cx.live);
    let w = wanted(declared, live, changes, &cx.rebuild);
    let mut out = vec![];
    for ((table, name), label) in &w.triggers_drop {
        if !relation_dropped(steps, table) {
            // Renames run first: a renamed table goes by its declared name by now.
            let s = step(
                tddl::drop(&cx.declared_name(table), name),
                label,
                Category::Trigger,
            );
            out.push(rows::flag(s, cx, table));
        }
    }
    // Those naming a dropped view went with it (`kinds::view::plan::drop_views`).
    let bound = bound_to_views(live, &cx.dropped_views);
    let recreate: Vec<RoutineKey> = w
        .recreate
        .iter()
        .filter(|k| !bound.contains(k))
        .cloned()
        .collect();
    out.extend(super::dependents::drop_steps(live, &recreate));
    for kind_first in [RoutineKind::Aggregate, RoutineKind::Function] {
        for key in &recreate {
            let Some(l) = live.functions.get(key) else {
                continue;
            };
            if (l.kind == RoutineKind::Aggregate) == (kind_first == RoutineKind::Aggregate) {
                let label = format!("{} {key}: dropped to be created anew", l.kind.words());
                out.push(in_use(
                    step(ddl::drop(key, l.kind), &label, Category::Function),
                    l,
                ));
            }
        }
    }
    // Undeclared routines go before the tables and types their bodies and signatures name;
    // what still calls them (a default, a check, an index, a policy) goes first.
    let extra: Vec<RoutineKey> = w
        .extra
        .iter()
        .filter(|k| !bound.contains(k))
        .cloned()
        .collect();
    out.extend(super::dependents::drop_steps(live, &extra));
    drop_extra_routines(live, &extra, &mut out);
    out
}

/// Routines that name no relation, before the tables (defaults, checks, generated columns and
/// indexes may call them).
pub(crate) fn before_tables(cx: &PlanCx, changes: &[Change]) -> Vec<Step> {
    let (declared, live) = (cx.declared, cx.live);
    let w = wanted(declared, live, changes, &cx.rebuild);
    let mut out = vec![];
    if w.create.iter().any(|(k, _, _)| early(cx, k)) {
        out.push(step(
            ddl::skip_body_checks(),
            "routine bodies are checked when called",
            Category::Function,
        ));
    }
    for aggregates in [false, true] {
        for (key, label, replace) in &w.create {
            let Some(f) = declared.functions.get(key) else {
                continue;
            };
            if early(cx, key) && (f.kind == RoutineKind::Aggregate) == aggregates {
                create_routine(&mut out, key, f, label, *replace);
            }
        }
    }
    let (now, _) = recreated_by_stage(cx, &w);
    out.extend(super::dependents::restore_steps(
        declared,
        live,
        changes,
        &cx.rebuild,
        &now,
    ));
    out
}

/// The routines dropped to be created anew, split into those created before the tables and
/// those created at the end.
fn recreated_by_stage(cx: &PlanCx, w: &Wanted) -> (Vec<RoutineKey>, Vec<RoutineKey>) {
    let declared = cx.declared;
    w.recreate
        .iter()
        .cloned()
        .partition(|k| early(cx, k) || !declared.functions.contains_key(k))
}

/// Live routines whose signature (a view's row type) or `BEGIN ATOMIC` body names a view in
/// `dropped`: PostgreSQL refuses `DROP VIEW` under them, so the view planner drops them between
/// the views (see `kinds::view::plan::drop_views`) and they are created anew.
pub(crate) fn bound_to_views(live: &Schema, dropped: &HashSet<QualifiedName>) -> Vec<RoutineKey> {
    live.functions
        .iter()
        .filter(|(_, f)| f.depends_on.iter().any(|q| dropped.contains(q)))
        .map(|(k, _)| k.clone())
        .collect()
}

/// The steps dropping one [`bound_to_views`] routine, and what calls it other than views.
pub(crate) fn drop_bound(live: &Schema, key: &RoutineKey) -> Vec<Step> {
    let Some(l) = live.functions.get(key) else {
        return Vec::new();
    };
    let mut out = super::dependents::drop_steps(live, std::slice::from_ref(key));
    let label = format!("{} {key}: dropped with the view it names", l.kind.words());
    out.push(in_use(
        step(ddl::drop(key, l.kind), &label, Category::Function),
        l,
    ));
    out
}

/// The routines a plan drops and creates anew (`CREATE OR REPLACE` cannot change them).
pub(crate) fn recreated(
    declared: &Schema,
    live: &Schema,
    changes: &[Change],
    rebuild: &Rebuild,
) -> Vec<RoutineKey> {
    wanted(declared, live, changes, rebuild).recreate
}

/// The tables (and views) whose triggers the plan drops, creates, redefines or enables or
/// disables: those to probe for rows (see [`crate::kinds::trigger::rows`]).
pub(crate) fn trigger_tables(cx: &PlanCx, changes: &[Change]) -> BTreeSet<QualifiedName> {
    let w = wanted(cx.declared, cx.live, changes, &cx.rebuild);
    let lists = [&w.triggers_create, &w.triggers_drop, &w.trigger_state];
    lists
        .into_iter()
        .flatten()
        .map(|((table, _), _)| table.clone())
        .collect()
}

/// A routine created before the tables: it names no table or view, or only tables the
/// database has and whose columns the plan leaves as they are (not created, renamed, no column
/// added, changed or dropped, and the routine not taken along by a column change), so a default or check that the plan adds to a
/// table can call it.
fn early(cx: &PlanCx, key: &RoutineKey) -> bool {
    let Some(f) = cx.declared.functions.get(key) else {
        return false;
    };
    if f.depends_on.is_empty() {
        return true;
    }
    if cx.rebuild.routines.contains(key) {
        return false;
    }
    f.depends_on.iter().all(|q| cx.settled_tables.contains(q))
}

/// Routines that name tables but no view, before the views (which may call them), as
/// `ddl::create_script` orders them.
pub(crate) fn after_tables(cx: &PlanCx, changes: &[Change]) -> Vec<Step> {
    let w = wanted(cx.declared, cx.live, changes, &cx.rebuild);
    let mut out = vec![];
    create_stage(cx, changes, &w, ddl::Stage::AfterTables, &mut out);
    out
}

/// Creates (or replaces) the declared routines of `stage` that the plan creates, then brings
/// back what called those of them that were dropped to be created anew.
fn create_stage(
    cx: &PlanCx,
    changes: &[Change],
    w: &Wanted,
    stage: ddl::Stage,
    out: &mut Vec<Step>,
) {
    let declared = cx.declared;
    let in_stage = |key: &RoutineKey| {
        declared.functions.get(key).filter(|f| {
            ddl::stage_of(declared, f) == stage && !among_views(declared, key) && !early(cx, key)
        })
    };
    if w.create.iter().any(|(k, _, _)| in_stage(k).is_some()) {
        out.push(step(
            ddl::skip_body_checks(),
            "routine bodies are checked when called",
            Category::Function,
        ));
    }
    for (key, label, replace) in &w.create {
        if let Some(f) = in_stage(key) {
            create_routine(out, key, f, label, *replace);
        }
    }
    let (_, late) = recreated_by_stage(cx, w);
    let late: Vec<RoutineKey> = late.into_iter().filter(|k| in_stage(k).is_some()).collect();
    out.extend(super::dependents::restore_steps(
        declared,
        cx.live,
        changes,
        &cx.rebuild,
        &late,
    ));
}

/// A routine that reads a view and is called by a view: the view planner creates it among the
/// views, in the one dependency order (`Graph::with_routines`), through [`create_among_views`].
pub(crate) fn among_views(declared: &Schema, key: &RoutineKey) -> bool {
    declared.functions.get(key).is_some_and(|f| {
        ddl::stage_of(declared, f) == ddl::Stage::AfterViews
            && f.used_by.iter().any(|d| matches!(d, Dependent::View(_)))
    })
}

/// The steps that create (or replace) one [`among_views`] routine, if the plan creates it.
pub(crate) fn create_among_views(cx: &PlanCx, key: &RoutineKey) -> Vec<Step> {
    let changes = cx.all_changes;
    let w = wanted(cx.declared, cx.live, changes, &cx.rebuild);
    let mut out = vec![];
    let wanted_here = w.create.iter().find(|(k, _, _)| k == key);
    if let (Some((_, label, replace)), Some(f)) = (wanted_here, cx.declared.functions.get(key)) {
        let why = "routine bodies are checked when called";
        out.push(step(ddl::skip_body_checks(), why, Category::Function));
        create_routine(&mut out, key, f, label, *replace);
        if w.recreate.contains(key) {
            let one = [key.clone()];
            out.extend(super::dependents::restore_steps(
                cx.declared,
                cx.live,
                changes,
                &cx.rebuild,
                &one,
            ));
        }
    }
    out
}

/// Routines that name views, triggers, states, comments, then drops of undeclared routines.
/// `steps` are all the plan's other steps.
pub(crate) fn after_views(cx: &PlanCx, changes: &[Change], steps: &[Step]) -> Vec<Step> {
    let (declared, live) = (cx.declared, cx.live);
    let w = wanted(declared, live, changes, &cx.rebuild);
    let mut out = vec![];
    create_stage(cx, changes, &w, ddl::Stage::AfterViews, &mut out);
    let created = create_triggers(cx, &w, steps, &mut out);
    trigger_alterations(cx, &w, &created, &mut out);
    routine_comments(declared, &w, &mut out);
    out
}

/// New and redefined triggers, those dropped with their routine, and those lost with a
/// relation the plan dropped and creates again. Returns the triggers created.
fn create_triggers(
    cx: &PlanCx,
    w: &Wanted,
    steps: &[Step],
    out: &mut Vec<Step>,
) -> BTreeSet<TriggerId> {
    let (declared, live) = (cx.declared, cx.live);
    let mut to_create = w.triggers_create.clone();
    for (table, triggers) in &declared.triggers {
        let live_has = |n: &String| live.triggers.get(table).is_some_and(|t| t.contains_key(n));
        if relation_dropped(steps, table) {
            for name in triggers.keys().filter(|n| live_has(n)) {
                let label = format!("trigger {name} on {table}: recreated with its relation");
                to_create.push(((table.clone(), name.clone()), label));
            }
        }
    }
    let mut created: BTreeSet<TriggerId> = BTreeSet::new();
    for ((table, name), label) in &to_create {
        let Some(t) = declared.triggers.get(table).and_then(|t| t.get(name)) else {
            continue;
        };
        let id = (table.clone(), name.clone());
        // Brought back unchanged with a relation the plan recreates: writes do as before.
        let changed = w.triggers_create.iter().any(|(i, _)| *i == id);
        if created.insert(id) {
            for st in tddl::build(table, name, t) {
                let comment = st.sql.starts_with("COMMENT ON");
                let s = step(st.sql, label, Category::Trigger);
                out.push(if changed && !comment {
                    rows::flag(s, cx, table)
                } else {
                    s
                });
            }
        }
    }
    created
}

/// Enabled states and comments of triggers that stay (a created trigger got both already).
fn trigger_alterations(
    cx: &PlanCx,
    w: &Wanted,
    created: &BTreeSet<TriggerId>,
    out: &mut Vec<Step>,
) {
    let lists = [
        (&w.trigger_state, Category::Trigger),
        (&w.trigger_comments, Category::Comment),
    ];
    for (list, category) in lists {
        for ((table, name), label) in list {
            let Some(t) = cx.declared.triggers.get(table).and_then(|t| t.get(name)) else {
                continue;
            };
            if created.contains(&(table.clone(), name.clone())) {
                continue;
            }
            if category == Category::Comment {
                let sql = tddl::comment(table, name, t.comment.as_deref());
                out.push(step(sql, label, category));
            } else {
                let sql = tddl::set_enabled(table, name, t.enabled);
                out.push(rows::flag(step(sql, label, category), cx, table));
            }
        }
    }
}

/// Comments of routines that were not (re)created in this plan.
fn routine_comments(declared: &Schema, w: &Wanted, out: &mut Vec<Step>) {
    for (key, label) in &w.routine_comments {
        let Some(f) = declared.functions.get(key) else {
            continue;
        };
        if !w.create.iter().any(|(k, _, _)| k == key) {
            let sql = ddl::comment(key, f.kind, f.comment.as_deref());
            out.push(step(sql, label, Category::Comment));
        }
    }
}

/// Undeclared routines, aggregates before the functions they may use.
fn drop_extra_routines(live: &Schema, extra: &[RoutineKey], out: &mut Vec<Step>) {
    for aggregates in [true, false] {
        for key in extra {
            let Some(l) = live.functions.get(key) else {
                continue;
            };
            if (l.kind == RoutineKind::Aggregate) == aggregates {
                let label = format!(
                    "{} {key} exists in the database but is not declared",
                    l.kind.words()
                );
                out.push(in_use(
                    step(ddl::drop(key, l.kind), &label, Category::Function),
                    l,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routines_naming_a_dropped_view_are_bound_to_it() {
        let mut live = Schema::default();
        let view = QualifiedName::new("vc", "l1");
        let on_view = RoutineKey::new(QualifiedName::new("vc", "rows_of"), "");
        let on_table = RoutineKey::new(QualifiedName::new("vc", "n"), "");
        let named = |q: &QualifiedName| Function {
            depends_on: vec![q.clone()],
            ..Default::default()
        };
        live.functions.insert(on_view.clone(), named(&view));
        live.functions
            .insert(on_table, named(&QualifiedName::new("vc", "base")));
        let dropped: HashSet<QualifiedName> = [view].into_iter().collect();
        assert_eq!(bound_to_views(&live, &dropped), vec![on_view.clone()]);
        assert!(bound_to_views(&live, &HashSet::new()).is_empty());
        let steps = drop_bound(&live, &on_view);
        assert_eq!(steps.len(), 1);
        assert!(
            steps[0]
                .sql
                .starts_with("DROP FUNCTION \"vc\".\"rows_of\"("),
            "{}",
            steps[0].sql
        );
    }
}
