//! constraint catalog: primary key, unique, check, foreign key and exclusion constraints of the selected tables.

use std::collections::HashMap;

use tokio_postgres::Row;

use crate::introspect::{get, unexpected, CatalogQuery, IntrospectError, ReadCx};
use crate::model::{
    Check, Exclusion, FkAction, ForeignKey, OnDelete, PrimaryKey, QualifiedName, Reference, Table,
    UniqueConstraint,
};

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: "constraints",
    sql: Q_CONSTRAINTS,
    takes_schemas: true,
    read,
};

/// `indnullsnotdistinct` and `confdelsetcols` exist from PostgreSQL 15 on; reading them through
/// to_jsonb keeps the query valid on older servers (where they are simply absent: false, none).
/// A key's INCLUDE columns are its index's columns beyond `indnkeyatts`.
const Q_CONSTRAINTS: &str = concat!(
    rel_cte!(),
    "SELECT con.conrelid, con.conname::text, con.contype::text,
  ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),
  fn.nspname::text, fc.relname::text,
  ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
        JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord),
  con.confdeltype::text, con.confupdtype::text, con.confmatchtype::text,
  con.condeferrable, con.condeferred,
  pg_get_constraintdef(con.oid),
  CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END,
  COALESCE((SELECT (to_jsonb(ix) ->> 'indnullsnotdistinct')::boolean
            FROM pg_index ix WHERE ix.indexrelid = con.conindid), false),
  obj_description(con.oid, 'pg_constraint'),
  con.convalidated,
  con.connoinherit,
  CASE WHEN con.contype IN ('p', 'u', 'x') THEN obj_description(con.conindid, 'pg_class') END,
  CASE WHEN con.contype IN ('p', 'u', 'x') THEN (SELECT ts.spcname::text FROM pg_class ic
    JOIN pg_tablespace ts ON ts.oid = ic.reltablespace WHERE ic.oid = con.conindid) END,
  ARRAY(SELECT a.attname::text FROM pg_index ix
          CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY k(num, ord)
        JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.num
        WHERE ix.indexrelid = con.conindid AND con.contype IN ('p', 'u')
          AND k.ord > ix.indnkeyatts ORDER BY k.ord),
  ARRAY(SELECT a.attname::text
        FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(to_jsonb(con) -> 'confdelsetcols') = 'array'
               THEN to_jsonb(con) -> 'confdelsetcols' END) WITH ORDINALITY k(num, ord)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num::int2 ORDER BY k.ord),
  -- PostgreSQL 18's NOT ENFORCED (absent before: enforced).
  COALESCE((to_jsonb(con) ->> 'conenforced')::boolean, true)
FROM rel
JOIN pg_constraint con ON con.conrelid = rel.oid
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'u', 'c', 'f', 'x')
  -- Clones of a partitioned parent's keys and inherited checks are the parent's.
  AND con.conislocal AND con.conparentid = 0
  -- PostgreSQL 18's temporal keys (WITHOUT OVERLAPS, PERIOD) are the inventory's (unsupported):
  -- read as plain keys they would be rebuilt without their period.
  AND (to_jsonb(con) ->> 'conperiod') IS DISTINCT FROM 'true'
ORDER BY con.conrelid, con.conname"
);

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    for row in rows {
        attach_constraint(row, &mut cx.tables)?;
    }
    Ok(())
}

fn fk_action(code: &str, obj: &str) -> Result<FkAction, IntrospectError> {
    Ok(match code {
        "a" => FkAction::NoAction,
        "r" => FkAction::Restrict,
        "c" => FkAction::Cascade,
        "n" => FkAction::SetNull,
        "d" => FkAction::SetDefault,
        other => {
            return Err(unexpected(
                "constraints",
                obj,
                &format!("foreign key action `{other}`"),
            ))
        }
    })
}

fn attach_constraint(
    row: &Row,
    tables: &mut HashMap<u32, (QualifiedName, Table)>,
) -> Result<(), IntrospectError> {
    const Q: &str = "constraints";
    let oid: u32 = get(row, 0, Q, "a constraint")?;
    let Some((tq, table)) = tables.get_mut(&oid) else {
        return Ok(());
    };
    let name: String = get(row, 1, Q, &tq.display_name())?;
    let obj = format!("constraint {} on {}", name, tq.display_name());
    let kind: String = get(row, 2, Q, &obj)?;
    let columns: Vec<String> = get::<Option<Vec<String>>>(row, 3, Q, &obj)?.unwrap_or_default();
    let deferrable: bool = get(row, 10, Q, &obj)?;
    let initially_deferred: bool = get(row, 11, Q, &obj)?;
    let def: String = get(row, 12, Q, &obj)?;
    let comment: Option<String> = get(row, 15, Q, &obj)?;
    let not_enforced = !get::<bool>(row, 22, Q, &obj)?;
    // A NOT ENFORCED constraint is never validated (convalidated is false): not NOT VALID.
    let not_valid = !get::<bool>(row, 16, Q, &obj)? && !not_enforced;
    let index_comment: Option<String> = get(row, 18, Q, &obj)?;
    let tablespace: Option<String> = get(row, 19, Q, &obj)?;
    let include: Vec<String> = get::<Option<Vec<String>>>(row, 20, Q, &obj)?.unwrap_or_default();
    match kind.as_str() {
        "p" => {
            table.primary_key = Some(PrimaryKey {
                name,
                columns,
                include,
                deferrable,
                initially_deferred,
                comment,
                index_comment,
                tablespace,
            })
        }
        "u" => {
            let nulls_not_distinct: bool = get(row, 14, Q, &obj)?;
            table.unique.insert(
                name,
                UniqueConstraint {
                    columns,
                    include,
                    nulls_not_distinct,
                    deferrable,
                    initially_deferred,
                    renamed_from: None,
                    comment,
                    index_comment,
                    tablespace,
                },
            );
        }
        "c" => {
            // pg_get_expr(conbin) is the text inside pg_get_constraintdef's `CHECK (...)`, without
            // its `NOT VALID` (read from convalidated) and `NO INHERIT` decorations.
            let expression: Option<String> = get(row, 13, Q, &obj)?;
            let expression =
                expression.ok_or_else(|| unexpected(Q, &obj, "check without an expression"))?;
            table.checks.insert(
                name,
                Check {
                    expression,
                    not_valid,
                    not_enforced,
                    no_inherit: get::<bool>(row, 17, Q, &obj)?,
                    renamed_from: None,
                    comment,
                },
            );
        }
        "f" => {
            let ref_schema: Option<String> = get(row, 4, Q, &obj)?;
            let ref_table: Option<String> = get(row, 5, Q, &obj)?;
            let (Some(rs), Some(rt)) = (ref_schema, ref_table) else {
                return Err(unexpected(
                    Q,
                    &obj,
                    "foreign key without a referenced table",
                ));
            };
            let ref_columns: Vec<String> =
                get::<Option<Vec<String>>>(row, 6, Q, &obj)?.unwrap_or_default();
            let fk = ForeignKey {
                columns,
                references: Reference {
                    table: QualifiedName::new(rs, rt),
                    columns: ref_columns,
                },
                on_delete: OnDelete {
                    action: fk_action(&get::<String>(row, 7, Q, &obj)?, &obj)?,
                    columns: get::<Option<Vec<String>>>(row, 21, Q, &obj)?.unwrap_or_default(),
                },
                on_update: fk_action(&get::<String>(row, 8, Q, &obj)?, &obj)?,
                deferrable,
                initially_deferred,
                match_full: get::<String>(row, 9, Q, &obj)? == "f",
                not_valid,
                not_enforced,
                renamed_from: None,
                comment,
            };
            table.foreign_keys.insert(name, fk);
        }
        "x" => {
            let definition = def.strip_prefix("EXCLUDE ").unwrap_or(&def).to_string();
            table.exclusions.insert(
                name,
                Exclusion {
                    definition,
                    renamed_from: None,
                    comment,
                    index_comment,
                    tablespace,
                },
            );
        }
        _ => {}
    }
    Ok(())
}
