//! column catalog: columns of the selected tables, in attribute order, with types as format_type prints them and defaults as pg_get_expr does.

use tokio_postgres::Row;

use super::identity::{without_defaults, Effective};
use crate::introspect::{get, unexpected, CatalogQuery, IntrospectError, ReadCx};
use crate::model::{Column, GeneratedKind, Identity, IdentityOptions};

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: "columns",
    sql: Q_COLUMNS,
    takes_schemas: true,
    read,
};

/// Collation only when it differs from the type's own; names outside pg_catalog are qualified.
/// An identity column's sequence is the one depending on it internally (pg_depend 'i').
const Q_COLUMNS: &str = concat!(
    rel_cte!(),
    "SELECT a.attrelid, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull,
  CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
  -- 's' stored; 'v' virtual (PostgreSQL 18 on, kind read at the end).
  CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
  a.attidentity::text,
  CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
    CASE WHEN con.nspname = 'pg_catalog' THEN co.collname::text
         ELSE con.nspname::text || '.' || co.collname::text END
  END,
  col_description(a.attrelid, a.attnum),
  CASE WHEN a.attstorage <> t.typstorage THEN
    CASE a.attstorage WHEN 'p' THEN 'plain' WHEN 'e' THEN 'external' WHEN 'm' THEN 'main'
      WHEN 'x' THEN 'extended' END
  END,
  CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END,
  ids.relname::text, ids.seqstart, ids.seqincrement, ids.seqmin, ids.seqmax, ids.seqcache,
  ids.seqcycle, nn.conname::text, nn.conislocal,
  -- -1 before PostgreSQL 17, NULL from 17 on: the default target.
  NULLIF(a.attstattarget::int, -1),
  -- A foreign table's column options (kinds::foreign::table), sorted by name.
  ARRAY(SELECT o.option_name::text FROM pg_options_to_table(a.attfdwoptions) o ORDER BY 1),
  ARRAY(SELECT o.option_value::text FROM pg_options_to_table(a.attfdwoptions) o ORDER BY o.option_name),
  -- Its attribute options (n_distinct; kinds::statistics::attribute_options), likewise.
  ARRAY(SELECT o.option_name::text FROM pg_options_to_table(a.attoptions) o ORDER BY 1),
  ARRAY(SELECT o.option_value::text FROM pg_options_to_table(a.attoptions) o ORDER BY o.option_name),
  a.attgenerated::text
FROM rel
JOIN pg_attribute a ON a.attrelid = rel.oid
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN LATERAL (
  SELECT s.relname, ps.seqstart, ps.seqincrement, ps.seqmin, ps.seqmax, ps.seqcache, ps.seqcycle
  FROM pg_depend d
  JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
  JOIN pg_sequence ps ON ps.seqrelid = s.oid
  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
    AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.deptype = 'i'
  LIMIT 1) ids ON a.attidentity <> ''
-- PostgreSQL 18 on: the column's NOT NULL constraint (none before; 17 has 'n' for domains only).
LEFT JOIN pg_constraint nn ON nn.conrelid = a.attrelid AND nn.contype = 'n'
  AND nn.conkey[1] = a.attnum
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
WHERE a.attnum > 0 AND NOT a.attisdropped
  -- A partition's columns are its parent's; an inherited column is declared by the parent.
  AND ((rel.relkind IN ('r', 'p', 'f') AND a.attislocal AND NOT rel.relispartition)
       -- A partition's NOT NULL names only (PostgreSQL 18): DETACH and ATTACH keep them.
       OR (rel.relkind IN ('r', 'p') AND rel.relispartition AND nn.conname IS NOT NULL)
       OR (rel.relkind IN ('v', 'm') AND col_description(a.attrelid, a.attnum) IS NOT NULL))
ORDER BY a.attrelid, a.attnum"
);

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    const QC: &str = "columns";
    for row in rows {
        let oid: u32 = get(row, 0, QC, "a column")?;
        if let Some((vq, view)) = cx.views.get_mut(&oid) {
            // Only commented view columns are read: the comment is all the model keeps of them.
            let name: String = get(row, 1, QC, &vq.display_name())?;
            let obj = format!("{}.{}", vq.display_name(), name);
            if let Some(c) = get::<Option<String>>(row, 8, QC, &obj)? {
                view.column_comments.insert(name, c);
            }
            continue;
        }
        let Some((tq, table)) = cx.tables.get_mut(&oid) else {
            continue;
        };
        let name: String = get(row, 1, QC, &tq.display_name())?;
        let obj = format!("{}.{}", tq.display_name(), name);
        if table.partition_of.is_some() {
            // A partition's columns are its parent's: only the NOT NULL name is its own.
            if let Some(n) = get::<Option<String>>(row, 18, QC, &obj)? {
                table.not_null_names.0.insert(name, n);
            }
            continue;
        }
        let identity = match get::<String>(row, 6, QC, &obj)?.as_str() {
            "a" => Some(Identity::Always),
            "d" => Some(Identity::ByDefault),
            "" => None,
            other => return Err(unexpected(QC, &obj, &format!("attidentity `{other}`"))),
        };
        let data_type: String = get(row, 2, QC, &obj)?;
        let identity_options = match get::<Option<String>>(row, 11, QC, &obj)? {
            Some(sequence) if identity.is_some() => {
                let e = Effective {
                    sequence,
                    start: get(row, 12, QC, &obj)?,
                    increment: get(row, 13, QC, &obj)?,
                    min_value: get(row, 14, QC, &obj)?,
                    max_value: get(row, 15, QC, &obj)?,
                    cache: get(row, 16, QC, &obj)?,
                    cycle: get(row, 17, QC, &obj)?,
                };
                without_defaults(tq, &name, &data_type, &e)
            }
            _ => IdentityOptions::default(),
        };
        let nn_name: Option<String> = get(row, 18, QC, &obj)?;
        // PostgreSQL 18: a NOT NULL only inherited from a parent is the parent's, as an
        // inherited column is (the child does not declare it, and a rebuild inherits it again).
        let inherited_nn = get::<Option<bool>>(row, 19, QC, &obj)? == Some(false);
        // Only a name PostgreSQL would not pick is the schema's (see `not_null`).
        let not_null_name = nn_name
            .clone()
            .filter(|n| !inherited_nn && *n != super::not_null::default_name(&tq.name, &name));
        let generated_kind = match GeneratedKind::from_catalog(&get::<String>(row, 25, QC, &obj)?) {
            Some(Ok(kind)) => kind,
            Some(Err(detail)) => return Err(unexpected(QC, &obj, &detail)),
            None => GeneratedKind::Stored,
        };
        let column = Column {
            data_type,
            nullable: inherited_nn || !get::<bool>(row, 3, QC, &obj)?,
            default: get(row, 4, QC, &obj)?,
            identity,
            identity_options: identity_options.into(),
            generated: get(row, 5, QC, &obj)?,
            generated_kind,
            collation: get(row, 7, QC, &obj)?,
            comment: get(row, 8, QC, &obj)?,
            renamed_from: None,
            storage: get(row, 9, QC, &obj)?,
            compression: get(row, 10, QC, &obj)?,
            not_null_name,
            statistics_target: get(row, 20, QC, &obj)?,
            attribute_options: crate::kinds::statistics::attribute_options::read(
                row, 23, QC, &obj,
            )?,
            options: crate::kinds::foreign::catalog::options(row, 21, QC, &obj)?,
        };
        if let Some(n) = nn_name {
            table.not_null_names.0.insert(name.clone(), n);
        }
        table.columns.insert(name, column);
    }

    Ok(())
}
