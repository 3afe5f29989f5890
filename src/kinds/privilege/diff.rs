//! privilege: compares grants object by object as sets of ACL entries, and plans the minimal
//! `GRANT`/`REVOKE` delta.
//!
//! Every privilege difference is an `error` (a grant too many exposes data, one too few breaks
//! the application); a default-privilege difference is a `warning`, since it only shapes
//! objects created later. Steps come after every object exists (views included); a view the
//! plan drops and recreates has lost its grants, so it gets all of them again.

use super::ddl::{delta, Target};
use super::{builtin_schema_grants, DefaultObjects, DefaultPrivilege, Grants};
use crate::diff::{Category, Change, ObjectKind, ObjectRef, Severity};
use crate::kinds::policy::diff::{live_table, PlanStep};
use crate::model::{Schema, DEFAULT_SCHEMA};

/// `PUBLIC: usage; app_ro: select, update with grant option` (or `(none)`).
pub fn grants_text(g: &Grants) -> String {
    if g.values().all(|v| v.is_empty()) {
        return "(none)".to_string();
    }
    g.iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(r, v)| format!("{r}: {}", v.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `role: privilege` entries in `a` that `b` lacks (grant option compared too).
fn only_in(a: &Grants, b: &Grants) -> Vec<String> {
    let mut out = Vec::new();
    for (role, privs) in a {
        for p in privs {
            if !b.get(role).is_some_and(|v| v.contains(p)) {
                out.push(format!("{role}: {p}"));
            }
        }
    }
    out
}

pub(super) fn change(
    target: &Target,
    d: &Grants,
    l: &Grants,
    severity: Severity,
) -> Option<Change> {
    let extra = only_in(l, d);
    let missing = only_in(d, l);
    if extra.is_empty() && missing.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !extra.is_empty() {
        parts.push(format!(
            "granted in the database but not declared: {}",
            extra.join(", ")
        ));
    }
    if !missing.is_empty() {
        parts.push(format!("declared but not granted: {}", missing.join(", ")));
    }
    let object = ObjectRef {
        kind: ObjectKind::Privilege,
        table: None,
        name: target.describe(),
        member: None,
        qualified: None,
    };
    let mut c = Change::new(
        Category::Privilege,
        severity,
        object,
        format!(
            "privileges on {} differ: {}",
            target.describe(),
            parts.join("; ")
        ),
    );
    c.declared = Some(grants_text(d));
    c.live = Some(grants_text(l));
    Some(c)
}

/// A schema's grants: as listed, else its built-in default.
pub fn schema_grants(schema: &Schema, name: &str) -> Grants {
    schema
        .schema_grants
        .get(name)
        .cloned()
        .unwrap_or_else(|| builtin_schema_grants(name))
}

/// Schemas whose grants both sides can speak about.
fn common_schemas(declared: &Schema, live: &Schema) -> Vec<String> {
    let mut names: Vec<String> = vec![DEFAULT_SCHEMA.to_string()];
    names.extend(declared.schema_grants.keys().cloned());
    names.extend(live.schema_grants.keys().cloned());
    names.sort();
    names.dedup();
    names.retain(|s| {
        s == DEFAULT_SCHEMA || (declared.schemas.contains(s) && live.schemas.contains(s))
    });
    names
}

fn default_target(d: &DefaultPrivilege) -> Target {
    Target::Default {
        role: d.for_role.clone(),
        schema: d.in_schema.clone(),
        on: d.on,
    }
}

pub fn diff(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let none = Grants::new();
    for (name, d) in &declared.tables {
        let Some(l) = live_table(name, d, live) else {
            continue;
        };
        out.extend(change(
            &Target::Table(name.clone()),
            &d.grants,
            &l.grants,
            Severity::Error,
        ));
        for (col, _) in d.columns.iter().filter(|(c, _)| l.columns.contains_key(*c)) {
            let (dg, lg) = (
                d.column_grants.get(col).unwrap_or(&none),
                l.column_grants.get(col).unwrap_or(&none),
            );
            out.extend(change(
                &Target::Column(name.clone(), col.clone()),
                dg,
                lg,
                Severity::Error,
            ));
        }
    }
    for name in declared
        .views
        .keys()
        .filter(|v| live.views.contains_key(*v))
    {
        let (dg, lg) = (
            declared.view_grants.get(name).unwrap_or(&none),
            live.view_grants.get(name).unwrap_or(&none),
        );
        out.extend(change(
            &Target::Table(name.clone()),
            dg,
            lg,
            Severity::Error,
        ));
    }
    let live_sequences = super::sequence_names(live);
    let mut sequences: Vec<_> = super::sequence_names(declared).into_iter().collect();
    sequences.sort();
    for name in sequences.iter().filter(|s| live_sequences.contains(*s)) {
        let (dg, lg) = (
            declared.sequence_grants.get(name).unwrap_or(&none),
            live.sequence_grants.get(name).unwrap_or(&none),
        );
        out.extend(change(
            &Target::Sequence(name.clone()),
            dg,
            lg,
            Severity::Error,
        ));
    }
    for s in common_schemas(declared, live) {
        let (dg, lg) = (schema_grants(declared, &s), schema_grants(live, &s));
        out.extend(change(&Target::Schema(s), &dg, &lg, Severity::Error));
    }
    super::objects::diff(declared, live, out);
    for (target, dg, lg) in default_pairs(declared, live, |_| true) {
        out.extend(change(&target, &dg, &lg, Severity::Warning));
    }
}

/// Default-privilege entries of both sides paired by (role, schema, object type), an absent
/// entry standing for its built-in default.
/// `live_kept`: which live-only entries count (the others are left alone).
fn default_pairs(
    declared: &Schema,
    live: &Schema,
    live_kept: impl Fn(&DefaultPrivilege) -> bool,
) -> Vec<(Target, Grants, Grants)> {
    let builtin = |d: &DefaultPrivilege| DefaultPrivilege::builtin(d.in_schema.as_deref(), d.on);
    let mut out = Vec::new();
    for d in &declared.default_privileges {
        let l = live.default_privileges.iter().find(|l| l.key() == d.key());
        let lg = l.map_or_else(|| builtin(d), |l| l.grants.clone());
        out.push((default_target(d), d.grants.clone(), lg));
    }
    for l in live.default_privileges.iter().filter(|l| live_kept(l)) {
        if !declared
            .default_privileges
            .iter()
            .any(|d| d.key() == l.key())
        {
            out.push((default_target(l), builtin(l), l.grants.clone()));
        }
    }
    out
}

/// The `GRANT`/`REVOKE` steps, after every object exists. `prior` is the SQL the plan already
/// holds, to see which views it drops and recreates (they come back without grants).
pub fn plan(declared: &Schema, live: &Schema, prior: &[String]) -> Vec<PlanStep> {
    let mut p = Planner::new(live);
    for s in schemas_to_plan(declared) {
        let from = if s == DEFAULT_SCHEMA || live.schemas.contains(&s) {
            schema_grants(live, &s)
        } else {
            builtin_schema_grants(&s)
        };
        p.push(
            Target::Schema(s.clone()),
            &from,
            &schema_grants(declared, &s),
        );
    }
    let none = Grants::new();
    for (name, d) in &declared.tables {
        let Some(l) = live_table(name, d, live) else {
            p.new_object(
                Target::Table(name.clone()),
                DefaultObjects::Tables,
                Grants::new(),
                &d.grants,
            );
            for (col, g) in &d.column_grants {
                p.push(Target::Column(name.clone(), col.clone()), &none, g);
            }
            continue;
        };
        p.push(Target::Table(name.clone()), &l.grants, &d.grants);
        for col in d.columns.keys() {
            let from = match l.columns.contains_key(col) {
                true => after_table_revokes(
                    l.column_grants.get(col).unwrap_or(&none),
                    &l.grants,
                    &d.grants,
                ),
                false => Grants::new(),
            };
            let to = d.column_grants.get(col).unwrap_or(&none);
            p.push(Target::Column(name.clone(), col.clone()), &from, to);
        }
    }
    let live_sequences = super::sequence_names(live);
    let mut sequences: Vec<_> = super::sequence_names(declared).into_iter().collect();
    sequences.sort();
    for name in &sequences {
        let to = declared.sequence_grants.get(name).unwrap_or(&none);
        match live.sequence_grants.get(name) {
            _ if !live_sequences.contains(name) => p.new_object(
                Target::Sequence(name.clone()),
                DefaultObjects::Sequences,
                Grants::new(),
                to,
            ),
            from => p.push(Target::Sequence(name.clone()), from.unwrap_or(&none), to),
        }
    }
    for (name, view) in &declared.views {
        let to = declared.view_grants.get(name).unwrap_or(&none);
        let recreated = prior.contains(&crate::ddl::drop_view(name, view.materialized));
        let fresh = recreated || !live.views.contains_key(name);
        if fresh {
            p.new_object(
                Target::Table(name.clone()),
                DefaultObjects::Tables,
                Grants::new(),
                to,
            );
        } else {
            let from = live.view_grants.get(name).unwrap_or(&none);
            p.push(Target::Table(name.clone()), from, to);
        }
        let live_from = live.view_grants.get(name).unwrap_or(&none);
        for col in super::objects::view_columns(declared, live, name) {
            let get = |s: &Schema| {
                s.view_column_grants
                    .get(name)
                    .and_then(|c| c.get(&col))
                    .cloned()
                    .unwrap_or_default()
            };
            let from = match fresh {
                true => Grants::new(),
                false => after_table_revokes(&get(live), live_from, to),
            };
            p.push(
                Target::Column(name.clone(), col.clone()),
                &from,
                &get(declared),
            );
        }
    }
    p.steps
}

/// Default privileges, planned after every object the plan creates: an object created after an
/// `ALTER DEFAULT PRIVILEGES` would start with the new defaults, which [`Planner::new_object`]
/// does not expect (it starts from the live ones).
pub fn plan_defaults(declared: &Schema, live: &Schema) -> Vec<PlanStep> {
    let mut p = Planner::new(live);
    // A schema the plan drops takes its default privileges along.
    let kept = |l: &DefaultPrivilege| {
        l.in_schema
            .as_ref()
            .is_none_or(|s| s == DEFAULT_SCHEMA || declared.schemas.contains(s))
    };
    for (target, dg, lg) in default_pairs(declared, live, kept) {
        p.push(target, &lg, &dg);
    }
    p.steps
}

/// A column's grants once the table-level `REVOKE`s of the plan ran: revoking a privilege on a
/// table revokes it on every column too.
fn after_table_revokes(column: &Grants, table_from: &Grants, table_to: &Grants) -> Grants {
    let name = |item: &String| super::split_item(item).0;
    let revoked = |role: &String, p: &String| {
        let had = table_from
            .get(role)
            .is_some_and(|v| v.iter().any(|x| name(x) == name(p)));
        let keeps = table_to
            .get(role)
            .is_some_and(|v| v.iter().any(|x| name(x) == name(p)));
        had && !keeps
    };
    let mut out = Grants::new();
    for (role, privs) in column {
        let kept: Vec<String> = privs
            .iter()
            .filter(|p| !revoked(role, p))
            .cloned()
            .collect();
        if !kept.is_empty() {
            out.insert(role.clone(), kept);
        }
    }
    out
}

pub(super) struct Planner<'a> {
    live: &'a Schema,
    pub(super) steps: Vec<PlanStep>,
}

impl<'a> Planner<'a> {
    pub(super) fn new(live: &'a Schema) -> Self {
        Planner {
            live,
            steps: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, target: Target, from: &Grants, to: &Grants) {
        let label = format!("privileges on {}", target.describe());
        for sql in delta(&target, from, to) {
            self.steps
                .push(PlanStep::new(sql, label.clone(), Category::Privilege));
        }
    }

    /// A new object starts with its built-in grants (`builtin`: `EXECUTE` to `PUBLIC` for a
    /// routine) and whatever the database's default privileges give it (for the role that runs
    /// the plan, which is not known here). With no default privileges for its kind, that start
    /// is known and the delta is minimal; otherwise every undeclared privilege any matching
    /// entry gives is revoked (a no-op if it was not given), every declared one granted.
    pub(super) fn new_object(
        &mut self,
        target: Target,
        on: DefaultObjects,
        builtin: Grants,
        to: &Grants,
    ) {
        let schema = match &target {
            Target::Table(q) | Target::Sequence(q) | Target::Type(q) => Some(q.schema.as_str()),
            Target::Routine(k, _) => Some(k.name.schema.as_str()),
            _ => None,
        };
        if !self.live.default_privileges.iter().any(|d| d.on == on) {
            self.push(target, &builtin, to);
            return;
        }
        let mut inherited = Grants::new();
        for (role, privs) in &builtin {
            let undeclared = privs
                .iter()
                .filter(|p| !to.get(role).is_some_and(|v| v.contains(p)));
            inherited
                .entry(role.clone())
                .or_default()
                .extend(undeclared.cloned());
        }
        for d in &self.live.default_privileges {
            let applies = d.on == on && (d.in_schema.is_none() || d.in_schema.as_deref() == schema);
            for (role, privs) in d.grants.iter().filter(|_| applies) {
                let undeclared = privs
                    .iter()
                    .filter(|p| !to.get(role).is_some_and(|v| v.contains(p)));
                inherited
                    .entry(role.clone())
                    .or_default()
                    .extend(undeclared.cloned());
            }
        }
        inherited.values_mut().for_each(|v| {
            v.sort();
            v.dedup();
        });
        self.push(target.clone(), &inherited, &Grants::new());
        self.push(target, &Grants::new(), to);
    }
}

fn schemas_to_plan(declared: &Schema) -> Vec<String> {
    let mut names: Vec<String> = vec![DEFAULT_SCHEMA.to_string()];
    names.extend(declared.schemas.iter().cloned());
    names.sort();
    names.dedup();
    names
}
