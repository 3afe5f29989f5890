//! Declared collations: a known provider, and a locale (or, for libc, `lc_collate` and
//! `lc_ctype`).

use super::PROVIDERS;
use crate::load::{Cx, ObjectKey};
use crate::model::Schema;

pub(crate) fn validate(schema: &Schema, cx: &mut Cx) {
    for (q, c) in &schema.collations {
        let key = ObjectKey::UserType("collation", q.clone());
        if !PROVIDERS.contains(&c.provider.as_str()) {
            let msg = format!(
                "unknown provider `{}`; use one of {}",
                c.provider,
                PROVIDERS.join(", ")
            );
            cx.at(&key, msg);
        }
        let libc_split = c.lc_collate.is_some() || c.lc_ctype.is_some();
        if c.locale.is_none() && !libc_split {
            let msg = "give a `locale` (or, for libc, `lc_collate` and `lc_ctype`)";
            cx.at(&key, msg.into());
        }
        if libc_split && (c.provider != "libc" || c.locale.is_some()) {
            let msg = "`lc_collate`/`lc_ctype` are for provider libc, instead of `locale`";
            cx.at(&key, msg.into());
        }
    }
}
