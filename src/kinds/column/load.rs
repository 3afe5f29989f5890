//! Declared columns: attributes that cannot go together.

use crate::load::{serial_kind, Cx, ObjectKey};
use crate::model::{Column, QualifiedName};

pub(crate) fn check_column(cx: &mut Cx, tq: &QualifiedName, cname: &str, col: &Column) {
    let key = ObjectKey::Column(tq.clone(), cname.to_string());
    if col.identity.is_some() && col.default.is_some() {
        cx.at(
            &key,
            "a column cannot have both `identity` and `default`".into(),
        );
    }
    if col.identity.is_some() && col.generated.is_some() {
        cx.at(
            &key,
            "a column cannot have both `identity` and `generated`".into(),
        );
    }
    if col.generated.is_some() && col.default.is_some() {
        cx.at(
            &key,
            "a column cannot have both `generated` and `default`".into(),
        );
    }
    if col.identity.is_some()
        && !["smallint", "integer", "bigint"].contains(&col.data_type.as_str())
        && serial_kind(&col.data_type).is_none()
    {
        cx.at(
            &key,
            format!(
                "an identity column must be smallint, integer or bigint, not `{}`",
                col.data_type
            ),
        );
    }
    if col.identity.is_some() {
        check_identity_options(cx, &key, tq, cname, col);
    }
    if col.nullable && col.not_null_name.is_some() {
        cx.at(
            &key,
            "`not_null_name` names the NOT NULL constraint: it needs `nullable: false`".into(),
        );
    }
    if col.not_null_name.as_deref().is_some_and(str::is_empty) {
        cx.at(&key, "`not_null_name` is empty".into());
    }
    if col.renamed_from.as_deref() == Some(cname) {
        cx.at(&key, "`renamed_from` names the column itself".into());
    }
}

/// The identity sequence's options, as `CREATE SEQUENCE` would check them.
fn check_identity_options(
    cx: &mut Cx,
    key: &ObjectKey,
    tq: &QualifiedName,
    cname: &str,
    col: &Column,
) {
    if col.identity_options.increment == Some(0) {
        cx.at(key, "the identity's `increment` must not be 0".into());
        return;
    }
    let e = super::identity::effective(tq, cname, col);
    if e.min_value > e.max_value {
        let msg = format!(
            "the identity's min value {} is greater than its max value {}",
            e.min_value, e.max_value
        );
        cx.at(key, msg);
    } else if e.start < e.min_value || e.start > e.max_value {
        let msg = format!(
            "the identity's start {} is outside {}..{}",
            e.start, e.min_value, e.max_value
        );
        cx.at(key, msg);
    }
    if e.cache < 1 {
        cx.at(key, "the identity's `cache` must be at least 1".into());
    }
    if e.sequence.is_empty() {
        cx.at(key, "the identity's `sequence` is empty".into());
    }
}
