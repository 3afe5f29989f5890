//! owner SQL: `ALTER <kind> <name> OWNER TO <role>`.

use crate::model::quote_ident;

/// `ALTER TABLE "public"."t" OWNER TO "app"`; `target` is [`super::Owned::target`].
pub fn alter_owner(target: &str, role: &str) -> String {
    format!("ALTER {target} OWNER TO {}", quote_ident(role))
}
