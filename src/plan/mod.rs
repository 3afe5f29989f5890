//! `pgdrift plan`: turns the drift between the declared and the live schema into ordered SQL.
//!
//! The change list says *what* differs; the two full schemas say what each object looks like on
//! either side, so the SQL is derived from both. Statements come out in dependency order:
//!
//! 1. renames (tables, then columns, constraints, indexes), so nothing declared as renamed is
//!    dropped and re-added;
//! 2. drops of views that must go (undeclared views, views whose body changes, and every view
//!    that reads a column whose type changes or that is dropped, transitively), in reverse
//!    topological order;
//! 3. drops of undeclared or redefined foreign keys, constraints and indexes;
//! 4. schemas, extensions, enums (`ADD VALUE` in place, or a rebuild), collations, domains,
//!    composite and range types (`ALTER DOMAIN`/`ALTER TYPE`, or drop and create), sequences;
//! 5. new tables, new columns, column changes (type with `USING`, default, nullability,
//!    identity, generated, collation);
//! 6. drops of undeclared columns and tables, then undeclared sequences, enums, types and
//!    collations;
//! 7. constraints and foreign keys (after every table exists), indexes;
//! 8. views in topological order, each materialized view followed by its indexes;
//! 9. comments; undeclared extensions last.
//!
//! Nothing is dropped with CASCADE: dependents are dropped explicitly first.

use std::collections::HashSet;
use std::path::PathBuf;

use serde::{Deserialize, Deserializer, Serialize};
use sha2::{Digest, Sha256};

use crate::diff::{Category, Change};
use crate::kinds::{
    column, constraint, enum_type, extension, index, schema, sequence, table, view,
};
use crate::model::{QualifiedName, Schema};

mod alembic;
mod command;
mod context;
mod dbmate;
mod rebuild;
mod render;

pub(crate) use context::{about, PlanCx};
pub(crate) use rebuild::Rebuild;

pub use crate::kinds::view::plan::appendable_views;
pub use alembic::{render_revision, reverse_plan, reverse_plan_without, Revision};
pub use command::{
    compare_for, drop_kept, missing_roles, missing_roles_error, plan_changes, plan_for,
    plan_keeping, run, Kept, MissingRole, PlanArgs, PlanFormat, PlanSourceArgs,
};
pub use dbmate::{render_migration, utc_version};
pub use render::{
    parse_json, render_human, render_json, render_sql, summary_counts, PLAN_FORMAT, PLAN_VERSION,
};

/// What a statement risks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hazard {
    /// Drops data: a table, a column, enum values in use, a narrowing type change.
    DataLoss,
    /// Rewrites the whole table under an exclusive lock.
    Rewrite,
    /// Holds a lock that blocks writes while it scans or builds (plain CREATE INDEX, validating
    /// a foreign key or check, SET NOT NULL).
    LongLock,
    /// Cannot run inside the transaction (CREATE INDEX CONCURRENTLY); runs after COMMIT.
    NotTransactional,
    /// Drops a routine that other objects call: callers the catalog records are taken along,
    /// but calls from routine bodies (plpgsql) are invisible to it and fail until it is back.
    InUse,
    /// Drops, creates, redefines or enables/disables a trigger on a table that holds rows (or on
    /// a view that exists): what the table's writes do changes the moment the plan commits.
    BehaviorChange,
}

impl Hazard {
    pub fn as_str(self) -> &'static str {
        match self {
            Hazard::DataLoss => "data_loss",
            Hazard::Rewrite => "rewrite",
            Hazard::LongLock => "long_lock",
            Hazard::NotTransactional => "not_transactional",
            Hazard::InUse => "in_use",
            Hazard::BehaviorChange => "behavior_change",
        }
    }
}

/// One statement of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The SQL, without a trailing semicolon.
    pub sql: String,
    /// The change this statement serves, for people.
    pub change: String,
    #[serde(deserialize_with = "category_from_str")]
    pub category: Category,
    #[serde(default)]
    pub hazards: Vec<Hazard>,
    pub transactional: bool,
    /// For `CREATE INDEX CONCURRENTLY`: the index, so an interrupted build (an INVALID index)
    /// can be found and rebuilt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resume_index: Option<QualifiedName>,
    /// Runs before the transaction (not transactional either): `ALTER TYPE .. ADD VALUE IF NOT
    /// EXISTS` for a label that later steps use, since PostgreSQL refuses to use a label in the
    /// transaction that added it. Idempotent, so a rerun after a failure is safe.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub before_transaction: bool,
}

fn category_from_str<'de, D: Deserializer<'de>>(d: D) -> Result<Category, D::Error> {
    let text = String::deserialize(d)?;
    text.parse().map_err(serde::de::Error::custom)
}

/// An ordered migration from the live schema to the declared one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub steps: Vec<Step>,
    /// sha256 of the live schema the plan was computed from; `apply --plan` refuses a plan whose
    /// database has changed since.
    pub live_fingerprint: String,
    /// Differences the plan cannot resolve (e.g. column order), for people to handle.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// How many objects the model does not cover (each also a warning): "nothing to do" is
    /// then only true of what pgdrift models.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unsupported: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Plan {
    /// What to say when there are no steps.
    pub fn nothing_to_do(&self) -> String {
        if self.unsupported == 0 {
            "Nothing to do: the database matches the declared schema.".to_string()
        } else {
            format!(
                "Nothing to do in what pgdrift models; {} object(s) it does not model were not compared (see the warnings).",
                self.unsupported
            )
        }
    }

    pub fn transactional_steps(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| s.transactional)
    }
    pub fn non_transactional_steps(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| !s.transactional)
    }
    pub fn destructive_steps(&self) -> Vec<(usize, &Step)> {
        self.steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.hazards.contains(&Hazard::DataLoss))
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct PlanOptions {
    /// Plain views whose declared body keeps the live view's output columns (same names, types,
    /// collations, same order) and only adds columns after them: these are replaced with
    /// `CREATE OR REPLACE VIEW` instead of dropped and created. See [`appendable_views`].
    pub appendable_views: HashSet<QualifiedName>,
    /// Build indexes concurrently (outside the transaction) and add foreign keys and checks as
    /// NOT VALID followed by VALIDATE.
    pub online: bool,
    /// Zone a `timestamp` holds its values in, for conversions to and from `timestamptz`.
    pub tz: String,
    /// The normalization cache `check` uses (see `app::CompareOptions`); `None` normalizes anew.
    pub cache_dir: Option<PathBuf>,
    /// `--no-privileges`: no grants compared or planned.
    pub no_privileges: bool,
    /// `--owners`: owners compared, and `ALTER ... OWNER TO` planned last.
    pub owners: bool,
    /// Existing tables whose triggers or rules the plan changes, probed at plan time and found
    /// empty (see [`crate::kinds::trigger::rows`]): their trigger and rule steps carry no `behavior_change`
    /// hazard. Every other existing table counts as holding rows.
    pub empty_tables: HashSet<QualifiedName>,
    /// What depends on each live column (see [`crate::kinds::column::users`]), read at plan
    /// time: the objects a column's type change or drop must take along ([`rebuild::Rebuild`]).
    pub column_users: crate::kinds::column::users::ColumnUsers,
    /// The live server's major version, read at plan time (`None`: unknown, e.g. a snapshot
    /// without one): steps newer servers have (`SET EXPRESSION`, 17+) are used only when known.
    pub live_major: Option<u32>,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            appendable_views: HashSet::new(),
            online: false,
            tz: "UTC".to_string(),
            cache_dir: None,
            no_privileges: false,
            owners: false,
            empty_tables: HashSet::new(),
            column_users: Default::default(),
            live_major: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("cannot plan: {0}")]
    Unsupported(String),
    #[error("cannot serialize the live schema for its fingerprint: {0}")]
    Fingerprint(String),
    #[error("{path}: not a pgdrift plan: {message}")]
    BadPlanFile { path: PathBuf, message: String },
}

/// sha256 of the live schema's canonical YAML.
pub fn fingerprint(live: &Schema) -> Result<String, PlanError> {
    let text = serde_saphyr::to_string(live).map_err(|e| PlanError::Fingerprint(e.to_string()))?;
    let digest = Sha256::digest(text.as_bytes());
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

// ---------------------------------------------------------------------------------------------
// Building

/// The steps written so far.
pub(crate) struct Builder {
    pub steps: Vec<Step>,
}

impl Builder {
    /// A transactional step.
    pub fn push(&mut self, sql: String, change: &str, category: Category, hazards: &[Hazard]) {
        self.steps.push(Step {
            sql,
            change: change.to_string(),
            category,
            hazards: hazards.to_vec(),
            transactional: true,
            resume_index: None,
            before_transaction: false,
        });
    }

    /// A transactional comment, which risks nothing.
    pub fn comment(&mut self, sql: String, change: &str) {
        self.push(sql, change, Category::Comment, &[]);
    }
}

/// Changes grouped by the object they are about, for step labels.
pub(crate) fn label(changes: &[&Change]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in changes {
        let s = format!("{}: {}", c.object.describe(), c.summary);
        if !parts.contains(&s) {
            parts.push(s);
        }
    }
    parts.join("; ")
}

/// (declared table, member name): a column, constraint or index.
pub(crate) type MemberKey = (QualifiedName, String);

/// Computes the plan that makes `live` match `declared`. `changes` is the diff of the two (after
/// ignore rules): only objects it names are touched.
pub fn build_plan(
    declared: &Schema,
    live: &Schema,
    changes: &[Change],
    opts: &PlanOptions,
) -> Result<Plan, PlanError> {
    let live_fingerprint = fingerprint(live)?;
    let cx = PlanCx::new(declared, live, changes, opts);
    let mut b = Builder { steps: Vec::new() };
    // 1. Renames.
    table::plan::rename_tables(&cx, &mut b);
    column::plan::rename_columns(&cx, &mut b);
    column::not_null::rename_defaults(&cx, &mut b);
    constraint::plan::rename_members(&cx, &mut b);
    crate::kinds::statistics::plan::rename(&cx, &mut b);
    // 1b. Policies in the way of column changes, undeclared or not alterable.
    let (policy_drops, dropped_policies) =
        crate::kinds::policy::diff::plan_drops(declared, live, changes, &cx.rebuild.policies);
    for s in policy_drops {
        b.push(s.sql, &s.change, s.category, &[]);
    }
    // 2, 3. Views, then foreign keys, constraints and indexes that must go.
    view::plan::drop_views(&cx, &mut b);
    let fk_rebuild = constraint::plan::drop_members(&cx, &mut b);
    let dropped_statistics = crate::kinds::statistics::plan::drop(&cx, &mut b);
    let routine_drops = crate::kinds::function::plan::drops(&cx, changes, &b.steps);
    b.steps.extend(routine_drops);
    // 4. What tables use.
    schema::plan::create_schemas(&cx, &mut b);
    extension::plan::create_or_alter(&cx, &mut b);
    crate::kinds::foreign::plan::create_or_alter(declared, live, changes, &mut b);
    let enums = enum_type::plan::create_or_alter(&cx, &mut b);
    crate::kinds::type_plan::create_or_alter(&cx, &mut b);
    let owned_sequences = sequence::plan::create_or_alter(&cx, &mut b);
    let routines = crate::kinds::function::plan::before_tables(&cx, changes);
    b.steps.extend(routines);
    crate::kinds::domain::plan::late_checks(&cx, &mut b);
    // 5. Tables and columns.
    table::plan::create_tables(&cx, &mut b);
    let columns = column::plan::add_or_alter(&cx, &mut b, &enums.restored_defaults);
    let mut warnings = cx.changes.warnings.clone();
    table::shape::plan(declared, live, cx.opts.live_major, &mut warnings, &mut b);
    crate::kinds::foreign::table::plan(declared, live, changes, &mut warnings, &mut b);
    // 6. Drops.
    column::plan::drop_columns(&mut b, &columns.dropped);
    table::plan::drop_tables(&cx, &mut b);
    crate::kinds::foreign::plan::drop_extras(declared, live, changes, &mut b);
    sequence::plan::drop_sequences(&cx, &mut b, &columns.dropped);
    for (sql, why) in &columns.late_identity {
        b.push(sql.clone(), why, Category::Identity, &[]);
    }
    // Domains, composite and range types may use enums: they go first.
    crate::kinds::type_plan::drop_extras(&cx, &mut b);
    enum_type::plan::drop_enums(&cx, &mut b);
    schema::plan::drop_schemas(&cx, &mut b);
    sequence::plan::set_owners(&cx, &mut b, &owned_sequences);
    // 7. Constraints, foreign keys, indexes.
    let adds = constraint::plan::member_adds(&cx, &fk_rebuild);
    let fk_targets = constraint::plan::fk_targets(&cx, &adds.constraints);
    let valid = &adds.validations;
    constraint::plan::add_constraints(&cx, &mut b, adds.constraints.clone(), false, valid);
    // Indexes calling a routine that reads tables wait for it (see `ddl::ScriptParts`).
    let late = crate::kinds::function::ddl::late_indexes(declared);
    let (late_indexes, indexes): (Vec<_>, Vec<_>) = adds
        .indexes
        .iter()
        .cloned()
        .partition(|(t, m, _)| late.contains(&(t.clone(), m.clone())));
    index::plan::create_indexes(&cx, &mut b, &indexes, &fk_targets);
    constraint::plan::add_constraints(&cx, &mut b, adds.constraints.clone(), true, valid);
    crate::kinds::statistics::plan::create(&cx, &mut b, &dropped_statistics);
    // 8. Routines that read tables (views may call them), then views.
    let routines = crate::kinds::function::plan::after_tables(&cx, changes);
    b.steps.extend(routines);
    table::plan::late_members(&cx, &mut b);
    let views = view::plan::create_views(&cx, &mut b)?;
    index::plan::create_indexes(&cx, &mut b, &late_indexes, &fk_targets);
    // 8a. Tablespaces, replica identities and clustered indexes: every index exists by now.
    table::relopts_diff::plan(&cx, &mut b, &adds);
    // 8b. Row-level security and policies, then grants: every object exists by now.
    let mut late = crate::kinds::policy::diff::plan_creates(declared, live, &dropped_policies);
    let prior: Vec<String> = b.steps.iter().map(|s| s.sql.clone()).collect();
    late.extend(crate::kinds::privilege::diff::plan(declared, live, &prior));
    for s in late {
        b.push(s.sql, &s.change, s.category, &[]);
    }
    // 9. Comments; undeclared extensions last.
    schema::plan::comment_schemas(&cx, &mut b);
    table::plan::comment_tables(&cx, &mut b);
    column::plan::comment_columns(&cx, &mut b, &columns.added);
    table::plan::comment_new_tables(&cx, &mut b);
    constraint::plan::comment_constraints(
        &cx,
        &mut b,
        &adds.constraints,
        &adds.constraint_comments,
    );
    index::plan::comment_indexes(&cx, &mut b, &adds.indexes, &adds.index_comments);
    view::plan::comment_views(&cx, &mut b, &views);
    extension::plan::drop_extensions(&cx, &mut b);
    enum_type::plan::commit_labels_first(&mut b, enums.added_labels);
    let routines = crate::kinds::function::plan::after_views(&cx, changes, &b.steps);
    b.steps.extend(routines);
    // 10. Grants on routines and types: after every routine exists (one the plan dropped and
    // created again has lost its grants) and after types are created or rebuilt.
    let prior: Vec<String> = b.steps.iter().map(|s| s.sql.clone()).collect();
    for s in crate::kinds::privilege::objects::plan(declared, live, &prior) {
        b.push(s.sql, &s.change, s.category, &[]);
    }
    // 11. Rules, then event triggers: drops before everything, creations after every relation
    // and routine.
    crate::kinds::rule::plan::plan(&cx, &mut b);
    crate::kinds::event_trigger::plan::plan(declared, live, changes, &mut b);
    // 11b. Publications: members leave before everything, join after every table exists.
    crate::kinds::publication::plan::plan(declared, live, changes, &mut b);
    // 11c. Default privileges, once no object is created any more (see `plan_defaults`).
    for s in crate::kinds::privilege::diff::plan_defaults(declared, live) {
        b.push(s.sql, &s.change, s.category, &[]);
    }
    // 12. Owners (only with `--owners`: otherwise neither side has any), once every object
    // exists; a created or recreated object belongs to whoever applies the plan.
    let prior: Vec<String> = b.steps.iter().map(|s| s.sql.clone()).collect();
    for s in crate::kinds::owner::diff::plan(declared, live, changes, &prior) {
        b.push(s.sql, &s.change, s.category, &[]);
    }

    let unsupported = changes
        .iter()
        .filter(|c| c.category == Category::Unsupported)
        .count();
    Ok(Plan {
        steps: b.steps,
        live_fingerprint,
        warnings,
        unsupported,
    })
}
