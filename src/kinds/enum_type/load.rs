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
    for q in schema.enum_comments.keys() {
        if !schema.enums.contains_key(q) {
            let key = ObjectKey::Grants(format!("enum_comments {q}"));
            cx.at(&key, format!("`enum_comments` names `{q}`, which is not a declared enum (declare it under `enums:`)"));
        }
    }
}
