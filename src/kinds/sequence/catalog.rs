//! sequence catalog: free-standing sequences with their options; identity sequences belong to their column.

use tokio_postgres::Row;

use crate::introspect::{display_part, get, CatalogQuery, IntrospectError, ReadCx};
use crate::model::{QualifiedName, Sequence};

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: "sequences",
    sql: Q_SEQUENCES,
    takes_schemas: true,
    read,
};

const Q_SEQUENCES: &str = concat!(
    "SELECT n.nspname::text, c.relname::text, format_type(s.seqtypid, NULL),
  s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
  own.nspname::text, own.relname::text, own.attname::text,
  obj_description(c.oid, 'pg_class'),
  -- UNLOGGED (PostgreSQL 15+), unless owned by an unlogged table: such a sequence follows its
  -- table (ALTER TABLE SET LOGGED/UNLOGGED changes both), so it is the table's attribute.
  c.relpersistence = 'u' AND NOT EXISTS (SELECT 1 FROM pg_depend od
    JOIN pg_class ot ON ot.oid = od.refobjid WHERE od.classid = 'pg_class'::regclass
    AND od.objid = c.oid AND od.deptype IN ('a', 'i') AND ot.relpersistence = 'u')
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN LATERAL (
  SELECT tn.nspname, tc.relname, a.attname
  FROM pg_depend d
  JOIN pg_class tc ON tc.oid = d.refobjid
  JOIN pg_namespace tn ON tn.oid = tc.relnamespace
  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
    AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype = 'a'
  LIMIT 1
) own ON true
WHERE ",
    user_schema!("n"),
    "
  AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_class'::regclass
                  AND xd.objid = c.oid AND xd.deptype IN ('e', 'i'))
ORDER BY n.nspname, c.relname"
);

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    for row in rows {
        let (qn, seq) = sequence_from_row(row)?;
        cx.out.sequences.insert(qn, seq);
    }
    cx.out.sequences.sort_keys();
    Ok(())
}

fn sequence_from_row(row: &Row) -> Result<(QualifiedName, Sequence), IntrospectError> {
    const Q: &str = "sequences";
    let qn = QualifiedName::new(
        get::<String>(row, 0, Q, "a sequence")?,
        get::<String>(row, 1, Q, "a sequence")?,
    );
    let obj = qn.display_name();
    let data_type: String = get(row, 2, Q, &obj)?;
    let increment: i64 = get(row, 4, Q, &obj)?;
    let min: i64 = get(row, 5, Q, &obj)?;
    let max: i64 = get(row, 6, Q, &obj)?;
    let (type_min, type_max) = match data_type.as_str() {
        "smallint" => (i16::MIN as i64, i16::MAX as i64),
        "integer" => (i32::MIN as i64, i32::MAX as i64),
        _ => (i64::MIN, i64::MAX),
    };
    // PostgreSQL's defaults: ascending 1..type max, descending type min..-1.
    let (default_min, default_max) = if increment > 0 {
        (1, type_max)
    } else {
        (type_min, -1)
    };
    let owner_schema: Option<String> = get(row, 9, Q, &obj)?;
    let owner_table: Option<String> = get(row, 10, Q, &obj)?;
    let owner_column: Option<String> = get(row, 11, Q, &obj)?;
    let owned_by = match (owner_schema, owner_table, owner_column) {
        (Some(s), Some(t), Some(c)) => Some(format!(
            "{}.{}",
            QualifiedName::new(s, t).display_name(),
            display_part(&c)
        )),
        _ => None,
    };
    let seq = Sequence {
        data_type,
        start: get(row, 3, Q, &obj)?,
        increment,
        min_value: (min != default_min).then_some(min),
        max_value: (max != default_max).then_some(max),
        cache: get(row, 7, Q, &obj)?,
        cycle: get(row, 8, Q, &obj)?,
        owned_by,
        comment: get(row, 12, Q, &obj)?,
        unlogged: get(row, 13, Q, &obj)?,
    };
    Ok((qn, seq))
}
