//! Planning constraints, and the changes that constraints and indexes share.
//!
//! Constraints and indexes are both members of a table and come in one change list: their
//! renames and drops interleave in change order (foreign keys first), so that routing lives
//! here and the index specifics in `kinds::index::plan`.

use std::collections::HashSet;

use crate::ddl;
use crate::diff::{Category, Change, ObjectKind, Presence};
use crate::kinds::constraint::diff::only_enforcement_differs;
use crate::kinds::index::plan::{self as index, IndexAdd};
use crate::model::{QualifiedName, Table};
use crate::plan::{label, Builder, Hazard, PlanCx};

/// Renames of constraints and indexes, in change order.
pub(crate) fn rename_members(cx: &PlanCx, b: &mut Builder) {
    for c in &cx.changes.members {
        if let (Presence::Missing, Some(old), Some(t), Some(m)) = (
            c.presence,
            &c.renamed_from,
            &c.object.table,
            &c.object.member,
        ) {
            let sql = if c.object.kind == ObjectKind::Index {
                ddl::rename_index(t, old, m)
            } else {
                ddl::rename_constraint(t, old, m)
            };
            b.push(sql, &label(&[c]), c.category, &[]);
        }
        let pk_changed = c.presence == Presence::Changed && c.object.kind == ObjectKind::PrimaryKey;
        if let (true, Some(t), Some(m)) = (pk_changed, &c.object.table, &c.object.member) {
            let Some((old, comment)) = pk_renamed(cx, t) else {
                continue;
            };
            b.push(
                ddl::rename_constraint(t, &old, m),
                &label(&[c]),
                c.category,
                &[],
            );
            if let Some(text) = comment {
                b.comment(
                    ddl::comment_on_constraint(t, m, text.as_deref()),
                    &label(&[c]),
                );
            }
        }
    }
}

/// When the declared primary key of `t` differs from the live one only by its name (and
/// comment): the live name, and the declared comment if it differs. It is renamed in place:
/// a table has one primary key, so pairing the two guesses nothing, and a drop and add would
/// rebuild its index and every foreign key referencing it.
fn pk_renamed(cx: &PlanCx, t: &QualifiedName) -> Option<(String, Option<Option<String>>)> {
    let d = cx.declared.tables.get(t)?.primary_key.as_ref()?;
    let l = cx.live_table(t)?.primary_key.as_ref()?;
    if d.name.is_empty() || d.name == l.name {
        return None;
    }
    let as_live = crate::model::PrimaryKey {
        name: l.name.clone(),
        comment: l.comment.clone(),
        ..d.clone()
    };
    let comment = (d.comment != l.comment).then(|| d.comment.clone());
    (as_live == *l).then(|| (l.name.clone(), comment))
}

/// A foreign key dropped because the key it references is rebuilt: (declared table, name,
/// label). It is added back with the other constraints.
pub(crate) type FkRebuild = (QualifiedName, String, String);

/// The drops collected before any is written, so foreign keys can go first.
#[derive(Default)]
struct Drops {
    /// (live table, name) of every member dropped.
    dropped: HashSet<(QualifiedName, String)>,
    /// Declared tables whose primary key, unique constraint or unique index is dropped.
    rebuilt_key_tables: HashSet<QualifiedName>,
    /// (0 for a foreign key, 1 otherwise; sql; label; category).
    steps: Vec<(u8, String, String, Category)>,
}

/// Drops foreign keys, constraints and indexes that are undeclared or redefined; returns the
/// foreign keys to add back.
pub(crate) fn drop_members(cx: &PlanCx, b: &mut Builder) -> Vec<FkRebuild> {
    let mut d = Drops::default();
    // Foreign keys of undeclared tables go first, so tables that reference each other drop.
    for t in &cx.changes.extra_tables {
        if let Some(lt) = cx.live.tables.get(t) {
            for fk in lt.foreign_keys.keys() {
                b.push(
                    ddl::drop_constraint(t, fk),
                    &format!("table {t} is not declared: its foreign key {fk} goes first"),
                    Category::ForeignKey,
                    &[],
                );
                d.dropped.insert((t.clone(), fk.clone()));
            }
        }
    }
    for c in &cx.changes.members {
        d.member(cx, c);
    }
    d.rebuilt(cx);
    let fk_rebuild = d.referencing_foreign_keys(cx);
    // Foreign keys before the keys and unique indexes they depend on.
    d.steps.sort_by_key(|s| s.0);
    for (_, sql, why, cat) in d.steps {
        b.push(sql, &why, cat, &[]);
    }
    fk_rebuild
}

impl Drops {
    fn member(&mut self, cx: &PlanCx, c: &Change) {
        let (Some(t), Some(m)) = (&c.object.table, &c.object.member) else {
            return;
        };
        let redefined = c.presence == Presence::Changed
            && matches!(
                c.category,
                Category::Constraint | Category::ForeignKey | Category::Index
            );
        if !(c.presence == Presence::Extra || redefined) {
            return;
        }
        if redefined && validation_only(cx, c) == Some(false) {
            return; // validated in place
        }
        if redefined && c.object.kind == ObjectKind::PrimaryKey && pk_renamed(cx, t).is_some() {
            return; // renamed in place
        }
        if cx.extra_set.contains(t) || cx.dropped_views.contains(t) {
            return; // goes with its table or materialized view
        }
        let lt = cx.live_name(t);
        if let Some(index) = index_becoming_constraint(c) {
            return self.using_index(cx, c, (t, &lt), m, index);
        }
        // Paired with a live member of another name or kind: that one goes.
        let (kind, name) = match (&c.live_member, c.object.kind) {
            (Some((kind, name)), _) => (*kind, name.clone()),
            (None, ObjectKind::PrimaryKey) => {
                let live_pk = cx.live_table(t).and_then(|x| x.primary_key.as_ref());
                let name = live_pk.map(|p| p.name.clone());
                (ObjectKind::PrimaryKey, name.unwrap_or_else(|| m.clone()))
            }
            (None, kind) => (kind, m.clone()),
        };
        if !self.dropped.insert((lt.clone(), name.clone())) {
            return;
        }
        let (sql, rebuilds_key) = if kind == ObjectKind::Index {
            index::drop(cx.live, &lt, &name)
        } else {
            let key = matches!(kind, ObjectKind::PrimaryKey | ObjectKind::Unique);
            // The table renames ran first: the table has its declared name by now.
            (ddl::drop_constraint(t, &name), key)
        };
        if rebuilds_key {
            self.rebuilt_key_tables.insert(t.clone());
        }
        let rank = u8::from(c.object.kind != ObjectKind::ForeignKey);
        self.steps.push((rank, sql, label(&[c]), c.category));
    }

    /// Checks and indexes in the way of an enum rebuild (see `plan::Rebuild`).
    fn rebuilt(&mut self, cx: &PlanCx) {
        let r = &cx.rebuild;
        let members = r.checks.iter().map(|m| (ObjectKind::Check, m));
        for (kind, (lt, name)) in members.chain(r.indexes.iter().map(|m| (ObjectKind::Index, m))) {
            if cx.extra_set.contains(lt) || !self.dropped.insert((lt.clone(), name.clone())) {
                continue;
            }
            let t = cx.declared_name(lt);
            let sql = if kind == ObjectKind::Index {
                index::drop(cx.live, lt, name).0
            } else {
                ddl::drop_constraint(&t, name)
            };
            let why = format!(
                "{} {name} on {t}: recreated around the rebuild of the enum it compares with",
                kind.as_str()
            );
            self.steps.push((
                1,
                sql,
                why,
                if kind == ObjectKind::Index {
                    Category::Index
                } else {
                    Category::Constraint
                },
            ));
        }
    }

    /// The live unique index becomes the declared unique constraint `m` in place, with its
    /// declared comment. (`t` declared, `lt` live table.)
    fn using_index(
        &mut self,
        cx: &PlanCx,
        c: &Change,
        (t, lt): (&QualifiedName, &QualifiedName),
        m: &str,
        index: &str,
    ) {
        let sql = ddl::add_constraint_unique_using_index(lt, m, index);
        self.steps.push((1, sql, label(&[c]), c.category));
        let comment = cx
            .declared
            .tables
            .get(t)
            .and_then(|dt| ddl::declared_comment(dt, ObjectKind::Unique, m));
        if let Some(text) = comment {
            let sql = ddl::comment_on_constraint(lt, m, Some(text));
            self.steps.push((1, sql, label(&[c]), Category::Comment));
        }
    }

    /// Foreign keys that still point at a key being rebuilt must go first, and come back after.
    fn referencing_foreign_keys(&mut self, cx: &PlanCx) -> Vec<FkRebuild> {
        let mut out: Vec<FkRebuild> = Vec::new();
        for (tname, t) in &cx.declared.tables {
            for (fk_name, fk) in &t.foreign_keys {
                if !self.rebuilt_key_tables.contains(&fk.references.table) {
                    continue;
                }
                let lt = cx.live_name(tname);
                let exists = cx
                    .live
                    .tables
                    .get(&lt)
                    .is_some_and(|x| x.foreign_keys.contains_key(fk_name));
                if exists && self.dropped.insert((lt.clone(), fk_name.clone())) {
                    let why = format!(
                        "foreign key {fk_name} on {tname}: recreated because the key it references on {} is rebuilt",
                        fk.references.table
                    );
                    self.steps.push((
                        0,
                        ddl::drop_constraint(tname, fk_name),
                        why.clone(),
                        Category::ForeignKey,
                    ));
                    out.push((tname.clone(), fk_name.clone(), why));
                }
            }
        }
        out
    }
}

/// A declared unique constraint the database enforces with a unique index (see
/// `unique_form`): that index, which `ADD CONSTRAINT … UNIQUE USING INDEX` turns into it.
fn index_becoming_constraint(c: &Change) -> Option<&str> {
    match &c.live_member {
        Some((ObjectKind::Index, index)) if c.object.kind == ObjectKind::Unique => Some(index),
        _ => None,
    }
}

/// A constraint to add: (declared table, kind, name, label).
pub(crate) type ConstraintAdd = (QualifiedName, ObjectKind, String, String);

/// The constraints and indexes to add, and the index comments that changed.
pub(crate) struct MemberAdds {
    pub constraints: Vec<ConstraintAdd>,
    pub indexes: Vec<IndexAdd>,
    pub index_comments: Vec<IndexAdd>,
    pub constraint_comments: Vec<ConstraintAdd>,
    /// Declared valid, NOT VALID in the database: `VALIDATE CONSTRAINT`.
    pub validations: Vec<ConstraintAdd>,
}

/// For a check or foreign key that differs from its live self in its validation alone, whether
/// the declaration says NOT VALID; `None` for any other change.
fn validation_only(cx: &PlanCx, c: &Change) -> Option<bool> {
    use crate::kinds::constraint::diff::only_validation_differs as only;
    let (t, m) = (c.object.table.as_ref()?, c.object.member.as_ref()?);
    let (dt, lt) = (cx.declared.tables.get(t)?, cx.live_table(t)?);
    match c.object.kind {
        ObjectKind::Check => {
            let d = dt.checks.get(m)?;
            let old = d.renamed_from.as_ref();
            let l = lt.checks.get(m).or_else(|| lt.checks.get(old?))?;
            only(d, l).then_some(d.not_valid)
        }
        ObjectKind::ForeignKey => {
            let d = dt.foreign_keys.get(m)?;
            let old = d.renamed_from.as_ref();
            let l = lt
                .foreign_keys
                .get(m)
                .or_else(|| lt.foreign_keys.get(old?))?;
            // Enforcement alone is altered in place too (see `enforcement_only`).
            let in_place = only(d, l) || only_enforcement_differs(d, l);
            in_place.then_some(d.not_valid)
        }
        _ => None,
    }
}

/// For a foreign key of `t` that differs from its live self in its enforcement alone
/// (PostgreSQL 18), whether the declaration says NOT ENFORCED: `ALTER CONSTRAINT … [NOT]
/// ENFORCED` changes it in place. (Checks have no such statement: they are dropped and added.)
fn enforcement_only(cx: &PlanCx, t: &QualifiedName, m: &str) -> Option<bool> {
    let (dt, lt) = (cx.declared.tables.get(t)?, cx.live_table(t)?);
    let d = dt.foreign_keys.get(m)?;
    let l = lt
        .foreign_keys
        .get(m)
        .or_else(|| lt.foreign_keys.get(d.renamed_from.as_ref()?))?;
    only_enforcement_differs(d, l).then_some(d.not_enforced)
}

/// Missing, redefined and rebuilt members, and everything the new tables declare beyond their
/// columns and keys.
pub(crate) fn member_adds(cx: &PlanCx, fk_rebuild: &[FkRebuild]) -> MemberAdds {
    let mut out = MemberAdds {
        constraints: Vec::new(),
        indexes: Vec::new(),
        index_comments: Vec::new(),
        constraint_comments: Vec::new(),
        validations: Vec::new(),
    };
    for c in &cx.changes.members {
        let (Some(t), Some(m)) = (&c.object.table, &c.object.member) else {
            continue;
        };
        let add = match (c.presence, c.category) {
            (Presence::Missing, _) if c.object.kind == ObjectKind::Check => {
                c.renamed_from.is_none() && !crate::kinds::table::shape::check_made_own(cx, t, m)
            }
            (Presence::Missing, _) => c.renamed_from.is_none(),
            (Presence::Extra, _) => false,
            (_, Category::Constraint | Category::ForeignKey)
                if validation_only(cx, c) == Some(false) =>
            {
                let validate = (t.clone(), c.object.kind, m.clone(), label(&[c]));
                out.validations.push(validate);
                false
            }
            _ if index_becoming_constraint(c).is_some() => false,
            _ if c.object.kind == ObjectKind::PrimaryKey && pk_renamed(cx, t).is_some() => false,
            (_, Category::Constraint | Category::ForeignKey | Category::Index) => true,
            (_, Category::Comment) if c.object.kind == ObjectKind::Index => {
                out.index_comments.push((t.clone(), m.clone(), label(&[c])));
                false
            }
            (_, Category::Comment) => {
                let add = (t.clone(), c.object.kind, m.clone(), label(&[c]));
                out.constraint_comments.push(add);
                false
            }
            _ => false,
        };
        if !add || cx.dropped_views.contains(t) || cx.missing_views.contains(t) {
            continue;
        }
        if c.object.kind == ObjectKind::Index {
            out.indexes.push((t.clone(), m.clone(), label(&[c])));
        } else {
            out.constraints
                .push((t.clone(), c.object.kind, m.clone(), label(&[c])));
        }
    }
    for t in &cx.changes.missing_tables {
        if let Some(dt) = cx.declared.tables.get(t) {
            let why = crate::kinds::table::plan::missing(t);
            for fk in dt.foreign_keys.keys() {
                out.constraints
                    .push((t.clone(), ObjectKind::ForeignKey, fk.clone(), why.clone()));
            }
            // CREATE TABLE leaves NOT VALID checks out (inline, they would be validated).
            for (ck, _) in dt.checks.iter().filter(|(_, c)| c.not_valid) {
                out.constraints
                    .push((t.clone(), ObjectKind::Check, ck.clone(), why.clone()));
            }
            for ix in dt.indexes.keys() {
                out.indexes.push((t.clone(), ix.clone(), why.clone()));
            }
        }
    }
    rebuilt_adds(cx, &mut out);
    for (t, fk, why) in fk_rebuild {
        out.constraints
            .push((t.clone(), ObjectKind::ForeignKey, fk.clone(), why.clone()));
    }
    out
}

/// The checks and indexes [`Drops::rebuilt`] dropped, added again as declared (unless a change of
/// their own adds them already).
fn rebuilt_adds(cx: &PlanCx, out: &mut MemberAdds) {
    let checks = again(cx, &cx.rebuild.checks, "check", |t, m| {
        t.checks.contains_key(m)
    });
    for (t, name, why) in checks {
        if !out
            .constraints
            .iter()
            .any(|(a, _, m, _)| *a == t && *m == name)
        {
            out.constraints.push((t, ObjectKind::Check, name, why));
        }
    }
    let indexes = again(cx, &cx.rebuild.indexes, "index", |t, m| {
        t.indexes.contains_key(m)
    });
    for (t, name, why) in indexes {
        if !out.indexes.iter().any(|(a, m, _)| *a == t && *m == name) {
            out.indexes.push((t, name, why));
        }
    }
}

/// The members of `set` (live table, name) still declared: (declared table, name, label).
fn again(
    cx: &PlanCx,
    set: &std::collections::BTreeSet<(QualifiedName, String)>,
    what: &str,
    declared: impl Fn(&crate::model::Table, &str) -> bool,
) -> Vec<(QualifiedName, String, String)> {
    set.iter()
        .filter_map(|(lt, name)| {
            let t = cx.declared_name(lt);
            let dt = cx.declared.tables.get(&t)?;
            let why = format!(
                "{what} {name} on {t}: recreated around the rebuild of the enum it compares with"
            );
            declared(dt, name).then(|| (t, name.clone(), why))
        })
        .collect()
}

/// Keys first (foreign keys need them), then checks, exclusions, foreign keys.
fn rank(k: ObjectKind) -> u8 {
    match k {
        ObjectKind::PrimaryKey => 0,
        ObjectKind::Unique => 1,
        ObjectKind::Check => 2,
        ObjectKind::Exclusion => 3,
        _ => 4,
    }
}

/// The tables that the foreign keys among `adds` reference: their unique indexes must exist
/// (inside the transaction) before the keys are added.
pub(crate) fn fk_targets(cx: &PlanCx, adds: &[ConstraintAdd]) -> HashSet<QualifiedName> {
    adds.iter()
        .filter(|(_, k, _, _)| *k == ObjectKind::ForeignKey)
        .filter_map(|(t, _, m, _)| cx.declared.tables.get(t)?.foreign_keys.get(m))
        .map(|fk| fk.references.table.clone())
        .collect()
}

/// Adds constraints (after every table exists), then validates those added NOT VALID and, of
/// `validations` (declared valid, NOT VALID in the database), those of its part. With
/// `foreign_keys` false it adds keys, checks and exclusions; with true only the foreign keys,
/// which come after the indexes because a key may reference a unique index.
pub(crate) fn add_constraints(
    cx: &PlanCx,
    b: &mut Builder,
    mut adds: Vec<ConstraintAdd>,
    foreign_keys: bool,
    validations: &[ConstraintAdd],
) {
    adds.retain(|(_, k, _, _)| (*k == ObjectKind::ForeignKey) == foreign_keys);
    adds.sort_by_key(|(_, k, _, _)| rank(*k));
    let mut s = Adding {
        b,
        online: cx.opts.online,
        validations: Vec::new(),
    };
    for (t, kind, m, why) in &adds {
        let Some(dt) = cx.declared.tables.get(t) else {
            continue;
        };
        let fresh = cx.missing_set.contains(t);
        s.add(dt, (t, m), *kind, why, fresh);
    }
    let ours = validations
        .iter()
        .filter(|(_, k, _, _)| (*k == ObjectKind::ForeignKey) == foreign_keys);
    for (t, kind, m, why) in ours {
        let cat = if *kind == ObjectKind::ForeignKey {
            Category::ForeignKey
        } else {
            Category::Constraint
        };
        if let Some(not_enforced) = enforcement_only(cx, t, m) {
            // Enforcing checks the rows under a lock that blocks writes to both tables.
            let sql = ddl::alter_constraint_enforced(&cx.live_name(t), m, !not_enforced);
            let hz: &[Hazard] = if not_enforced {
                &[]
            } else {
                &[Hazard::LongLock]
            };
            s.b.push(sql, why, cat, hz);
            continue;
        }
        // SHARE UPDATE EXCLUSIVE: the scan does not block writes.
        let sql = ddl::validate_constraint(&cx.live_name(t), m);
        s.validations.push((sql, why.clone(), cat));
    }
    for (sql, why, cat) in s.validations {
        s.b.push(sql, &why, cat, &[]);
    }
}

struct Adding<'b> {
    b: &'b mut Builder,
    online: bool,
    /// VALIDATE CONSTRAINT of those added NOT VALID: (sql, label, category).
    validations: Vec<(String, String, Category)>,
}

impl Adding<'_> {
    fn add(
        &mut self,
        dt: &Table,
        (t, m): (&QualifiedName, &str),
        kind: ObjectKind,
        why: &str,
        fresh: bool,
    ) {
        let key = [Hazard::LongLock];
        // Keys and exclusions are validated as they are added.
        let sql = match kind {
            ObjectKind::PrimaryKey => dt
                .primary_key
                .as_ref()
                .map(|pk| ddl::add_constraint_primary_key(t, pk)),
            ObjectKind::Unique => dt
                .unique
                .get(m)
                .map(|u| ddl::add_constraint_unique(t, m, u)),
            ObjectKind::Exclusion => dt
                .exclusions
                .get(m)
                .map(|ex| ddl::add_constraint_exclusion(t, m, ex)),
            ObjectKind::Check => {
                if let Some(ck) = dt.checks.get(m) {
                    let sql = |not_valid| ddl::add_constraint_check(t, m, ck, not_valid);
                    let v = (t, m, why, Category::Constraint);
                    // NOT ENFORCED scans nothing: no lock to shorten.
                    if ck.not_valid || ck.not_enforced {
                        self.b.push(sql(true), why, Category::Constraint, &[]);
                    } else {
                        self.validated(sql, v, fresh, &key);
                    }
                }
                None
            }
            ObjectKind::ForeignKey => {
                if let Some(fk) = dt.foreign_keys.get(m) {
                    let hz: &[Hazard] = if fresh { &[] } else { &key };
                    let sql = |not_valid| ddl::add_constraint_foreign_key(t, m, fk, not_valid);
                    let v = (t, m, why, Category::ForeignKey);
                    // PostgreSQL before 18 cannot add a NOT VALID foreign key on a partitioned
                    // table: there it is validated as it is added, even online.
                    let at_once = fresh || dt.partition_by.is_some();
                    if fk.not_valid || fk.not_enforced {
                        self.b.push(sql(true), why, Category::ForeignKey, &[]);
                    } else {
                        self.validated(sql, v, at_once, hz);
                    }
                }
                None
            }
            _ => None,
        };
        if let Some(sql) = sql {
            self.b.push(sql, why, Category::Constraint, &key);
        }
    }

    /// Online, on a table that holds rows: NOT VALID now, VALIDATE once all are added.
    /// Otherwise validated as it is added, with `hazards`.
    fn validated(
        &mut self,
        sql: impl Fn(bool) -> String,
        (t, m, why, cat): (&QualifiedName, &str, &str, Category),
        fresh: bool,
        hazards: &[Hazard],
    ) {
        if self.online && !fresh {
            self.b.push(sql(true), why, cat, &[]);
            self.validations
                .push((ddl::validate_constraint(t, m), why.to_string(), cat));
        } else {
            self.b.push(sql(false), why, cat, hazards);
        }
    }
}

/// Comments of the constraints just added (new, redefined or rebuilt ones lose theirs), and
/// comments that changed on the others.
pub(crate) fn comment_constraints(
    cx: &PlanCx,
    b: &mut Builder,
    adds: &[ConstraintAdd],
    comments: &[ConstraintAdd],
) {
    let declared = |t: &QualifiedName, kind: ObjectKind, m: &str| {
        let table = cx.declared.tables.get(t)?;
        Some(ddl::declared_comment(table, kind, m))
    };
    for (t, kind, m, why) in adds {
        if let Some(Some(c)) = declared(t, *kind, m) {
            b.comment(ddl::comment_on_constraint(t, m, Some(c)), why);
        }
        let table = cx.declared.tables.get(t);
        if let Some(c) = table
            .and_then(|dt| super::ddl::key_index_comment(dt, m))
            .flatten()
        {
            b.comment(
                crate::kinds::index::ddl::comment_on_index(t, m, Some(c)),
                why,
            );
        }
    }
    for (t, kind, m, why) in comments {
        if adds
            .iter()
            .any(|(a, k, n, _)| a == t && k == kind && n == m)
        {
            continue;
        }
        if let Some(c) = declared(t, *kind, m) {
            b.comment(ddl::comment_on_constraint(t, m, c), why);
        }
    }
}
