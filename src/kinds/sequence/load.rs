//! Declared sequences: an integer type, a non-zero increment, an owner column that exists.

use crate::load::{split_owned_by, Cx, ObjectKey};
use crate::model::Schema;
use crate::types;

/// Canonical type names (`int8` -> `bigint`); only the three integer types are allowed.
pub(crate) fn resolve_types(schema: &mut Schema, cx: &mut Cx) {
    for (q, s) in schema.sequences.iter_mut() {
        let key = ObjectKey::Sequence(q.clone());
        match types::canonical_type(&s.data_type, &[]) {
            Ok(t) if ["smallint", "integer", "bigint"].contains(&t.as_str()) => s.data_type = t,
            Ok(t) => cx.at(
                &key,
                format!("sequence type must be smallint, integer or bigint, not `{t}`"),
            ),
            Err(e) => cx.at(&key, e),
        }
    }
}

pub(crate) fn validate(schema: &Schema, cx: &mut Cx) {
    for (sq, seq) in &schema.sequences {
        let key = ObjectKey::Sequence(sq.clone());
        if let Some(owner) = &seq.owned_by {
            let problem = match split_owned_by(owner) {
                Some((tq, col)) => match schema.tables.get(&tq) {
                    Some(t) if t.columns.contains_key(&col) => None,
                    Some(_) => Some(format!(
                        "`owned_by: {owner}` names column `{col}`, which table `{tq}` does not have"
                    )),
                    None => Some(format!(
                        "`owned_by: {owner}` names table `{tq}`, which is not declared"
                    )),
                },
                None => Some(format!(
                    "`owned_by: {owner}` should be `table.column` or `schema.table.column`"
                )),
            };
            if let Some(msg) = problem {
                cx.at(&key, msg);
            }
        }
        if seq.increment == 0 {
            cx.at(&key, "`increment` must not be zero".into());
        }
    }
}
