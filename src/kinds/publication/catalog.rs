//! Publication catalog: `pg_publication`, one row per publication and member table (a
//! publication without tables has one row with NULL member columns), leaving out those an
//! extension owns. Publications are database-wide, so every one is read whatever `--schema`
//! selects.
//!
//! One query text must run on PostgreSQL 14 too, which has no `prattrs`, `prqual` nor
//! `pg_publication_namespace`:
//! - the column list is read through `to_jsonb(pr)` (absent: NULL), as constraints read
//!   `confdelsetcols`;
//! - a schema membership is a `pg_publication_namespace` row, found through its two
//!   `pg_depend` rows (`to_regclass` is NULL on 14, so nothing matches there);
//! - the row filter must go through `pg_get_expr(prqual, prrelid)`, which cannot even be
//!   parsed on 14: it runs as dynamic SQL in `query_to_xml` (no libxml needed) on 15+ only,
//!   hex-encoded so the XML escaping cannot alter it.

use tokio_postgres::Row;

use super::{Operation, Publication, PublishedTable};
use crate::introspect::{get, CatalogQuery, IntrospectError, ReadCx};
use crate::model::QualifiedName;

const Q: &str = "publications";

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: Q,
    sql: QUERY,
    takes_schemas: false,
    read,
};

/// Columns: name, all tables, insert, update, delete, truncate, via root, comment, schemas,
/// then the member's schema, table, columns and row filter (NULL when no member).
const QUERY: &str = concat!(
    "SELECT p.pubname::text, p.puballtables, p.pubinsert, p.pubupdate, p.pubdelete,
  p.pubtruncate, p.pubviaroot, obj_description(p.oid, 'pg_publication'),
  ARRAY(SELECT sn.nspname::text FROM pg_depend d1
        JOIN pg_depend d2 ON d2.classid = d1.classid AND d2.objid = d1.objid
         AND d2.refclassid = 'pg_namespace'::regclass
        JOIN pg_namespace sn ON sn.oid = d2.refobjid
        WHERE d1.classid = to_regclass('pg_catalog.pg_publication_namespace')
          AND d1.refclassid = 'pg_publication'::regclass AND d1.refobjid = p.oid
        ORDER BY 1),
  n.nspname::text, c.relname::text,
  ARRAY(SELECT a.attname::text
        FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(to_jsonb(pr) -> 'prattrs') = 'array'
               THEN to_jsonb(pr) -> 'prattrs' END) WITH ORDINALITY k(num, ord)
        JOIN pg_attribute a ON a.attrelid = pr.prrelid AND a.attnum = k.num::int2
        ORDER BY k.ord),
  CASE WHEN pr.oid IS NOT NULL AND current_setting('server_version_num')::int >= 150000 THEN
    convert_from(decode(substring(query_to_xml(format(
      'SELECT encode(convert_to(pg_catalog.pg_get_expr(prqual, prrelid), %L), %L) AS f FROM pg_catalog.pg_publication_rel WHERE oid = %s',
      'UTF8', 'hex', pr.oid), false, true, '')::text FROM '<f>([0-9a-f]*)</f>'), 'hex'), 'UTF8')
  END
FROM pg_publication p
LEFT JOIN pg_publication_rel pr ON pr.prpubid = p.oid
LEFT JOIN pg_class c ON c.oid = pr.prrelid
LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ",
    not_extension_member!("pg_publication", "p.oid"),
    "
ORDER BY p.pubname, n.nspname, c.relname"
);

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    for row in rows {
        let name: String = get(row, 0, Q, "a publication")?;
        let obj = format!("publication {name}");
        if cx.out.publications.last().map(|p| &p.name) != Some(&name) {
            let flags = [2, 3, 4, 5].map(|i| get::<bool>(row, i, Q, &obj));
            let mut publish = Vec::new();
            for (op, flag) in Operation::ALL.into_iter().zip(flags) {
                if flag? {
                    publish.push(op);
                }
            }
            cx.out.publications.push(Publication {
                name: name.clone(),
                all_tables: get(row, 1, Q, &obj)?,
                tables: Vec::new(),
                schemas: get(row, 8, Q, &obj)?,
                publish,
                via_partition_root: get(row, 6, Q, &obj)?,
                comment: get(row, 7, Q, &obj)?,
            });
        }
        let schema: Option<String> = get(row, 9, Q, &obj)?;
        let table: Option<String> = get(row, 10, Q, &obj)?;
        if let (Some(schema), Some(table), Some(p)) =
            (schema, table, cx.out.publications.last_mut())
        {
            p.tables.push(PublishedTable {
                table: QualifiedName::new(&schema, &table),
                columns: get(row, 11, Q, &obj)?,
                filter: get(row, 12, Q, &obj)?,
            });
        }
    }
    Ok(())
}
