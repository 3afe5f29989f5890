//! statistics catalog: the extended statistics of the selected tables, in one query.
//!
//! Only statistics objects whose own schema is selected are read (pg_dump dumps them by their
//! own schema too); those on relations the model does not hold (materialized views, foreign
//! tables, tables of schemas not selected) stay with the inventory as `unsupported`.

use tokio_postgres::Row;

use super::{Statistics, StatisticsKind};
use crate::introspect::{get, unexpected, CatalogQuery, IntrospectError, ReadCx};

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: Q,
    sql: QUERY,
    takes_schemas: true,
    read,
};

const Q: &str = "statistics";

/// Columns: table oid, name, schema, kinds (letters), the `ON` list as PostgreSQL prints it
/// (columns in attribute order, then expressions), target (NULL for the default: -1 before
/// PostgreSQL 17, NULL from 17 on), comment.
const QUERY: &str = concat!(
    rel_cte!(),
    "SELECT x.stxrelid, x.stxname::text, sn.nspname::text, x.stxkind::text[],
  pg_get_statisticsobjdef_columns(x.oid), NULLIF(x.stxstattarget::int, -1),
  obj_description(x.oid, 'pg_statistic_ext')
FROM rel
JOIN pg_statistic_ext x ON x.stxrelid = rel.oid
JOIN pg_namespace sn ON sn.oid = x.stxnamespace
WHERE rel.relkind IN ('r', 'p') AND ",
    user_schema!("sn"),
    " AND ",
    not_extension_member!("pg_statistic_ext", "x.oid"),
    "
ORDER BY x.stxrelid, x.stxname"
);

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    for row in rows {
        let oid: u32 = get(row, 0, Q, "a statistics object")?;
        let name: String = get(row, 1, Q, "a statistics object")?;
        let Some((table_name, table)) = cx.tables.get_mut(&oid) else {
            continue;
        };
        let obj = format!("statistics {name} on {}", table_name.display_name());
        let schema: String = get(row, 2, Q, &obj)?;
        let letters: Vec<String> = get(row, 3, Q, &obj)?;
        let kinds: Vec<StatisticsKind> = letters
            .iter()
            .filter(|l| l.as_str() != "e")
            .map(|l| {
                StatisticsKind::from_catalog(l)
                    .ok_or_else(|| unexpected(Q, &obj, &format!("stxkind `{l}`")))
            })
            .collect::<Result<_, _>>()?;
        let on: Option<String> = get(row, 4, Q, &obj)?;
        let on = on.ok_or_else(|| unexpected(Q, &obj, "no column list"))?;
        let stats = Statistics {
            columns: crate::load::sql::split_top_level(&on),
            // A single expression has no kinds of its own (`e` only): none, as declared.
            kinds: Statistics::canonical_kinds(&kinds),
            schema: (schema != table_name.schema).then_some(schema),
            target: get(row, 5, Q, &obj)?,
            comment: get(row, 6, Q, &obj)?,
            renamed_from: None,
        };
        table.statistics.insert(name, stats);
    }
    Ok(())
}
