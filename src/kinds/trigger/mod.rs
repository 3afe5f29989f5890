//! Triggers on tables and views: compared as `pg_get_triggerdef` prints them, plus the enabled
//! state (which the deparser leaves out) and the comment.
//!
//! Internal triggers (foreign keys) and clones on partitions (`tgparentid <> 0`) are not the
//! user's and are never read. Declared as SQL (`CREATE TRIGGER ...`) in `triggers/*.sql` (or next
//! to their function in `functions/*.sql`); see docs/schema-format.md for why SQL and not YAML.
//!
//! `catalog` reads them, `diff` compares, `ddl` emits SQL; loading, normalization and planning
//! share the routines' modules (`crate::kinds::function`), since a trigger always comes with a
//! function and is ordered after it.

pub mod catalog;
pub mod ddl;
pub mod diff;
pub mod rows;

use serde::{Deserialize, Serialize};

use crate::kinds::function::RoutineKey;

/// `tgenabled`: when the trigger fires, with regard to `session_replication_role`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerEnabled {
    /// `O`: fires in origin and local mode (the default after CREATE TRIGGER).
    #[default]
    Enabled,
    /// `D`: never fires.
    Disabled,
    /// `R`: fires only in replica mode.
    Replica,
    /// `A`: always fires.
    Always,
}

impl TriggerEnabled {
    /// From `pg_trigger.tgenabled`.
    pub fn from_catalog(code: &str) -> Option<Self> {
        match code {
            "O" => Some(TriggerEnabled::Enabled),
            "D" => Some(TriggerEnabled::Disabled),
            "R" => Some(TriggerEnabled::Replica),
            "A" => Some(TriggerEnabled::Always),
            _ => None,
        }
    }

    /// What follows `ALTER TABLE t` to set this state: `ENABLE TRIGGER`, `DISABLE TRIGGER`, ...
    pub fn clause(self) -> &'static str {
        match self {
            TriggerEnabled::Enabled => "ENABLE TRIGGER",
            TriggerEnabled::Disabled => "DISABLE TRIGGER",
            TriggerEnabled::Replica => "ENABLE REPLICA TRIGGER",
            TriggerEnabled::Always => "ENABLE ALWAYS TRIGGER",
        }
    }

    /// The state a `{ENABLE [REPLICA | ALWAYS] | DISABLE}` clause names, reading its words with
    /// `kw` (a statement cursor's "is the next word this one? then take it"); `None` when the
    /// next word is neither ENABLE nor DISABLE.
    pub fn read_clause(mut kw: impl FnMut(&str) -> bool) -> Option<Self> {
        if kw("disable") {
            Some(TriggerEnabled::Disabled)
        } else if !kw("enable") {
            None
        } else if kw("replica") {
            Some(TriggerEnabled::Replica)
        } else if kw("always") {
            Some(TriggerEnabled::Always)
        } else {
            Some(TriggerEnabled::Enabled)
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            TriggerEnabled::Enabled => "enabled",
            TriggerEnabled::Disabled => "disabled",
            TriggerEnabled::Replica => "enabled for replicas only",
            TriggerEnabled::Always => "always enabled",
        }
    }

    fn is_default(&self) -> bool {
        *self == TriggerEnabled::Enabled
    }
}

/// One trigger of a table or view.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    /// The whole `CREATE [CONSTRAINT] TRIGGER` statement without `;`: `pg_get_triggerdef` once
    /// normalized, the user's text before.
    pub definition: String,
    #[serde(default, skip_serializing_if = "TriggerEnabled::is_default")]
    pub enabled: TriggerEnabled,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The function it executes (derived from the catalog, never written by hand): a trigger
    /// is dropped and recreated around a function that must be dropped and recreated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<RoutineKey>,
}

impl Trigger {
    /// Constraint triggers have no `CREATE OR REPLACE`.
    pub fn is_constraint(&self) -> bool {
        let words: Vec<String> = self
            .definition
            .split_whitespace()
            .take(4)
            .map(|w| w.to_ascii_lowercase())
            .collect();
        words.iter().any(|w| w == "constraint")
    }
}
