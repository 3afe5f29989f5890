//! A unique constraint on one side and a unique index on the same columns on the other: the
//! same guarantee in another form. Compared by kind, they would be a missing and an extra
//! object (one an error); here they are one warning of category `constraint`.
//!
//! Only predicate-free uniqueness pairs: a plain btree unique index on columns (no expression,
//! no `WHERE`) and a unique constraint that is not deferrable (an index cannot be), with the
//! same `NULLS NOT DISTINCT` and `INCLUDE` columns.

use crate::diff::{Category, Change, ObjectKind, ObjectRef, Presence, Severity};
use crate::kinds::constraint::diff::unique_text;
use crate::kinds::index::diff::index_text;
use crate::model::{quote_ident, Index, QualifiedName, Table, UniqueConstraint};

/// Whether `i` enforces exactly what `u` does.
fn same_guarantee(u: &UniqueConstraint, i: &Index) -> bool {
    let plain = i.unique && i.method == "btree" && i.predicate.is_none() && !u.deferrable;
    plain
        && i.nulls_not_distinct == u.nulls_not_distinct
        && same_columns(&i.columns, &u.columns)
        && same_columns(&i.include, &u.include)
}

/// An index's entries (a column, quoted when it needs to be) name exactly `names`.
fn same_columns(entries: &[String], names: &[String]) -> bool {
    entries.len() == names.len()
        && entries
            .iter()
            .zip(names)
            .all(|(e, n)| *e == *n || *e == quote_ident(n))
}

/// One side of a pairing: the member's kind and name, and its text for `declared`/`live`.
struct Side<'a> {
    kind: ObjectKind,
    name: &'a str,
    text: String,
}

/// Replaces, among the member changes of table `name`, each missing unique constraint (index)
/// whose guarantee an extra unique index (constraint) gives by one change.
pub(crate) fn merge(name: &QualifiedName, d: &Table, l: &Table, members: &mut Vec<Change>) {
    let mut i = 0;
    while i < members.len() {
        let c = &members[i];
        let found = match (c.presence, c.object.kind, c.object.member.as_deref()) {
            (Presence::Missing, ObjectKind::Unique, Some(m)) if c.renamed_from.is_none() => {
                d.unique.get(m).and_then(|u| {
                    let (at, ln, li) = find_extra(members, ObjectKind::Index, |n| {
                        l.indexes.get(n).filter(|li| same_guarantee(u, li))
                    })?;
                    let ls = Side {
                        kind: ObjectKind::Index,
                        name: ln,
                        text: index_text(li),
                    };
                    Some((
                        at,
                        Side {
                            kind: ObjectKind::Unique,
                            name: m,
                            text: unique_text(u),
                        },
                        ls,
                    ))
                })
            }
            (Presence::Missing, ObjectKind::Index, Some(m)) if c.renamed_from.is_none() => {
                d.indexes.get(m).and_then(|di| {
                    let (at, ln, lu) = find_extra(members, ObjectKind::Unique, |n| {
                        l.unique.get(n).filter(|lu| same_guarantee(lu, di))
                    })?;
                    let ls = Side {
                        kind: ObjectKind::Unique,
                        name: ln,
                        text: unique_text(lu),
                    };
                    Some((
                        at,
                        Side {
                            kind: ObjectKind::Index,
                            name: m,
                            text: index_text(di),
                        },
                        ls,
                    ))
                })
            }
            _ => None,
        };
        let Some((at, ds, ls)) = found else {
            i += 1;
            continue;
        };
        members[i] = one_change(name, ds, &ls);
        members.remove(at);
        if at < i {
            i -= 1;
        }
        i += 1;
    }
}

/// The first extra member change of `kind` whose live member `live` accepts: its position, name
/// and the live member.
fn find_extra<'a, T>(
    members: &'a [Change],
    kind: ObjectKind,
    live: impl Fn(&str) -> Option<&'a T>,
) -> Option<(usize, &'a str, &'a T)> {
    members.iter().enumerate().find_map(|(at, c)| {
        let n = c.object.member.as_deref()?;
        if c.presence != Presence::Extra || c.object.kind != kind {
            return None;
        }
        live(n).map(|t| (at, n, t))
    })
}

fn one_change(table: &QualifiedName, ds: Side, ls: &Side) -> Change {
    let obj = ObjectRef::member(ds.kind, table, ds.name);
    let other = ObjectRef::member(ls.kind, table, ls.name);
    let summary = format!(
        "{} is {} {} in the database: the same guarantee in another form",
        obj.describe(),
        if ls.kind == ObjectKind::Index {
            "a unique index"
        } else {
            "a unique constraint"
        },
        other.name
    );
    let mut c = Change::new(Category::Constraint, Severity::Warning, obj, summary)
        .values(Some(ds.text), Some(ls.text.clone()));
    c.live_member = Some((ls.kind, ls.name.to_string()));
    c
}
