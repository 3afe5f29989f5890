//! Planning statistics: renames with the other renames; drops before any column changes
//! (PostgreSQL drops a statistics object with a column it uses, and rebuilds one on a retyped
//! column without its target, so the plan drops those itself and creates them again as
//! declared, see `plan::Rebuild`); creations, targets and comments after the indexes.
//!
//! Only what the change list names is touched (ignore rules hold), plus the objects of new
//! tables and the ones a column change takes along.

use std::collections::{HashMap, HashSet};

use super::diff::stats_text;
use super::Statistics;
use super::{attribute_options, ddl};
use crate::diff::{Category, ObjectKind, Presence};
use crate::model::QualifiedName;
use crate::plan::{Builder, PlanCx};

/// (declared table, statistics name) named by a change: the declared object, or the live one
/// a possible rename pairs it with.
fn named(cx: &PlanCx) -> HashSet<(QualifiedName, String)> {
    let mut out = HashSet::new();
    for c in cx.changes.statistics.iter() {
        let Some(t) = c.object.table.clone() else {
            continue;
        };
        if let Some(m) = &c.object.member {
            out.insert((t.clone(), m.clone()));
        }
        if let Some((ObjectKind::Statistics, old)) = &c.live_member {
            out.insert((t, old.clone()));
        }
    }
    out
}

fn label(table: &QualifiedName, name: &str) -> String {
    format!("statistics {name} on {}", table.display_name())
}

/// `ALTER STATISTICS … RENAME TO` for each declared `renamed_from` the database lacks.
pub(crate) fn rename(cx: &PlanCx, b: &mut Builder) {
    for c in cx.changes.statistics.iter() {
        let (Some(old), Some(t), Some(m)) = (&c.renamed_from, &c.object.table, &c.object.member)
        else {
            continue;
        };
        let Some(s) = cx
            .declared
            .tables
            .get(t)
            .and_then(|dt| dt.statistics.get(m))
        else {
            continue;
        };
        let live = ddl::stats_name(t, old, s);
        b.push(
            ddl::rename(&live, m),
            &label(t, m),
            Category::Statistics,
            &[],
        );
    }
}

/// The live statistics object that declared `name` of declared table `t` is compared with.
fn live_of<'a>(
    cx: &PlanCx<'a>,
    t: &QualifiedName,
    name: &str,
    d: &Statistics,
) -> Option<(String, &'a Statistics)> {
    let lt = cx.live_table(t)?;
    let key = match (lt.statistics.contains_key(name), &d.renamed_from) {
        (false, Some(old)) if lt.statistics.contains_key(old) => old.clone(),
        _ => name.to_string(),
    };
    lt.statistics.get(&key).map(|s| (key, s))
}

/// Drops, before the column changes: undeclared objects, objects defined differently, and
/// those a retyped or dropped column takes along. Returns (live table, name) of each.
pub(crate) fn drop(cx: &PlanCx, b: &mut Builder) -> HashSet<(QualifiedName, String)> {
    let named = named(cx);
    let mut dropped = HashSet::new();
    for (t, dt) in &cx.declared.tables {
        let lt_name = cx.live_name(t);
        let Some(lt) = cx.live.tables.get(&lt_name) else {
            continue;
        };
        let kept: HashSet<String> = dt
            .statistics
            .iter()
            .filter_map(|(n, d)| live_of(cx, t, n, d).map(|(k, l)| (k, n, d, l)))
            .filter(|(_, _, d, l)| stats_text(d) == stats_text(l))
            .map(|(k, _, _, _)| k)
            .collect();
        for (name, l) in &lt.statistics {
            let rebuilt = cx
                .rebuild
                .statistics
                .contains(&(lt_name.clone(), name.clone()));
            let go =
                rebuilt || (named.contains(&(t.clone(), name.clone())) && !kept.contains(name));
            if go {
                let q = ddl::stats_name(&lt_name, name, l);
                b.push(ddl::drop(&q), &label(t, name), Category::Statistics, &[]);
                dropped.insert((lt_name.clone(), name.clone()));
            }
        }
    }
    dropped
}

/// Creations (new, redefined, taken along), then targets and comments that differ on the
/// objects kept, then column targets.
pub(crate) fn create(cx: &PlanCx, b: &mut Builder, dropped: &HashSet<(QualifiedName, String)>) {
    let named = named(cx);
    for (t, dt) in &cx.declared.tables {
        let fresh = cx.missing_set.contains(t);
        for (name, d) in &dt.statistics {
            let why = label(t, name);
            let live = live_of(cx, t, name, d);
            let gone = live
                .as_ref()
                .is_none_or(|(k, _)| dropped.contains(&(cx.live_name(t), k.clone())));
            if gone {
                if fresh || named.contains(&(t.clone(), name.clone())) || live.is_some() {
                    for st in ddl::build(t, name, d) {
                        b.push(st.sql, &why, Category::Statistics, &[]);
                    }
                }
                continue;
            }
            let Some((_, l)) = live else { continue };
            if !named.contains(&(t.clone(), name.clone())) {
                continue;
            }
            let q = ddl::stats_name(t, name, d);
            if d.target != l.target {
                b.push(
                    ddl::set_target(&q, d.target),
                    &why,
                    Category::Statistics,
                    &[],
                );
            }
            if d.comment != l.comment {
                b.comment(ddl::comment(&q, d.comment.as_deref()), &why);
            }
        }
    }
    column_targets(cx, b);
}

/// `ALTER COLUMN … SET STATISTICS` where a change says the target differs, and for the
/// columns of new tables and new columns that declare one.
fn column_targets(cx: &PlanCx, b: &mut Builder) {
    let by_column: HashMap<_, _> = cx.changes.columns.iter().map(|(k, cs)| (k, cs)).collect();
    for (t, dt) in &cx.declared.tables {
        let fresh = cx.missing_set.contains(t);
        for (m, dc) in &dt.columns {
            let cs = by_column
                .get(&(t.clone(), m.clone()))
                .map(|cs| cs.as_slice())
                .unwrap_or_default();
            let added = cs
                .iter()
                .any(|c| c.presence == Presence::Missing && c.renamed_from.is_none());
            let set = if fresh || added {
                dc.statistics_target.is_some()
            } else {
                cs.iter()
                    .any(|c| c.summary.starts_with("the statistics target"))
            };
            if set {
                let why = format!("column {}.{m}: statistics target", t.display_name());
                let sql = ddl::set_column_target(t, m, dc.statistics_target);
                b.push(sql, &why, Category::Statistics, &[]);
            }
            let live = (!fresh && !added)
                .then(|| cx.live_column(t, m, cs))
                .flatten();
            let none = Default::default();
            let live_options = live.map_or(&none, |lc| &lc.attribute_options);
            let why = format!("column {}.{m}: attribute options", t.display_name());
            for sql in attribute_options::alter(t, m, &dc.attribute_options, live_options) {
                b.push(sql, &why, Category::Statistics, &[]);
            }
        }
    }
}
