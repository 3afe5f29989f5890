//! Declared composite types: attribute types canonicalized like column types.

use crate::kinds::domain::load::canonical;
use crate::load::{Cx, ObjectKey};
use crate::model::{QualifiedName, Schema};
use crate::types::Known;

pub(crate) fn resolve(
    schema: &mut Schema,
    cx: &mut Cx,
    user_types: &[QualifiedName],
    allow_ext: bool,
    known: &Known,
) {
    for (q, t) in schema.types.iter_mut() {
        let key = ObjectKey::UserType("type", q.clone());
        for (name, a) in t.attributes.iter_mut() {
            let what = format!("attribute `{name}`");
            let t = &mut a.data_type;
            canonical(t, &key, &what, cx, user_types, allow_ext, known);
        }
        for name in t.attribute_comments.keys() {
            if !t.attributes.contains_key(name) {
                let msg = format!("attribute_comments names `{name}`, which is no attribute");
                cx.at(&key, msg);
            }
        }
    }
}
