//! trigger: which trigger changes alter what writes do, for the `behavior_change` hazard.
//!
//! A trigger step (drop, create, redefinition, enabled state) on a relation the database already
//! has changes what every later write to it does, the moment the plan commits. The rule
//! is "a table with rows": at plan time, with the live connection at hand, the tables whose
//! triggers the plan changes are probed with `SELECT EXISTS (SELECT 1 FROM t)` (exact, unlike
//! `pg_class.reltuples`, which is -1 or 0 until the table is first vacuumed or analyzed), and
//! those found empty are left unflagged. A table that was not probed, whose probe failed (no
//! `SELECT` privilege, a lock or statement timeout) or that is renamed counts as holding rows.
//! A view holds no rows of its own: its INSTEAD OF triggers are what writes through it do, so a
//! trigger change on an existing view is always flagged. New tables and views, and undeclared
//! tables the plan drops (`data_loss`), are never flagged.

use std::collections::{BTreeSet, HashSet};

use crate::conn::DbUrl;
use crate::model::{QualifiedName, Schema};
use crate::plan::{Hazard, PlanCx, Step};

/// Each probe gives up after this long (then the table counts as holding rows).
const PROBE_SETTINGS: &str = "SET lock_timeout = '2s'; SET statement_timeout = '5s'";

/// The tables among `tables` that exist in `live` and hold no row right now. Every error (the
/// connection, a privilege, a timeout) leaves a table out, so it counts as holding rows.
pub async fn empty_tables(
    url: &DbUrl,
    live: &Schema,
    tables: &BTreeSet<QualifiedName>,
) -> HashSet<QualifiedName> {
    let mut empty = HashSet::new();
    let existing: Vec<&QualifiedName> = tables
        .iter()
        .filter(|t| live.tables.contains_key(*t))
        .collect();
    if existing.is_empty() {
        return empty;
    }
    let Ok(client) = url.connect().await else {
        return empty;
    };
    if client.batch_execute(PROBE_SETTINGS).await.is_err() {
        return empty;
    }
    for t in existing {
        let sql = format!("SELECT EXISTS (SELECT 1 FROM {})", t.sql());
        let rows = client.query_one(sql.as_str(), &[]).await;
        if let Ok(false) = rows.and_then(|r| r.try_get::<_, bool>(0)) {
            empty.insert(t.clone());
        }
    }
    empty
}

/// Whether a trigger change on `table` (named as in the change list) alters what writes to an
/// existing relation do: an existing view, or an existing table not known to be empty.
pub(crate) fn affects_writes(cx: &PlanCx, table: &QualifiedName) -> bool {
    if cx.live.views.contains_key(table) {
        return true;
    }
    let live_name = cx.live_name(table);
    // New tables have no writes yet; undeclared ones are dropped (`data_loss` says it).
    if !cx.live.tables.contains_key(&live_name) || cx.extra_set.contains(&live_name) {
        return false;
    }
    live_name != *table || !cx.opts.empty_tables.contains(table)
}

/// `step` with the `behavior_change` hazard when it changes a trigger of an existing relation
/// (see [`affects_writes`]).
pub(crate) fn flag(mut step: Step, cx: &PlanCx, table: &QualifiedName) -> Step {
    if affects_writes(cx, table) && !step.hazards.contains(&Hazard::BehaviorChange) {
        step.hazards.push(Hazard::BehaviorChange);
    }
    step
}

#[cfg(test)]
mod tests {
    use crate::kinds::trigger::Trigger;
    use crate::model::{QualifiedName, Schema, Table};
    use crate::plan::{build_plan, Hazard, PlanOptions};

    fn schema(tables: &[&str], triggers: &[(&str, &str)]) -> Schema {
        let mut s = Schema::default();
        for t in tables {
            s.tables
                .insert(QualifiedName::new("public", *t), Table::default());
        }
        for (t, name) in triggers {
            let trigger = Trigger {
                definition: format!(
                    "CREATE TRIGGER {name} BEFORE INSERT ON public.{t} FOR EACH ROW EXECUTE FUNCTION f()"
                ),
                ..Default::default()
            };
            s.triggers
                .entry(QualifiedName::new("public", *t))
                .or_default()
                .insert(name.to_string(), trigger);
        }
        s
    }

    /// The hazards of the step whose SQL contains `needle`.
    fn hazards(opts: &PlanOptions, needle: &str) -> Vec<Hazard> {
        let live = schema(&["a", "b"], &[("a", "gone")]);
        let declared = schema(&["a", "b", "c"], &[("b", "added"), ("c", "fresh")]);
        let changes = crate::diff::diff(&declared, &live);
        let plan = build_plan(&declared, &live, &changes, opts).unwrap();
        plan.steps
            .iter()
            .find(|s| s.sql.contains(needle))
            .map(|s| s.hazards.clone())
            .unwrap_or_else(|| panic!("no step with {needle}: {plan:#?}"))
    }

    #[test]
    fn unprobed_tables_count_as_holding_rows() {
        let unprobed = PlanOptions::default();
        assert_eq!(hazards(&unprobed, "DROP TRIGGER"), [Hazard::BehaviorChange]);
        assert_eq!(hazards(&unprobed, "added"), [Hazard::BehaviorChange]);
        // A table the plan creates has no writes yet.
        assert_eq!(hazards(&unprobed, "fresh"), []);
        let probed = PlanOptions {
            empty_tables: [QualifiedName::new("public", "a")].into_iter().collect(),
            ..Default::default()
        };
        assert_eq!(hazards(&probed, "DROP TRIGGER"), []);
        assert_eq!(hazards(&probed, "added"), [Hazard::BehaviorChange]);
    }
}
