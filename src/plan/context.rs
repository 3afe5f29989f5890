//! What every planning step reads: both schemas, the options, the changes grouped by the kind of
//! object they are about, and the sets derived from them before any SQL is written.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{MemberKey, PlanOptions};
use crate::diff::{Category, Change, ObjectKind, Presence};
use crate::kinds::{column, enum_type, view};
use crate::model::{Column, QualifiedName, Schema, Table};

/// The changes, grouped by the kind of object they are about, each group in change order.
#[derive(Default)]
pub(crate) struct Changes<'a> {
    /// (change, old live name, new declared name).
    pub table_renames: Vec<(&'a Change, QualifiedName, QualifiedName)>,
    /// Declared name -> live name of every renamed table.
    pub live_of: HashMap<QualifiedName, QualifiedName>,
    pub missing_tables: Vec<QualifiedName>,
    pub extra_tables: Vec<QualifiedName>,
    pub table_comments: Vec<(&'a Change, QualifiedName)>,
    /// Every change of one column together, columns in the order they first appear.
    pub columns: Vec<(MemberKey, Vec<&'a Change>)>,
    /// Constraints and indexes: their renames and drops interleave in change order.
    pub members: Vec<&'a Change>,
    /// Extended statistics (`kinds::statistics::plan`).
    pub statistics: Vec<&'a Change>,
    pub views: Vec<&'a Change>,
    pub enums: Vec<&'a Change>,
    /// Collations, domains, composite and range types (`kinds::type_plan`).
    pub types: Vec<&'a Change>,
    pub sequences: Vec<&'a Change>,
    pub extensions: Vec<&'a Change>,
    /// Missing schemas are created from the declared list, so only extra ones are kept.
    pub extra_schemas: Vec<&'a Change>,
    pub schema_comments: Vec<&'a Change>,
    /// Differences no statement resolves.
    pub warnings: Vec<String>,
}

impl<'a> Changes<'a> {
    fn group(changes: &'a [Change]) -> Self {
        let mut g = Changes::default();
        let mut columns: BTreeMap<usize, (MemberKey, Vec<&Change>)> = BTreeMap::new();
        let mut column_pos: HashMap<MemberKey, usize> = HashMap::new();
        for c in changes {
            match c.object.kind {
                ObjectKind::Table => g.add_table(c),
                // A view's column (only its comment is modelled): `qualified` names the view.
                ObjectKind::Column if c.object.qualified.is_some() => g.views.push(c),
                ObjectKind::Column => {
                    let (Some(t), Some(m)) = (c.object.table.clone(), c.object.member.clone())
                    else {
                        continue;
                    };
                    let key = (t, m);
                    let n = column_pos.len();
                    let pos = *column_pos.entry(key.clone()).or_insert(n);
                    columns
                        .entry(pos)
                        .or_insert_with(|| (key, Vec::new()))
                        .1
                        .push(c);
                }
                ObjectKind::PrimaryKey
                | ObjectKind::Unique
                | ObjectKind::Check
                | ObjectKind::ForeignKey
                | ObjectKind::Exclusion
                | ObjectKind::Index => g.members.push(c),
                ObjectKind::Statistics => g.statistics.push(c),
                ObjectKind::View | ObjectKind::MaterializedView => g.views.push(c),
                ObjectKind::Enum => g.enums.push(c),
                ObjectKind::Domain
                | ObjectKind::CompositeType
                | ObjectKind::RangeType
                | ObjectKind::Collation => g.types.push(c),
                ObjectKind::Sequence => g.sequences.push(c),
                ObjectKind::Extension => g.extensions.push(c),
                ObjectKind::Schema if c.presence == Presence::Extra => g.extra_schemas.push(c),
                ObjectKind::Schema if c.category == Category::Comment => g.schema_comments.push(c),
                ObjectKind::Schema => {}
                // Planned by kinds::function::plan (steps before the tables and at the end).
                ObjectKind::Function
                | ObjectKind::Procedure
                | ObjectKind::Aggregate
                | ObjectKind::Trigger
                | ObjectKind::EventTrigger
                | ObjectKind::Publication
                | ObjectKind::Rule
                | ObjectKind::ForeignServer => {}
                // Planned from the two schemas by their kinds (after the renames, after views).
                ObjectKind::Policy | ObjectKind::Privilege | ObjectKind::Owner => {}
                ObjectKind::Unsupported(_) => g.warnings.push(format!(
                    "{}: not modelled by pgdrift, so not planned (change it by hand)",
                    c.object.describe()
                )),
            }
        }
        g.columns = columns.into_values().collect();
        g
    }

    fn add_table(&mut self, c: &'a Change) {
        let Some(q) = c.object.qualified.clone() else {
            return;
        };
        match (c.presence, &c.renamed_from) {
            (Presence::Missing, Some(old)) => {
                let old_q = QualifiedName::new(q.schema.clone(), old.clone());
                self.live_of.insert(q.clone(), old_q.clone());
                self.table_renames.push((c, old_q, q));
                return;
            }
            (Presence::Missing, None) => return self.missing_tables.push(q),
            (Presence::Extra, _) => return self.extra_tables.push(q),
            (Presence::Changed, _) => {}
        }
        match (c.category, &c.renamed_from) {
            (Category::Comment, _) => self.table_comments.push((c, q)),
            // Planned from the two schemas by kinds::table::shape.
            (Category::Partition | Category::Storage, _) => {}
            // The only table-level `table` change on both sides is a foreign table's (its
            // server, options or column options): planned, or warned about, by kinds::foreign::table.
            (Category::Table, _) => {}
            (Category::ColumnOrder, _) => self.warnings.push(format!(
                "{}: {} (declared: {}; live: {}). Columns cannot be reordered in place; rebuild the table by hand if the order matters",
                c.object.describe(),
                c.summary,
                c.declared.clone().unwrap_or_default(),
                c.live.clone().unwrap_or_default()
            )),
            _ => self
                .warnings
                .push(format!("{}: {} (not planned)", c.object.describe(), c.summary)),
        }
    }
}

/// The changes among `group` about the object `q`.
pub(crate) fn about<'a>(group: &[&'a Change], q: &QualifiedName) -> Vec<&'a Change> {
    group
        .iter()
        .copied()
        .filter(|c| c.object.qualified.as_ref() == Some(q))
        .collect()
}

/// The planning context: read-only once built.
pub(crate) struct PlanCx<'a> {
    pub declared: &'a Schema,
    pub live: &'a Schema,
    pub opts: &'a PlanOptions,
    pub changes: Changes<'a>,
    /// Every change, ungrouped.
    pub all_changes: &'a [Change],
    /// `changes.missing_tables` and `changes.extra_tables`, to look up.
    pub missing_set: HashSet<QualifiedName>,
    pub extra_set: HashSet<QualifiedName>,
    /// Live views dropped before the changes under them (and recreated after, if declared).
    pub dropped_views: HashSet<QualifiedName>,
    /// Declared views missing from the database.
    pub missing_views: HashSet<QualifiedName>,
    /// Redefined views that `CREATE OR REPLACE VIEW` can change in place.
    pub replaced_views: HashSet<QualifiedName>,
    /// Triggers, policies, routines and generated columns that the column changes take along.
    pub rebuild: super::Rebuild,
    /// Tables both sides have under the same name whose columns the plan leaves as they are
    /// (not created, renamed, touched, no column added, changed or dropped): a routine reading
    /// only these can be created before the tables (`kinds::function::plan`).
    pub settled_tables: HashSet<QualifiedName>,
}

impl<'a> PlanCx<'a> {
    pub fn new(
        declared: &'a Schema,
        live: &'a Schema,
        changes: &'a [Change],
        opts: &'a PlanOptions,
    ) -> Self {
        let all_changes = changes;
        let changes = Changes::group(changes);
        let mut cx = PlanCx {
            declared,
            live,
            opts,
            missing_set: changes.missing_tables.iter().cloned().collect(),
            extra_set: changes.extra_tables.iter().cloned().collect(),
            changes,
            all_changes,
            dropped_views: HashSet::new(),
            missing_views: HashSet::new(),
            replaced_views: HashSet::new(),
            rebuild: super::Rebuild::default(),
            settled_tables: HashSet::new(),
        };
        cx.rebuild = super::Rebuild::of(&cx);
        let mut views = view::plan::classify(&cx);
        // Views calling a routine that is dropped and created anew go and come back with it.
        let recreated =
            crate::kinds::function::plan::recreated(declared, live, all_changes, &cx.rebuild);
        views
            .seeds
            .extend(crate::kinds::function::dependents::views(live, &recreated));
        for g in crate::kinds::function::dependents::generated_columns(live, &recreated) {
            cx.rebuild.generated.insert(g.clone());
            cx.rebuild.generated_by_routines.insert(g);
        }
        cx.dropped_views = cx.views_with_bound_routines(&mut views.seeds);
        cx.rebuild.with_policies_reading(opts, &cx.dropped_views);
        cx.missing_views = views.missing;
        cx.replaced_views = views.replaced;
        cx.settled_tables = cx.settled_tables();
        cx
    }

    /// The views to drop, and with them the routines naming one (a `SETOF view` result, a
    /// `BEGIN ATOMIC` body): those go and come back too (`Rebuild::routines`), and so do the
    /// views calling them, until nothing more is taken along.
    fn views_with_bound_routines(
        &mut self,
        seeds: &mut HashSet<QualifiedName>,
    ) -> HashSet<QualifiedName> {
        let touched = self.touched_tables();
        loop {
            let dropped = view::plan::dependent_views(self.live, &touched, seeds);
            let bound = crate::kinds::function::plan::bound_to_views(self.live, &dropped);
            let callers = crate::kinds::function::dependents::views(self.live, &bound);
            let before = seeds.len();
            seeds.extend(callers);
            if seeds.len() == before {
                self.rebuild.routines.extend(bound);
                return dropped;
            }
        }
    }

    fn settled_tables(&self) -> HashSet<QualifiedName> {
        let touched = self.touched_tables();
        let changed: HashSet<&QualifiedName> =
            self.changes.columns.iter().map(|((t, _), _)| t).collect();
        self.declared
            .tables
            .keys()
            .filter(|q| self.live.tables.contains_key(*q))
            .filter(|q| !self.missing_set.contains(*q) && !touched.contains(*q))
            .filter(|q| !changed.contains(q))
            .cloned()
            .collect()
    }

    /// Live names of the tables whose change breaks the views reading them: undeclared tables,
    /// tables with a column whose type (or the like) changes or that is dropped, and users of an
    /// enum that is rebuilt.
    fn touched_tables(&self) -> HashSet<QualifiedName> {
        let mut touched: HashSet<QualifiedName> =
            self.changes.extra_tables.iter().cloned().collect();
        for ((t, _), cs) in &self.changes.columns {
            if column::plan::breaks_views(cs) {
                touched.insert(self.live_name(t));
            }
        }
        for q in enum_type::plan::rebuilds(self) {
            for (t, _, _) in enum_type::plan::users(self.live, &q) {
                touched.insert(t);
            }
        }
        for q in crate::kinds::domain::plan::rebuilds(self) {
            for (t, _, _) in crate::kinds::domain::plan::users(self.live, &q) {
                touched.insert(t);
            }
        }
        touched
    }

    /// The live name of a declared table (they differ when it is renamed).
    pub fn live_name(&self, t: &QualifiedName) -> QualifiedName {
        self.changes
            .live_of
            .get(t)
            .cloned()
            .unwrap_or_else(|| t.clone())
    }

    /// The declared name of live table `t`: the renames run first, so later steps use it.
    pub fn declared_name(&self, t: &QualifiedName) -> QualifiedName {
        self.changes
            .live_of
            .iter()
            .find_map(|(d, l)| (l == t).then(|| d.clone()))
            .unwrap_or_else(|| t.clone())
    }

    pub fn live_table(&self, t: &QualifiedName) -> Option<&'a Table> {
        self.live.tables.get(&self.live_name(t))
    }

    /// The live column a declared column is, after renames.
    pub fn live_column(&self, t: &QualifiedName, m: &str, cs: &[&Change]) -> Option<&'a Column> {
        let old = cs
            .iter()
            .find_map(|c| c.renamed_from.clone())
            .unwrap_or_else(|| m.to_string());
        self.live_table(t).and_then(|lt| lt.columns.get(&old))
    }

    pub fn decl_column(&self, t: &QualifiedName, m: &str) -> Option<&'a Column> {
        self.declared.tables.get(t)?.columns.get(m)
    }
}
