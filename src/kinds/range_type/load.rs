//! Declared range types: the subtype canonicalized like a column type.

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
    for (q, r) in schema.ranges.iter_mut() {
        let key = ObjectKey::UserType("range", q.clone());
        let t = &mut r.subtype;
        canonical(t, &key, "subtype", cx, user_types, allow_ext, known);
    }
}
