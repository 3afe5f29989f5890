//! trigger: one batched query for the triggers of every selected table and view.
//!
//! Left out: internal triggers (foreign keys, deferred uniqueness), clones a partitioned
//! table's trigger makes on its partitions (`tgparentid <> 0`; pg_dump skips them too), triggers
//! of partitions and extension members (the model does not hold those relations; the inventory
//! reports triggers on partitions as `unsupported`).

use tokio_postgres::types::FromSql;
use tokio_postgres::Row;

use super::{Trigger, TriggerEnabled};
use crate::introspect::{CatalogQuery, IntrospectError, ReadCx};
use crate::kinds::function::catalog::trim_definition;
use crate::kinds::function::RoutineKey;
use crate::model::{QualifiedName, Schema};

const Q: &str = "triggers";

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: Q,
    sql: QUERY,
    takes_schemas: true,
    read: read_into,
};

fn read_into(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    read(rows, &mut cx.out)
}

/// `$1` is the list of selected schemas. Columns: schema, relation, trigger, definition,
/// tgenabled, comment, function schema, function name, function identity arguments.
pub const QUERY: &str = "\
SELECT n.nspname::text, c.relname::text, t.tgname::text, pg_get_triggerdef(t.oid, false),
  t.tgenabled::text, obj_description(t.oid, 'pg_trigger'),
  fn.nspname::text, fp.proname::text, oidvectortypes(fp.proargtypes)
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_proc fp ON fp.oid = t.tgfoid
JOIN pg_namespace fn ON fn.oid = fp.pronamespace
WHERE n.nspname = ANY($1) AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
  AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition
  AND NOT t.tgisinternal AND t.tgparentid = 0
  AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_class'::regclass
                  AND xd.objid = c.oid AND xd.deptype = 'e')
ORDER BY n.nspname, c.relname, t.tgname";

fn get<'a, T: FromSql<'a>>(row: &'a Row, idx: usize, object: &str) -> Result<T, IntrospectError> {
    row.try_get(idx).map_err(|e| IntrospectError::Unexpected {
        query: Q,
        object: object.to_string(),
        detail: format!("column {idx}: {e}"),
    })
}

/// Fills `out.triggers` from the rows of [`QUERY`].
pub fn read(rows: &[Row], out: &mut Schema) -> Result<(), IntrospectError> {
    for row in rows {
        let table = QualifiedName::new(
            get::<String>(row, 0, "a trigger")?,
            get::<String>(row, 1, "a trigger")?,
        );
        let name: String = get(row, 2, "a trigger")?;
        let obj = format!("trigger {name} on {table}");
        let code: String = get(row, 4, &obj)?;
        let enabled =
            TriggerEnabled::from_catalog(&code).ok_or_else(|| IntrospectError::Unexpected {
                query: Q,
                object: obj.clone(),
                detail: format!("tgenabled `{code}`"),
            })?;
        let function = RoutineKey::new(
            QualifiedName::new(get::<String>(row, 6, &obj)?, get::<String>(row, 7, &obj)?),
            get::<String>(row, 8, &obj)?,
        );
        let trigger = Trigger {
            definition: trim_definition(&get::<String>(row, 3, &obj)?),
            enabled,
            comment: get(row, 5, &obj)?,
            function: Some(function),
        };
        out.triggers.entry(table).or_default().insert(name, trigger);
    }
    out.triggers.sort_keys();
    for t in out.triggers.values_mut() {
        t.sort_keys();
    }
    Ok(())
}
