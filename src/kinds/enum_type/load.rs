//! Declared enums: each label once. An enum may have no label yet (`AS ENUM ()`, labels added
//! later with `ALTER TYPE … ADD VALUE`), as PostgreSQL allows.

use std::collections::HashSet;

use crate::load::{Cx, ObjectKey};
use crate::model::Schema;

pub(crate) fn validate(schema: &Schema, cx: &mut Cx) {
    for (q, values) in &schema.enums {
        let key = ObjectKey::Enum(q.clone());
        let mut seen = HashSet::new();
        for v in values {
            if !seen.insert(v) {
                cx.at(&key, format!("value `{v}` is listed twice"));
            }
        }
    }
}
