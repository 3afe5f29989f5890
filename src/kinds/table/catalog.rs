//! relation catalog: tables (plain, partitioned parents and foreign), views and materialized views, by OID, so the per-kind rows (columns, constraints, indexes, view dependencies) can be attached to their owner.

use indexmap::IndexMap;
use tokio_postgres::Row;

use crate::introspect::{get, unexpected, CatalogQuery, IntrospectError, ReadCx};
use crate::model::{QualifiedName, Table, View};

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: "relations",
    sql: Q_RELATIONS,
    takes_schemas: true,
    read,
};

const Q_RELATIONS: &str = concat!(
    rel_cte!(),
    "SELECT rel.oid, rel.nspname::text, rel.relname::text, rel.relkind::text,
  obj_description(rel.oid, 'pg_class'),
  CASE WHEN rel.relkind IN ('v', 'm') THEN pg_get_viewdef(rel.oid, true) END,
  CASE WHEN rel.relkind = 'p' THEN pg_get_partkeydef(rel.oid) END,
  ARRAY(SELECT pn.nspname::text FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
        JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = rel.oid ORDER BY i.inhseqno),
  ARRAY(SELECT pc.relname::text FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
        WHERE i.inhrelid = rel.oid ORDER BY i.inhseqno),
  CASE WHEN rel.relispartition THEN pg_get_expr(c.relpartbound, rel.oid) END,
  c.relpersistence = 'u',
  COALESCE(c.reloptions, '{}') || ARRAY(SELECT 'toast.' || o FROM pg_class tc, unnest(tc.reloptions) o
                                        WHERE tc.oid = c.reltoastrelid),
  -- A partition in the database's default tablespace under a parent in another one says so:
  -- one that declares none is created in its parent's.
  COALESCE((SELECT ts.spcname::text FROM pg_tablespace ts WHERE ts.oid = c.reltablespace),
    CASE WHEN c.relispartition AND EXISTS (SELECT 1 FROM pg_inherits pi JOIN pg_class pc
      ON pc.oid = pi.inhparent WHERE pi.inhrelid = c.oid AND pc.reltablespace <> 0)
    THEN (SELECT ts.spcname::text FROM pg_database d JOIN pg_tablespace ts ON ts.oid = d.dattablespace
          WHERE d.datname = current_database()) END),
  c.relreplident::text,
  (SELECT ic.relname::text FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
   WHERE i.indrelid = c.oid AND i.indisreplident),
  (SELECT ic.relname::text FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
   WHERE i.indrelid = c.oid AND i.indisclustered),
  (SELECT fs.srvname::text FROM pg_foreign_table ft JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
   WHERE ft.ftrelid = rel.oid),
  ARRAY(SELECT o.option_name::text FROM pg_foreign_table ft, pg_options_to_table(ft.ftoptions) o
        WHERE ft.ftrelid = rel.oid ORDER BY 1),
  ARRAY(SELECT o.option_value::text FROM pg_foreign_table ft, pg_options_to_table(ft.ftoptions) o
        WHERE ft.ftrelid = rel.oid ORDER BY o.option_name),
  -- An inheritance child's inherited columns after its first own one (added to a parent later).
  ARRAY(SELECT a.attname::text FROM pg_attribute a
        WHERE a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped AND NOT a.attislocal
          AND NOT rel.relispartition
          AND a.attnum > (SELECT min(o.attnum) FROM pg_attribute o WHERE o.attrelid = rel.oid
                          AND o.attnum > 0 AND NOT o.attisdropped AND o.attislocal AND o.attinhcount = 0)
        ORDER BY a.attnum)
FROM rel JOIN pg_class c ON c.oid = rel.oid
ORDER BY rel.nspname, rel.relname"
);

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    const Q: &str = "relations";
    for row in rows {
        let oid: u32 = get(row, 0, Q, "a relation")?;
        let qn = QualifiedName::new(
            get::<String>(row, 1, Q, "a relation")?,
            get::<String>(row, 2, Q, "a relation")?,
        );
        let obj = qn.display_name();
        let kind: String = get(row, 3, Q, &obj)?;
        let comment: Option<String> = get(row, 4, Q, &obj)?;
        match kind.as_str() {
            "r" | "p" => {
                let table = Table {
                    comment,
                    ..shape_of(row, &obj)?
                };
                cx.tables.insert(oid, (qn, table));
            }
            "f" => {
                let server: Option<String> = get(row, 16, Q, &obj)?;
                let server = server
                    .ok_or_else(|| unexpected(Q, &obj, "a foreign table without a server"))?;
                let options = crate::kinds::foreign::catalog::options(row, 17, Q, &obj)?;
                let foreign = crate::kinds::foreign::ForeignTable { server, options };
                let table = Table {
                    comment,
                    foreign: Some(foreign),
                    ..Default::default()
                };
                cx.tables.insert(oid, (qn, table));
            }
            "v" | "m" => {
                let def: Option<String> = get(row, 5, Q, &obj)?;
                let def = def.ok_or_else(|| unexpected(Q, &obj, "pg_get_viewdef returned NULL"))?;
                let view = View {
                    materialized: kind == "m",
                    definition: trim_view_definition(&def),
                    comment,
                    with: crate::kinds::table::shape::options_from_catalog(get(row, 11, Q, &obj)?),
                    indexes: IndexMap::new(),
                    depends_on: Vec::new(),
                    column_comments: Default::default(),
                    tablespace: get(row, 12, Q, &obj)?,
                    replica_identity: None,
                    cluster_on: None,
                };
                // A plain view's `relreplident` is `n`: it has no rows to replicate.
                let view = match kind.as_str() {
                    "m" => View {
                        replica_identity: super::relopts::ReplicaIdentity::from_catalog(
                            &get::<String>(row, 13, Q, &obj)?,
                            get(row, 14, Q, &obj)?,
                        ),
                        cluster_on: get(row, 15, Q, &obj)?,
                        ..view
                    },
                    _ => view,
                };
                cx.views.insert(oid, (qn, view));
            }
            other => return Err(unexpected(Q, &obj, &format!("relkind `{other}`"))),
        }
    }

    Ok(())
}

/// A table's shape: partitioning, its parent and bound, inheritance, persistence, options.
fn shape_of(row: &Row, obj: &str) -> Result<Table, IntrospectError> {
    const Q: &str = "relations";
    let nsps: Vec<String> = get(row, 7, Q, obj)?;
    let names: Vec<String> = get(row, 8, Q, obj)?;
    let mut parents: Vec<QualifiedName> = nsps
        .into_iter()
        .zip(names)
        .map(|(n, r)| QualifiedName::new(n, r))
        .collect();
    let bounds: Option<String> = get(row, 9, Q, obj)?;
    let partition_of = match bounds {
        Some(_) => Some(
            parents
                .pop()
                .ok_or_else(|| unexpected(Q, obj, "a partition without a parent"))?,
        ),
        None => None,
    };
    Ok(Table {
        partition_by: get(row, 6, Q, obj)?,
        partition_of,
        bounds,
        inherits: parents,
        unlogged: get(row, 10, Q, obj)?,
        with: crate::kinds::table::shape::options_from_catalog(get(row, 11, Q, obj)?),
        tablespace: get(row, 12, Q, obj)?,
        replica_identity: super::relopts::ReplicaIdentity::from_catalog(
            &get::<String>(row, 13, Q, obj)?,
            get(row, 14, Q, obj)?,
        ),
        cluster_on: get(row, 15, Q, obj)?,
        inherited_last: get(row, 19, Q, obj)?,
        ..Default::default()
    })
}

/// `pg_get_viewdef` prints a leading space/newline and a trailing `;`.
fn trim_view_definition(def: &str) -> String {
    let t = def.trim();
    t.strip_suffix(';').unwrap_or(t).trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_definitions_trim() {
        assert_eq!(trim_view_definition(" SELECT 1;\n"), "SELECT 1");
    }
}
