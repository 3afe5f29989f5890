//! The one model every stage speaks.
//!
//! `Schema` is what the loader builds from `schema.yaml` + `views/`, what introspection reads from
//! a live database, and what a snapshot file is (a `Schema` serialized to YAML). Maps are
//! `IndexMap`s so file order, and therefore every output, is deterministic.
//!
//! Text that PostgreSQL parses (types, defaults, check expressions, index keys, predicates, view
//! bodies) is kept as text. It is never compared raw: the declared side is normalized by running
//! it through PostgreSQL and reading it back with the same deparsers as the live side.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

mod name;
#[cfg(test)]
mod tests;

pub use crate::kinds::collation::Collation;
pub use crate::kinds::column::generated::GeneratedKind;
pub use crate::kinds::column::model::{sql_scalar_opt, Column, Identity, IdentityOptions};
pub use crate::kinds::column::not_null::NotNullNames;
pub use crate::kinds::composite_type::{Attribute, CompositeType};
pub use crate::kinds::constraint::model::{
    Check, Exclusion, FkAction, ForeignKey, PrimaryKey, Reference, UniqueConstraint,
};
pub use crate::kinds::constraint::on_delete::OnDelete;
pub use crate::kinds::domain::Domain;
pub use crate::kinds::event_trigger::EventTrigger;
pub use crate::kinds::function::{Function, RoutineKey, RoutineKind};
pub use crate::kinds::index::model::Index;
pub use crate::kinds::range_type::RangeType;
pub use crate::kinds::rule::Rule;
pub use crate::kinds::trigger::{Trigger, TriggerEnabled};
pub use name::{quote_ident, quote_literal, split_name_parts, QualifiedName};

/// The schema objects live in unless a name says otherwise.
pub const DEFAULT_SCHEMA: &str = "public";

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}
pub(crate) fn is_true(b: &bool) -> bool {
    *b
}
pub(crate) fn yes() -> bool {
    true
}

/// The whole declared or introspected schema.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// The PostgreSQL major version whose deparser printed the SQL text in this model. Set in
    /// snapshots (so a check against one can refuse a normalizer of another major version);
    /// absent in declared files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postgres: Option<u32>,
    /// Schemas other than `public` that the objects live in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<String>,
    /// `COMMENT ON SCHEMA`, by schema name (`public` included).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub schema_comments: IndexMap<String, String>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub extensions: IndexMap<String, Extension>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub enums: IndexMap<QualifiedName, Vec<String>>,
    /// `COMMENT ON TYPE` of enums, by enum name (an enum stays a plain list of labels).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub enum_comments: IndexMap<QualifiedName, String>,
    /// `CREATE COLLATION` collations (see `kinds::collation`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub collations: IndexMap<QualifiedName, Collation>,
    /// Domains (see `kinds::domain`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub domains: IndexMap<QualifiedName, Domain>,
    /// Composite types (see `kinds::composite_type`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub types: IndexMap<QualifiedName, CompositeType>,
    /// Range types (see `kinds::range_type`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub ranges: IndexMap<QualifiedName, RangeType>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub sequences: IndexMap<QualifiedName, Sequence>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub tables: IndexMap<QualifiedName, Table>,
    /// Views and materialized views. In a declared project they come from `views/*.sql`; a
    /// snapshot keeps them inline.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub views: IndexMap<QualifiedName, View>,
    /// Functions, procedures and aggregates, keyed by name and identity arguments. In a declared
    /// project they come from `functions/*.sql`; a snapshot keeps them inline.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub functions: IndexMap<RoutineKey, Function>,
    /// Triggers per table or view, by trigger name. Declared in `triggers/*.sql`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub triggers: IndexMap<QualifiedName, IndexMap<String, Trigger>>,
    /// Rewrite rules per table or view, by rule name. Declared in `rules/*.sql`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub rules: IndexMap<QualifiedName, IndexMap<String, Rule>>,
    /// Event triggers (database-wide), by name; see `kinds::event_trigger`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub event_triggers: IndexMap<String, EventTrigger>,
    /// Publications (database-wide), a list in schema.yaml; see `kinds::publication`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publications: Vec<crate::kinds::publication::Publication>,
    /// Foreign servers (database-wide), a list in schema.yaml; see `kinds::foreign`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foreign_servers: Vec<crate::kinds::foreign::ForeignServer>,
    /// Objects `check` leaves out (not part of the schema itself).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<IgnoreRule>,
    /// What the database holds that the model does not cover (see `inventory`): read from
    /// databases and kept in snapshots, never declared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unsupported: Vec<Unsupported>,
    /// Privileges on schemas (`{billing: {app_ro: [usage]}}`); a schema not listed keeps its
    /// built-in default (see `kinds::privilege`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub schema_grants: IndexMap<String, Grants>,
    /// Privileges on views and materialized views (their bodies live in `views/*.sql`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub view_grants: IndexMap<QualifiedName, Grants>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub sequence_grants: IndexMap<QualifiedName, Grants>,
    /// Column privileges on views and materialized views: view -> column -> grants.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub view_column_grants: IndexMap<QualifiedName, IndexMap<String, Grants>>,
    /// Privileges on functions, procedures and aggregates, keyed by signature as the function
    /// kind names it (`app.touch()`, `f(integer, text)`). A routine not listed keeps the
    /// built-in default, `EXECUTE` to `PUBLIC`; `{}` revokes it.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub function_grants: IndexMap<crate::kinds::function::RoutineKey, Grants>,
    /// Privileges on types (enums, domains, composite and range types), keyed by qualified type
    /// name. A type not listed keeps the built-in default, `USAGE` to `PUBLIC`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub type_grants: IndexMap<QualifiedName, Grants>,
    /// `ALTER DEFAULT PRIVILEGES FOR ROLE ... [IN SCHEMA ...]` entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub default_privileges: Vec<DefaultPrivilege>,
    /// The default owner of every object of the project (`ALTER ... OWNER TO`); compared and
    /// planned only with `--owners` (see `kinds::owner`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Owners that differ from `owner`, keyed `<kind> <name>`: `table audit_log`,
    /// `schema billing`, `function app.touch()`, `type mood` (see `kinds::owner`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub owners: IndexMap<String, String>,
    /// `pgdrift lint` configuration (not part of the schema itself, like `ignore`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lint: Option<crate::lint::config::LintSection>,
}

pub use crate::kinds::policy::{Policy, PolicyCommand};
pub use crate::kinds::privilege::{DefaultPrivilege, Grants};

/// An object the model does not cover, found by the inventory of a database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unsupported {
    /// `function`, `trigger`, `policy`, ... (`inventory::KINDS`).
    pub kind: String,
    /// Unique per kind: `touch()`, `users_touch on users`, `schema billing`.
    pub name: String,
    /// What PostgreSQL prints for it, to tell equal from different.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    /// Schema the extension's objects live in (`public` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Compared only when declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// A comment other than the one `CREATE EXTENSION` gives it (its control file's); `""` for
    /// none at all. Absent: the control file's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sequence {
    /// `smallint`, `integer` or `bigint`.
    #[serde(default = "bigint", rename = "type")]
    pub data_type: String,
    #[serde(default = "one")]
    pub start: i64,
    #[serde(default = "one")]
    pub increment: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_value: Option<i64>,
    #[serde(default = "one")]
    pub cache: i64,
    #[serde(default, skip_serializing_if = "is_false")]
    pub cycle: bool,
    /// `table.column` (or `schema.table.column`) whose drop drops the sequence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owned_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `CREATE UNLOGGED SEQUENCE` (PostgreSQL 15+). A sequence owned by an unlogged table
    /// follows its table and reads `false` (see `kinds::sequence::catalog`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub unlogged: bool,
}

fn bigint() -> String {
    "bigint".to_string()
}
fn one() -> i64 {
    1
}

impl Default for Sequence {
    fn default() -> Self {
        Sequence {
            data_type: bigint(),
            start: 1,
            increment: 1,
            min_value: None,
            max_value: None,
            cache: 1,
            cycle: false,
            owned_by: None,
            comment: None,
            unlogged: false,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// A foreign table: its server and options (see `kinds::foreign::table`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign: Option<crate::kinds::foreign::ForeignTable>,
    /// The partitioned table this table is a partition of; its columns come from that parent
    /// (see `kinds::table::shape`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_of: Option<QualifiedName>,
    /// A partition's bound as `pg_get_expr(relpartbound)` prints it: `FOR VALUES FROM ('a') TO
    /// ('b')`, `FOR VALUES IN (1, 2)`, `FOR VALUES WITH (modulus 4, remainder 0)` or `DEFAULT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bounds: Option<String>,
    /// `PARTITION BY` of a partitioned table, as `pg_get_partkeydef` prints it: `RANGE (at)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_by: Option<String>,
    /// Parents of table inheritance (`INHERITS (...)`), in order; their columns are not repeated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inherits: Vec<QualifiedName>,
    /// An inheritance child's columns that come from its parents but sit after its own (a
    /// column added to a parent after the child existed), in their order (see
    /// `kinds::table::column_order`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inherited_last: Vec<String>,
    /// `CREATE UNLOGGED TABLE`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unlogged: bool,
    /// Storage parameters (`WITH (fillfactor = 70)`): `{fillfactor: 70}`.
    #[serde(
        default,
        skip_serializing_if = "IndexMap::is_empty",
        deserialize_with = "crate::kinds::table::shape::options_map"
    )]
    pub with: IndexMap<String, String>,
    /// `TABLESPACE name`; absent: the database's default (see `kinds::table::relopts`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tablespace: Option<String>,
    /// `REPLICA IDENTITY FULL | NOTHING | USING INDEX name`; absent: `DEFAULT` (the primary key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replica_identity: Option<crate::kinds::table::relopts::ReplicaIdentity>,
    /// `CLUSTER ON index`: the index a bare `CLUSTER table` orders the rows by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_on: Option<String>,
    /// Column order is part of the schema: `SELECT *` and a rebuilt table depend on it. A
    /// partition declares none (its parent's are its own).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub columns: IndexMap<String, Column>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<PrimaryKey>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub unique: IndexMap<String, UniqueConstraint>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub checks: IndexMap<String, Check>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub foreign_keys: IndexMap<String, ForeignKey>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub exclusions: IndexMap<String, Exclusion>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub indexes: IndexMap<String, Index>,
    /// Extended statistics on the table (`CREATE STATISTICS`), by name (see `kinds::statistics`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub statistics: IndexMap<String, crate::kinds::statistics::Statistics>,
    /// Explicit rename: the table used to be called this (same schema).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// `ALTER TABLE ... ENABLE ROW LEVEL SECURITY`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub row_level_security: bool,
    /// `ALTER TABLE ... FORCE ROW LEVEL SECURITY` (the owner is subject to the policies too).
    #[serde(default, skip_serializing_if = "is_false")]
    pub force_row_level_security: bool,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub policies: IndexMap<String, Policy>,
    /// Privileges on the table: `{app_ro: [select]}`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub grants: Grants,
    /// Privileges on single columns: `{mail: {app_ro: [update]}}`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub column_grants: IndexMap<String, Grants>,
    /// Live only (PostgreSQL 18 on): the names of the columns' `NOT NULL` constraints, for the
    /// renames a plan makes; a name that is not PostgreSQL's default is also the column's
    /// `not_null_name` (see `kinds::column::not_null`).
    #[serde(skip)]
    pub not_null_names: NotNullNames,
    /// Live only: a partition's copies of its parent's keys, checks and indexes, which a plan
    /// that detaches it drops (see `kinds::table::detach`).
    #[serde(skip)]
    pub partition_members: crate::kinds::table::detach::PartitionMembers,
}

/// A view or materialized view.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    #[serde(default, skip_serializing_if = "is_false")]
    pub materialized: bool,
    /// The query after `AS`, as `pg_get_viewdef(oid, true)` prints it once normalized.
    pub definition: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Indexes on a materialized view.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub indexes: IndexMap<String, Index>,
    /// Comments on output columns (`COMMENT ON COLUMN view.column`), by column name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub column_comments: IndexMap<String, String>,
    /// Relations this view reads, from `pg_depend` (derived, never written by hand).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<QualifiedName>,
    /// A view's options (`security_barrier`, `security_invoker`, `check_option`: `WITH
    /// CHECK OPTION` is `check_option: cascaded`) or a materialized view's storage parameters,
    /// as `CREATE … VIEW name WITH (…)` sets them.
    #[serde(
        default,
        skip_serializing_if = "IndexMap::is_empty",
        deserialize_with = "crate::kinds::table::shape::options_map"
    )]
    pub with: IndexMap<String, String>,
    /// A materialized view's `TABLESPACE name`; absent: the database's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tablespace: Option<String>,
    /// A materialized view's `REPLICA IDENTITY` (see `Table::replica_identity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replica_identity: Option<crate::kinds::table::relopts::ReplicaIdentity>,
    /// A materialized view's clustered index (`ALTER MATERIALIZED VIEW … CLUSTER ON`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_on: Option<String>,
}

/// Leaves objects out of `check`: `{kind: table, name: "alembic_*", reason: "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreRule {
    /// `table`, `view`, `column`, `index`, `constraint`, `sequence`, `enum`, `extension` or `*`.
    #[serde(default = "any_kind")]
    pub kind: String,
    /// A glob on the object's display name (`*` and `?`), e.g. `alembic_version`, `audit.*`,
    /// `genes.legacy_*` for columns.
    pub name: String,
    pub reason: String,
}

fn any_kind() -> String {
    "*".to_string()
}

impl IgnoreRule {
    /// `--ignore KIND:PATTERN=REASON` (no `KIND:` means any kind); the error is the message.
    pub fn parse_cli(rule: &str) -> Result<IgnoreRule, String> {
        let (target, reason) = rule.split_once('=').ok_or_else(|| {
            format!("--ignore '{rule}': expected KIND:PATTERN=REASON, e.g. 'table:alembic_version=managed by alembic'")
        })?;
        let (kind, name) = match target.split_once(':') {
            Some((k, n)) => (k.trim().to_string(), n.trim().to_string()),
            None => ("*".to_string(), target.trim().to_string()),
        };
        if reason.trim().is_empty() || name.is_empty() {
            return Err(format!(
                "--ignore '{rule}': both a pattern and a reason are required"
            ));
        }
        Ok(IgnoreRule {
            kind,
            name,
            reason: reason.trim().to_string(),
        })
    }
}

impl Schema {
    /// Every relation name (tables, views) that a foreign key or view may reference.
    pub fn has_relation(&self, name: &QualifiedName) -> bool {
        self.tables.contains_key(name) || self.views.contains_key(name)
    }

    /// A copy with only the tables, views, routines and triggers `keep` accepts. What is left
    /// out is never cloned (it is set aside while the rest is): at 20,000 tables a copy of the
    /// whole model, to be cut down afterwards, is hundreds of MB.
    pub fn clone_only(&mut self, keep: &Only<'_>) -> Schema {
        let tables = std::mem::take(&mut self.tables);
        let views = std::mem::take(&mut self.views);
        let functions = std::mem::take(&mut self.functions);
        let triggers = std::mem::take(&mut self.triggers);
        let mut out = self.clone();
        out.tables = kept(&tables, keep.tables);
        out.views = kept(&views, keep.views);
        out.functions = kept(&functions, keep.functions);
        out.triggers = kept(&triggers, keep.triggers);
        (self.tables, self.views) = (tables, views);
        (self.functions, self.triggers) = (functions, triggers);
        out
    }
}

/// What [`Schema::clone_only`] copies.
pub struct Only<'a> {
    pub tables: &'a dyn Fn(&QualifiedName) -> bool,
    pub views: &'a dyn Fn(&QualifiedName) -> bool,
    pub functions: &'a dyn Fn(&RoutineKey) -> bool,
    pub triggers: &'a dyn Fn(&QualifiedName) -> bool,
}

fn kept<K: Clone + std::hash::Hash + Eq, V: Clone>(
    map: &IndexMap<K, V>,
    keep: &dyn Fn(&K) -> bool,
) -> IndexMap<K, V> {
    let kept = map.iter().filter(|(k, _)| keep(k));
    kept.map(|(k, v)| (k.clone(), v.clone())).collect()
}
