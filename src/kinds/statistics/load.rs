//! Declared statistics: what PostgreSQL would refuse, reported at the declaration with the
//! other problems of the file instead of as a failure in the scratch database.

use std::collections::HashMap;

use crate::kinds::index::load::element_column;
use crate::load::validate::{missing_column, renamed_self};
use crate::load::{Cx, ObjectKey};
use crate::model::{QualifiedName, Schema, Table};

/// PostgreSQL's largest statistics target (`-1` is the default).
const MAX_TARGET: i32 = 10000;

fn bad_target(t: Option<i32>) -> bool {
    t.is_some_and(|n| !(-1..=MAX_TARGET).contains(&n))
}

/// The statistics objects and column targets of one table; `table` carries the columns it
/// inherits, which statistics may name.
pub(crate) fn validate(cx: &mut Cx, tq: &QualifiedName, table: &Table) {
    for (name, col) in &table.columns {
        if bad_target(col.statistics_target) {
            let msg = format!("`statistics_target` must be between -1 and {MAX_TARGET}");
            cx.at(&ObjectKey::Column(tq.clone(), name.clone()), msg);
        }
        for msg in super::attribute_options::problems(&col.attribute_options) {
            cx.at(&ObjectKey::Column(tq.clone(), name.clone()), msg);
        }
    }
    for (name, s) in &table.statistics {
        let key = ObjectKey::Statistics(tq.clone(), name.clone());
        renamed_self(cx, &key, name, &s.renamed_from);
        if s.columns.iter().any(|c| c.trim().is_empty()) || s.columns.is_empty() {
            cx.at(
                &key,
                "`columns` needs columns or expressions, none empty".into(),
            );
        }
        let plain: Vec<String> = s.columns.iter().filter_map(|c| element_column(c)).collect();
        for col in &plain {
            if !table.columns.contains_key(col) {
                let msg = missing_column("statistics", col, tq, table)
                    + " (entries are SQL: quote capitals, e.g. `\"Zip\"`)";
                cx.at(&key, msg);
            }
        }
        if s.columns.len() == 1 && plain.len() == 1 {
            let msg = "statistics on one column need a second column or an expression (PostgreSQL keeps per-column statistics itself)";
            cx.at(&key, msg.into());
        }
        if s.columns.len() == 1 && plain.is_empty() && !s.kinds.is_empty() {
            let msg = "statistics on a single expression take no `kinds`";
            cx.at(&key, msg.into());
        }
        if bad_target(s.target) {
            cx.at(
                &key,
                format!("`target` must be between -1 and {MAX_TARGET}"),
            );
        }
    }
}

/// Statistics names are unique per schema: two declared objects with one name would fail.
pub(crate) fn validate_names(schema: &Schema, cx: &mut Cx) {
    let mut seen: HashMap<QualifiedName, ObjectKey> = HashMap::new();
    for (tq, table) in &schema.tables {
        for (name, s) in &table.statistics {
            let q = super::ddl::stats_name(tq, name, s);
            let key = ObjectKey::Statistics(tq.clone(), name.clone());
            if let Some(other) = seen.get(&q) {
                let msg = format!(
                    "the statistics name `{name}` is already used by {other} in schema `{}`",
                    q.schema
                );
                cx.at(&key, msg);
            } else {
                seen.insert(q, key);
            }
        }
    }
}
