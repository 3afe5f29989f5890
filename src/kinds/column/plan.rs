//! Planning columns: renames, new columns, changes in place (type with `USING`, default,
//! nullability, identity, generated, collation), undeclared columns, comments; and what a type
//! change risks.

use std::collections::HashSet;

use super::{identity, not_null};
use crate::ddl;
use crate::diff::{Category, Change, Presence};
use crate::model::{quote_ident, quote_literal, Column, GeneratedKind, QualifiedName};
use crate::plan::{label, Builder, Hazard, PlanCx};

/// A change of one of these kinds breaks the views that read the column, so they are dropped
/// first.
pub(crate) fn breaks_views(cs: &[&Change]) -> bool {
    cs.iter().any(|c| {
        c.presence == Presence::Extra
            || matches!(
                c.category,
                Category::Type | Category::Timezone | Category::Collation | Category::Generated
            )
    })
}

pub(crate) fn rename_columns(cx: &PlanCx, b: &mut Builder) {
    for ((t, m), cs) in &cx.changes.columns {
        for c in cs {
            if let (Presence::Missing, Some(old)) = (c.presence, &c.renamed_from) {
                b.push(ddl::rename_column(t, old, m), &label(&[c]), c.category, &[]);
            }
        }
    }
}

/// An undeclared column: (live table, column, label, the table's name once renamed). Dropped
/// after every change that might still read it.
pub(crate) type DroppedColumn = (QualifiedName, String, String, QualifiedName);

/// What [`add_or_alter`] leaves for later steps.
pub(crate) struct ColumnSteps {
    /// (declared table, column) of every column added, for its comment.
    pub added: Vec<(QualifiedName, String)>,
    pub dropped: Vec<DroppedColumn>,
    /// `ADD GENERATED … AS IDENTITY` whose sequence name is still taken by a sequence the plan
    /// drops (a serial column's): (sql, label), after the drop, so the name is kept and
    /// PostgreSQL does not pick `…_seq1`.
    pub late_identity: Vec<(String, String)>,
}

/// Whether the sequence an identity added to `m` would get is a live sequence.
fn identity_name_taken(
    cx: &PlanCx,
    t: &QualifiedName,
    lt: &QualifiedName,
    m: &str,
    dc: &Column,
) -> bool {
    dc.identity.is_some() && {
        let name = identity::effective(t, m, dc).sequence;
        cx.live
            .sequences
            .contains_key(&QualifiedName::new(lt.schema.clone(), name))
    }
}

/// Whether live table `lt` has column `m` from a parent only (not as its own).
fn inherited_in_live(cx: &PlanCx, lt: &QualifiedName, m: &str) -> bool {
    cx.live.tables.get(lt).is_some_and(|t| {
        !t.inherits.is_empty()
            && !t.columns.contains_key(m)
            && crate::kinds::table::load::with_inherited_columns(cx.live, t)
                .columns
                .contains_key(m)
    })
}

/// Adds new columns and alters changed ones. `enum_restored` holds the live columns whose
/// default an enum rebuild already set to the declared one.
pub(crate) fn add_or_alter(
    cx: &PlanCx,
    b: &mut Builder,
    enum_restored: &HashSet<(QualifiedName, String)>,
) -> ColumnSteps {
    let mut out = ColumnSteps {
        added: Vec::new(),
        dropped: Vec::new(),
        late_identity: Vec::new(),
    };
    let rebuilt = drop_rebuilt_generated(cx, b);
    for ((t, m), cs) in &cx.changes.columns {
        let why = label(cs);
        let lt = cx.live_name(t);
        if rebuilt.contains(&(lt.clone(), m.clone())) {
            continue;
        }
        if cs
            .iter()
            .any(|c| c.presence == Presence::Missing && c.renamed_from.is_none())
        {
            // Inherited in the database: it becomes the table's own by `NO INHERIT` (and
            // `INHERIT` again), see `table::shape::plan_inherits`.
            if inherited_in_live(cx, &lt, m) {
                continue;
            }
            if let Some(dc) = cx.decl_column(t, m) {
                b.push(
                    ddl::add_column(t, m, dc),
                    &why,
                    Category::Column,
                    adding(dc),
                );
                out.added.push((t.clone(), m.clone()));
            }
            continue;
        }
        if cs.iter().any(|c| c.presence == Presence::Extra) {
            out.dropped.push((lt.clone(), m.clone(), why, t.clone()));
            continue;
        }
        let (Some(lc), Some(dc)) = (cx.live_column(t, m, cs), cx.decl_column(t, m)) else {
            continue;
        };
        let restored = enum_restored.contains(&(lt.clone(), m.clone()));
        let lm = cx
            .live
            .tables
            .get(&lt)
            .filter(|x| !x.columns.contains_key(m.as_str()))
            .and(dc.renamed_from.as_deref())
            .unwrap_or(m);
        let a = Alter {
            lt: t,
            live: &lt,
            m,
            lm,
            cs,
            why: &why,
            lc,
            dc,
            seq_taken: identity_name_taken(cx, t, &lt, m, dc),
            identity_dropped: crate::kinds::sequence::plan::identity_name_freed(cx, &lt, m, lc),
            set_expression: cx.opts.live_major.is_some_and(|major| major >= 17),
        };
        if let Some(late) = a.push(b, restored, &cx.opts.tz) {
            out.late_identity.push((late, why.clone()));
        }
    }
    add_rebuilt_generated(cx, b, &rebuilt);
    out
}

/// Generated columns whose expression reads a column the plan retypes or drops (see
/// `plan::Rebuild`): PostgreSQL refuses the change while they exist, and an expression cannot be
/// changed in place before PostgreSQL 17, so they are dropped first and added again last (their
/// values are computed, so nothing is lost). Returns the (live table, column) dropped.
fn drop_rebuilt_generated(cx: &PlanCx, b: &mut Builder) -> HashSet<(QualifiedName, String)> {
    let mut out = HashSet::new();
    for (t, m) in &cx.rebuild.generated {
        let member = (t.clone(), m.clone());
        if cx.rebuild.generated_by_routines.contains(&member) {
            // Dropped before the routine it calls (see `plan::Rebuild`).
            out.insert(member);
            continue;
        }
        if cx
            .live
            .tables
            .get(t)
            .is_some_and(|lt| lt.columns.contains_key(m))
        {
            let why = format!(
                "generated column {m} of {t}: recreated around a change of a column it reads"
            );
            b.push(
                ddl::drop_column(&cx.declared_name(t), m),
                &why,
                Category::Generated,
                &[],
            );
            out.insert((t.clone(), m.clone()));
        }
    }
    out
}

fn add_rebuilt_generated(cx: &PlanCx, b: &mut Builder, rebuilt: &HashSet<(QualifiedName, String)>) {
    for (t, m) in &cx.rebuild.generated {
        if !rebuilt.contains(&(t.clone(), m.clone())) {
            continue;
        }
        let dt = cx.declared_name(t);
        if let Some(dc) = cx.decl_column(&dt, m) {
            let why = format!(
                "generated column {m} of {t}: recreated around a change of a column it reads"
            );
            b.push(
                ddl::add_column(&dt, m, dc),
                &why,
                Category::Generated,
                adding(dc),
            );
        }
    }
}

/// What adding a column risks: a STORED generated column computes every row's value, a
/// VIRTUAL one (PostgreSQL 18) computes nothing until read.
fn adding(dc: &Column) -> &'static [Hazard] {
    match (&dc.generated, dc.generated_kind) {
        (Some(_), GeneratedKind::Stored) => &[Hazard::Rewrite],
        _ => &[],
    }
}

/// A column on both sides, altered in place.
struct Alter<'a> {
    /// The table, by the name it has once step 1 renamed it (the declared name).
    lt: &'a QualifiedName,
    /// Its live name (before the rename).
    live: &'a QualifiedName,
    m: &'a str,
    /// The column's live name (before a rename).
    lm: &'a str,
    cs: &'a [&'a Change],
    why: &'a str,
    lc: &'a Column,
    dc: &'a Column,
    /// The name of an identity sequence to add is taken (see [`ColumnSteps::late_identity`]).
    seq_taken: bool,
    /// Its identity is dropped by the sequence plan (`sequence::plan::identity_name_freed`).
    identity_dropped: bool,
    /// The live server changes a generated expression in place (PostgreSQL 17+).
    set_expression: bool,
}

impl Alter<'_> {
    fn has(&self, cat: Category) -> bool {
        self.cs.iter().any(|c| c.category == cat)
    }

    /// Returns an `ADD GENERATED … AS IDENTITY` that must wait for a sequence drop.
    fn push(&self, b: &mut Builder, default_restored: bool, tz: &str) -> Option<String> {
        let (lt, m, why, lc, dc) = (self.lt, self.m, self.why, self.lc, self.dc);
        if self.has(Category::Generated) && self.generated(b) {
            return None;
        }
        // Unless the sequence plan dropped it first, to free its sequence's name.
        if lc.identity.is_some() && dc.identity.is_none() && !self.identity_dropped {
            b.push(ddl::drop_identity(lt, m), why, Category::Identity, &[]);
        }
        self.type_and_default(b, default_restored, tz);
        self.nullability_and_identity(b)
    }

    /// A generated column's change; `true` when it dropped and added the column (nothing else
    /// is left to alter). PostgreSQL 17 changes an expression in place (`SET EXPRESSION`, 18
    /// also for VIRTUAL); before, and for a change between STORED and VIRTUAL, the column is
    /// dropped and added. A VIRTUAL column has no values to keep when it becomes a plain one
    /// (DROP EXPRESSION refuses it): it is dropped and added too, empty.
    fn generated(&self, b: &mut Builder) -> bool {
        let (lt, m, why, lc, dc) = (self.lt, self.m, self.why, self.lc, self.dc);
        let same_kind = lc.generated_kind == dc.generated_kind;
        match (&lc.generated, &dc.generated) {
            (Some(_), Some(expr)) if same_kind && self.set_expression => {
                let hz = adding(dc);
                b.push(
                    ddl::set_expression(lt, m, expr),
                    why,
                    Category::Generated,
                    hz,
                );
                false
            }
            (Some(_), None) if lc.generated_kind == GeneratedKind::Stored => {
                b.push(ddl::drop_expression(lt, m), why, Category::Generated, &[]);
                false
            }
            (_, dg) => {
                let hz: &[Hazard] = if dg.is_none() {
                    &[Hazard::DataLoss]
                } else {
                    &[]
                };
                b.push(ddl::drop_column(lt, m), why, Category::Generated, hz);
                b.push(
                    ddl::add_column(lt, m, dc),
                    why,
                    Category::Generated,
                    adding(dc),
                );
                true
            }
        }
    }

    /// The default goes before a type change (it may not cast) and comes back after it.
    fn type_and_default(&self, b: &mut Builder, default_restored: bool, tz: &str) {
        let (lt, m, why, lc, dc) = (self.lt, self.m, self.why, self.lc, self.dc);
        let type_changes = lc.data_type != dc.data_type;
        let live_default = if default_restored {
            dc.default.clone()
        } else {
            lc.default.clone()
        };
        let mut default_dropped = false;
        if live_default.is_some() && (dc.default != live_default || type_changes) {
            b.push(ddl::drop_default(lt, m), why, Category::Default, &[]);
            default_dropped = true;
        }
        if type_changes {
            self.alter_type(b, tz);
        } else if lc.collation != dc.collation {
            b.push(
                ddl::alter_column_collation(lt, m, &dc.data_type, dc.collation.as_deref()),
                why,
                Category::Collation,
                &[Hazard::LongLock],
            );
        }
        if dc.default.is_some() && (default_dropped || dc.default != live_default) {
            if let Some(def) = &dc.default {
                b.push(ddl::set_default(lt, m, def), why, Category::Default, &[]);
            }
        }
    }

    fn alter_type(&self, b: &mut Builder, tz: &str) {
        let (lt, m, lc, dc) = (self.lt, self.m, self.lc, self.dc);
        let cat = if self.has(Category::Timezone) {
            Category::Timezone
        } else {
            Category::Type
        };
        let (hz, using) = type_change(m, &lc.data_type, &dc.data_type, tz);
        // A new type without COLLATE takes the type's default collation: restate a declared one.
        let sql = if lc.collation != dc.collation || dc.collation.is_some() {
            let base = ddl::alter_column_collation(lt, m, &dc.data_type, dc.collation.as_deref());
            match &using {
                Some(u) => format!("{base} USING {u}"),
                None => base,
            }
        } else {
            ddl::alter_column_type(lt, m, &dc.data_type, using.as_deref())
        };
        b.push(sql, self.why, cat, &hz);
    }

    fn nullability_and_identity(&self, b: &mut Builder) -> Option<String> {
        let (lt, m, why, lc, dc) = (self.lt, self.m, self.why, self.lc, self.dc);
        if lc.nullable && !dc.nullable && dc.identity.is_none() {
            b.push(
                self.set_not_null(),
                why,
                Category::Nullability,
                &[Hazard::LongLock],
            );
        }
        self.rename_not_null(b);
        if !lc.nullable && dc.nullable {
            b.push(ddl::drop_not_null(lt, m), why, Category::Nullability, &[]);
        }
        match (lc.identity, dc.identity) {
            (None, Some(i)) => {
                if lc.nullable {
                    b.push(
                        self.set_not_null(),
                        why,
                        Category::Identity,
                        &[Hazard::LongLock],
                    );
                }
                let sql = ddl::add_identity_with(lt, m, dc)
                    .unwrap_or_else(|| ddl::add_identity(lt, m, i));
                if self.seq_taken {
                    return Some(sql);
                }
                b.push(sql, why, Category::Identity, &[]);
            }
            (Some(a), Some(i)) => {
                if a != i {
                    b.push(ddl::set_identity(lt, m, i), why, Category::Identity, &[]);
                }
                self.identity_sequence(b);
            }
            _ => {}
        }
        None
    }

    /// `SET NOT NULL`, or `ADD CONSTRAINT n NOT NULL` where a name is declared (PostgreSQL 18).
    fn set_not_null(&self) -> String {
        match &self.dc.not_null_name {
            Some(n) => not_null::add_named(self.lt, n, self.m),
            None => ddl::set_not_null(self.lt, self.m),
        }
    }

    /// Renames the `NOT NULL` constraint of a column NOT NULL on both sides whose name differs
    /// (PostgreSQL 18): from the live name to the declared one, or to PostgreSQL's default.
    fn rename_not_null(&self, b: &mut Builder) {
        let (lc, dc) = (self.lc, self.dc);
        if lc.nullable || dc.nullable || lc.not_null_name == dc.not_null_name {
            return;
        }
        let Some(t) = self.cs.iter().find_map(|c| c.object.table.as_ref()) else {
            return;
        };
        let live_col = self
            .cs
            .iter()
            .find_map(|c| c.renamed_from.as_deref())
            .unwrap_or(self.m);
        let from = not_null::effective_name(&self.live.name, live_col, lc);
        let to = not_null::effective_name(&t.name, self.m, dc);
        if from != to {
            let sql = crate::kinds::constraint::ddl::rename_constraint(self.lt, &from, &to);
            b.push(sql, self.why, Category::Nullability, &[]);
        }
    }

    /// Renames the identity sequence and sets the options that differ, in place (the sequence
    /// and its current value stay).
    fn identity_sequence(&self, b: &mut Builder) {
        let Some(t) = self.cs.iter().find_map(|c| c.object.table.as_ref()) else {
            return;
        };
        let de = identity::effective(t, self.m, self.dc);
        // The live sequence's name is the one it got under the live table and column names.
        let le = identity::effective(self.live, self.lm, self.lc);
        for sql in identity::alter_statements(self.lt, self.m, &de, &le) {
            b.push(sql, self.why, Category::Identity, &[]);
        }
    }
}

pub(crate) fn drop_columns(b: &mut Builder, dropped: &[DroppedColumn]) {
    for (_, m, why, t) in dropped {
        b.push(
            ddl::drop_column(t, m),
            why,
            Category::Column,
            &[Hazard::DataLoss],
        );
    }
}

/// Comments that changed, and those of columns added or re-added (generated).
pub(crate) fn comment_columns(cx: &PlanCx, b: &mut Builder, added: &[(QualifiedName, String)]) {
    for ((t, m), cs) in &cx.changes.columns {
        let dc = cx.decl_column(t, m);
        let commented = cs.iter().any(|c| c.category == Category::Comment)
            || (added.contains(&(t.clone(), m.clone())) && dc.is_some_and(|d| d.comment.is_some()))
            || cs.iter().any(|c| c.category == Category::Generated)
                && dc.is_some_and(|d| d.generated.is_some() && d.comment.is_some());
        if commented {
            if let Some(dc) = dc {
                b.comment(
                    ddl::comment_on_column(t, m, dc.comment.as_deref()),
                    &label(cs),
                );
            }
        }
    }
}

// What a type change risks

fn type_parts(t: &str) -> (String, Vec<i64>, bool) {
    let t = t.trim();
    let (t, array) = match t.strip_suffix("[]") {
        Some(x) => (x, true),
        None => (t, false),
    };
    if let (Some(open), true) = (t.find('('), t.ends_with(')')) {
        let inner = &t[open + 1..t.len() - 1];
        let mods: Vec<i64> = inner
            .split(',')
            .filter_map(|x| x.trim().parse().ok())
            .collect();
        let base = format!("{}{}", t[..open].trim(), &t[t.len()..]);
        return (base, mods, array);
    }
    // `timestamp(3) without time zone`: modifiers sit in the middle.
    if let (Some(open), Some(close)) = (t.find('('), t.find(')')) {
        if open < close {
            let mods: Vec<i64> = t[open + 1..close]
                .split(',')
                .filter_map(|x| x.trim().parse().ok())
                .collect();
            let base = format!("{}{}", &t[..open], &t[close + 1..]);
            return (base, mods, array);
        }
    }
    (t.to_string(), Vec::new(), array)
}

fn int_rank(base: &str) -> Option<u8> {
    match base {
        "smallint" => Some(1),
        "integer" => Some(2),
        "bigint" => Some(3),
        _ => None,
    }
}

fn is_string_type(base: &str) -> bool {
    matches!(base, "text" | "character varying" | "character")
}

fn is_tz_pair(a: &str, b: &str) -> bool {
    let strip = |s: &str| {
        s.replace(" without time zone", "")
            .replace(" with time zone", "")
    };
    a != b && strip(a) == strip(b) && a.starts_with("timestamp")
}

/// Hazards of `ALTER COLUMN TYPE old -> new`, and the USING expression it needs.
fn type_change(col: &str, old: &str, new: &str, tz: &str) -> (Vec<Hazard>, Option<String>) {
    let (ob, om, oa) = type_parts(old);
    let (nb, nm, na) = type_parts(new);
    let qcol = quote_ident(col);
    if oa == na && is_tz_pair(&ob, &nb) {
        return tz_change(&qcol, &om, &nm, oa, tz);
    }
    if oa != na {
        return (vec![Hazard::Rewrite], Some(format!("{qcol}::{new}")));
    }
    if let (Some(o), Some(n)) = (int_rank(&ob), int_rank(&nb)) {
        let h = if n < o {
            vec![Hazard::DataLoss, Hazard::Rewrite]
        } else {
            vec![Hazard::Rewrite]
        };
        return (h, None);
    }
    if is_string_type(&ob) && is_string_type(&nb) {
        return (string_change(&ob, &om, &nb, &nm), None);
    }
    if ob == "numeric" && nb == "numeric" {
        return (numeric_change(&om, &nm), None);
    }
    if (ob == "real" && nb == "double precision")
        || (int_rank(&ob).is_some() && (nb == "numeric" || nb == "double precision"))
    {
        return (vec![Hazard::Rewrite], None);
    }
    (vec![Hazard::Rewrite], Some(format!("{qcol}::{new}")))
}

/// `timestamp` <-> `timestamptz`: the values are read in (or converted to) zone `tz`.
fn tz_change(
    qcol: &str,
    om: &[i64],
    nm: &[i64],
    array: bool,
    tz: &str,
) -> (Vec<Hazard>, Option<String>) {
    let mut h = vec![Hazard::Rewrite];
    if nm.first().copied().unwrap_or(6) < om.first().copied().unwrap_or(6) {
        h.insert(0, Hazard::DataLoss);
    }
    if array {
        return (h, None);
    }
    (
        h,
        Some(format!("{qcol} AT TIME ZONE {}", quote_literal(tz))),
    )
}

/// Between `text`, `character varying(n)` and `character(n)`.
fn string_change(ob: &str, om: &[i64], nb: &str, nm: &[i64]) -> Vec<Hazard> {
    let olen = if ob == "text" {
        None
    } else {
        om.first().copied()
    };
    let nlen = if nb == "text" {
        None
    } else {
        nm.first().copied()
    };
    let narrower = match (olen, nlen) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(o), Some(n)) => n < o,
    };
    // varchar(n) -> varchar(m >= n) and anything -> text only relabel; char pads, so it
    // rewrites.
    let cheap = !narrower && ob != "character" && nb != "character";
    let mut h = Vec::new();
    if narrower {
        h.push(Hazard::DataLoss);
    }
    if !cheap {
        h.push(Hazard::Rewrite);
    }
    h
}

/// `numeric(p, s)` -> `numeric(p', s')`: free when no digit is lost on either side of the point.
fn numeric_change(om: &[i64], nm: &[i64]) -> Vec<Hazard> {
    let (op, os) = (om.first().copied(), om.get(1).copied().unwrap_or(0));
    let (np, ns) = (nm.first().copied(), nm.get(1).copied().unwrap_or(0));
    let widening = match (op, np) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(o), Some(n)) => n - ns >= o - os && ns >= os,
    };
    if widening && os == ns {
        return Vec::new();
    }
    let mut h = Vec::new();
    if !widening || ns < os {
        h.push(Hazard::DataLoss);
    }
    h.push(Hazard::Rewrite);
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_change_hazards() {
        let h = |a: &str, b: &str| type_change("c", a, b, "UTC");
        assert_eq!(h("integer", "bigint"), (vec![Hazard::Rewrite], None));
        assert_eq!(
            h("bigint", "integer").0,
            vec![Hazard::DataLoss, Hazard::Rewrite]
        );
        assert_eq!(
            h("character varying(10)", "character varying(20)").0,
            vec![]
        );
        assert_eq!(h("character varying(10)", "text").0, vec![]);
        assert_eq!(
            h("text", "character varying(5)").0,
            vec![Hazard::DataLoss, Hazard::Rewrite]
        );
        assert_eq!(
            h("timestamp without time zone", "timestamp with time zone"),
            (
                vec![Hazard::Rewrite],
                Some("\"c\" AT TIME ZONE 'UTC'".to_string())
            )
        );
        assert_eq!(
            h(
                "timestamp(6) without time zone",
                "timestamp(3) with time zone"
            )
            .0,
            vec![Hazard::DataLoss, Hazard::Rewrite]
        );
        assert_eq!(h("numeric(10,2)", "numeric(12,2)").0, vec![]);
        assert_eq!(
            h("numeric(12,2)", "numeric(10,2)").0,
            vec![Hazard::DataLoss, Hazard::Rewrite]
        );
        assert_eq!(h("text", "integer").1, Some("\"c\"::integer".to_string()));
    }
}
