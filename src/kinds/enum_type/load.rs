//! Declared enums: at least one label, each label once.

use std::collections::HashSet;

use crate::load::{Cx, ObjectKey};
use crate::model::Schema;

pub(crate) fn validate(schema: &Schema, cx: &mut Cx) {
    for (q, values) in &schema.enums {
        let key = ObjectKey::Enum(q.clone());
        if values.is_empty() {
            cx.at(&key, "an enum needs at least one value".into());
        }
        let mut seen = HashSet::new();
        for v in values {
            if !seen.insert(v) {
                cx.at(&key, format!("value `{v}` is listed twice"));
            }
        }
    }
}
