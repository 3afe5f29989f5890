//! event trigger catalog: `pg_event_trigger` (database-wide), leaving out those an extension
//! owns. The function comes back schema-qualified, tags upper case (see
//! `super::canonical`).

use tokio_postgres::Row;

use super::{canonical_function, canonical_tags, EventTrigger};
use crate::introspect::{get, unexpected, CatalogQuery, IntrospectError, ReadCx};
use crate::kinds::trigger::TriggerEnabled;

const Q: &str = "event triggers";

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: Q,
    sql: QUERY,
    takes_schemas: false,
    read,
};

/// Columns: name, event, tags (NULL when none), function schema, function name, evtenabled,
/// comment.
const QUERY: &str = concat!(
    "SELECT e.evtname::text, e.evtevent::text, e.evttags::text[], fn.nspname::text,
  fp.proname::text, e.evtenabled::text, obj_description(e.oid, 'pg_event_trigger')
FROM pg_event_trigger e
JOIN pg_proc fp ON fp.oid = e.evtfoid
JOIN pg_namespace fn ON fn.oid = fp.pronamespace
WHERE ",
    not_extension_member!("pg_event_trigger", "e.oid"),
    "
ORDER BY e.evtname"
);

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    for row in rows {
        let name: String = get(row, 0, Q, "an event trigger")?;
        let obj = format!("event trigger {name}");
        let event: String = get(row, 1, Q, &obj)?;
        let tags: Option<Vec<String>> = get(row, 2, Q, &obj)?;
        let fschema: String = get(row, 3, Q, &obj)?;
        let fname: String = get(row, 4, Q, &obj)?;
        let code: String = get(row, 5, Q, &obj)?;
        let enabled = TriggerEnabled::from_catalog(&code)
            .ok_or_else(|| unexpected(Q, &obj, &format!("evtenabled `{code}`")))?;
        let trigger = EventTrigger {
            event,
            tags: canonical_tags(&tags.unwrap_or_default()),
            function: canonical_function(&fschema, &fname),
            enabled,
            comment: get(row, 6, Q, &obj)?,
        };
        cx.out.event_triggers.insert(name, trigger);
    }
    cx.out.event_triggers.sort_keys();
    Ok(())
}
