//! Rewrite rules (`CREATE RULE`): `pg_rewrite` rows other than a view's `_RETURN`, on tables
//! (partitions and partitioned tables too) and views. Older schemas use them for updatable views
//! (`ON INSERT TO v DO INSTEAD INSERT INTO t …`), append-only tables (`ON DELETE … DO INSTEAD
//! NOTHING`) and notifications (`DO ALSO NOTIFY …`).
//!
//! Compared as `pg_get_ruledef` prints them (the declared text is created in the scratch database
//! and read back, so any spelling PostgreSQL accepts compares equal), plus the enabled state
//! (`ev_enabled`, which the deparser leaves out; PostgreSQL only lets tables change it) and the
//! comment. Declared as SQL in `rules/*.sql` (see `load` and docs/schema-format.md).
//!
//! `catalog` reads them, `load` parses the files, `normalize` creates them in the scratch
//! database, `diff` compares, `ddl` emits SQL, `plan` orders the steps, `write` is `inspect`'s.

pub mod catalog;
pub mod ddl;
pub mod diff;
pub mod load;
pub mod normalize;
pub mod plan;
pub mod write;

use serde::{Deserialize, Serialize};

use crate::kinds::function::RoutineKey;
use crate::kinds::trigger::TriggerEnabled;
use crate::model::QualifiedName;

/// One rule of a table or view.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The whole `CREATE RULE` statement without `;`: `pg_get_ruledef` once normalized, the
    /// user's text before.
    pub definition: String,
    /// `ev_enabled`: the same four states as a trigger's (`ALTER TABLE … DISABLE RULE`).
    #[serde(default, skip_serializing_if = "is_default_enabled")]
    pub enabled: TriggerEnabled,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The other tables and views its condition and actions name (derived from `pg_depend`,
    /// never written by hand): the rule must be dropped before any of them is, and is created
    /// after all of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<QualifiedName>,
    /// The routines it calls (derived from `pg_depend` like `depends_on`): a routine the plan
    /// drops to create anew takes the rule along.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calls: Vec<RoutineKey>,
}

fn is_default_enabled(e: &TriggerEnabled) -> bool {
    *e == TriggerEnabled::Enabled
}

/// What follows `ALTER TABLE t` to set a rule's state: `ENABLE RULE`, `DISABLE RULE`, ...
pub fn enabled_clause(state: TriggerEnabled) -> &'static str {
    match state {
        TriggerEnabled::Enabled => "ENABLE RULE",
        TriggerEnabled::Disabled => "DISABLE RULE",
        TriggerEnabled::Replica => "ENABLE REPLICA RULE",
        TriggerEnabled::Always => "ENABLE ALWAYS RULE",
    }
}
