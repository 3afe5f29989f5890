//! Planning sequences: created or altered before the tables that use them, dropped with the
//! other undeclared objects, and their ownership set once the owning columns exist.

use crate::ddl;
use crate::diff::{Category, Presence};
use crate::kinds::column::identity::effective;
use crate::kinds::column::plan::DroppedColumn;
use crate::kinds::policy::diff::live_table;
use crate::model::{Column, QualifiedName};
use crate::plan::{label, Builder, Hazard, PlanCx};

/// Creates and alters sequences; returns those whose `OWNED BY` is set later, when the
/// owning column exists.
pub(crate) fn create_or_alter(cx: &PlanCx, b: &mut Builder) -> Vec<QualifiedName> {
    let mut new_owner: Vec<QualifiedName> = Vec::new();
    for c in &cx.changes.sequences {
        let Some(q) = &c.object.qualified else {
            continue;
        };
        let Some(d) = cx.declared.sequences.get(q) else {
            continue;
        };
        match (c.presence, c.category) {
            (Presence::Missing, _) => {
                for (t, col) in identities_in_the_way(cx, q) {
                    let sql = crate::kinds::column::ddl::drop_identity(&t, &col);
                    b.push(sql, &label(&[c]), Category::Identity, &[]);
                }
                b.push(ddl::create_sequence(q, d), &label(&[c]), c.category, &[]);
                if let Some(cm) = &d.comment {
                    b.comment(ddl::comment_on_sequence(q, Some(cm)), &label(&[c]));
                }
                new_owner.push(q.clone());
            }
            (_, Category::Comment) => {
                let sql = ddl::comment_on_sequence(q, d.comment.as_deref());
                b.comment(sql, &label(&[c]));
            }
            (Presence::Changed, Category::Sequence) => {
                let mut sql = ddl::alter_sequence(q, d);
                // Disjoint ranges: restarting at the new START reuses no value handed out
                // before, and without it PostgreSQL rejects the new bounds.
                if let Some(l) = cx.live.sequences.get(q) {
                    if crate::kinds::sequence::ddl::needs_restart(d, l) {
                        sql.push_str(" RESTART");
                    }
                }
                b.push(sql, &label(&[c]), c.category, &[]);
                if cx
                    .live
                    .sequences
                    .get(q)
                    .is_some_and(|l| l.unlogged != d.unlogged)
                {
                    let sql = ddl::set_sequence_persistence(q, d.unlogged);
                    b.push(sql, &label(&[c]), c.category, &[]);
                }
                let lo = cx.live.sequences.get(q).and_then(|s| s.owned_by.clone());
                if lo != d.owned_by {
                    new_owner.push(q.clone());
                }
            }
            _ => {}
        }
    }
    new_owner
}

/// Whether the identity sequence of `live_table`'s column `lc` has the name of a declared
/// sequence the database lacks: its `DROP IDENTITY` then comes before that sequence is created
/// (see [`identities_in_the_way`]), not with the column's other changes.
pub(crate) fn identity_name_freed(
    cx: &PlanCx,
    live_table: &QualifiedName,
    column: &str,
    lc: &Column,
) -> bool {
    let seq = QualifiedName::new(
        live_table.schema.clone(),
        effective(live_table, column, lc).sequence,
    );
    cx.declared.sequences.contains_key(&seq) && !cx.live.sequences.contains_key(&seq)
}

/// The columns (table by its declared name, which step 1 gave it) whose identity goes away
/// while a declared sequence `q` takes its sequence's name, as a serial replacing an identity
/// does: `CREATE SEQUENCE` would find the name taken, so `DROP IDENTITY` goes first.
fn identities_in_the_way(cx: &PlanCx, q: &QualifiedName) -> Vec<(QualifiedName, String)> {
    let mut out = Vec::new();
    for (name, dt) in &cx.declared.tables {
        let Some(lt_name) = live_name(cx, name, dt) else {
            continue;
        };
        let Some(lt) = cx.live.tables.get(&lt_name) else {
            continue;
        };
        for (cn, lc) in lt.columns.iter().filter(|(_, c)| c.identity.is_some()) {
            let keeps = dt.columns.get(cn).is_some_and(|dc| dc.identity.is_some());
            let seq = effective(&lt_name, cn, lc).sequence;
            if !keeps && lt_name.schema == q.schema && seq == q.name {
                out.push((name.clone(), cn.clone()));
            }
        }
    }
    out
}

/// The live name of declared table `name` (its `renamed_from`, or its own).
fn live_name(cx: &PlanCx, name: &QualifiedName, dt: &crate::model::Table) -> Option<QualifiedName> {
    live_table(name, dt, cx.live)?;
    Some(match &dt.renamed_from {
        Some(old) if !cx.live.tables.contains_key(name) => {
            QualifiedName::new(name.schema.clone(), old.clone())
        }
        _ => name.clone(),
    })
}

/// Drops undeclared sequences, except those owned by a column or table already dropped (they
/// went with it).
pub(crate) fn drop_sequences(cx: &PlanCx, b: &mut Builder, dropped_columns: &[DroppedColumn]) {
    for c in &cx.changes.sequences {
        if c.presence != Presence::Extra {
            continue;
        }
        let Some(q) = &c.object.qualified else {
            continue;
        };
        let owner_dropped = cx
            .live
            .sequences
            .get(q)
            .and_then(|s| s.owned_by.as_deref())
            .and_then(|o| ddl::parse_owned_by(o).ok())
            .is_some_and(|(t, col)| {
                cx.extra_set.contains(&t)
                    || dropped_columns
                        .iter()
                        .any(|(dt, dc, _, _)| *dt == t && *dc == col)
            });
        if !owner_dropped {
            b.push(
                ddl::drop_sequence(q),
                &label(&[c]),
                c.category,
                &[Hazard::DataLoss],
            );
        }
    }
}

pub(crate) fn set_owners(cx: &PlanCx, b: &mut Builder, sequences: &[QualifiedName]) {
    for q in sequences {
        if let Some(d) = cx.declared.sequences.get(q) {
            let sql =
                ddl::sequence_owned_by(q, d).unwrap_or_else(|| ddl::sequence_owned_by_none(q));
            b.push(
                sql,
                &format!("sequence {q}: ownership"),
                Category::Sequence,
                &[],
            );
        }
    }
}
