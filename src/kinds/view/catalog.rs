//! view catalog: what each view's rewrite rule reads (from pg_depend), so views are created in dependency order; the view bodies come with the relations.

use tokio_postgres::Row;

use crate::introspect::{get, CatalogQuery, IntrospectError, ReadCx};
use crate::model::QualifiedName;

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: "view dependencies",
    sql: Q_VIEW_DEPS,
    takes_schemas: true,
    read,
};

/// What a view's rewrite rule reads: relations in the selected schemas, other than itself.
const Q_VIEW_DEPS: &str = concat!(
    rel_cte!(),
    "SELECT DISTINCT rel.oid, dn.nspname::text, dc.relname::text
FROM rel
JOIN pg_rewrite r ON r.ev_class = rel.oid
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                 AND d.refclassid = 'pg_class'::regclass
JOIN pg_class dc ON dc.oid = d.refobjid
JOIN pg_namespace dn ON dn.oid = dc.relnamespace
WHERE rel.relkind IN ('v', 'm') AND dc.oid <> rel.oid AND dc.relkind IN ('r', 'p', 'v', 'm')
  AND dn.nspname = ANY($1)
ORDER BY 1, 2, 3"
);

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    const QD: &str = "view dependencies";
    for row in rows {
        let oid: u32 = get(row, 0, QD, "a view")?;
        let dep = QualifiedName::new(
            get::<String>(row, 1, QD, "a view")?,
            get::<String>(row, 2, QD, "a view")?,
        );
        if let Some((_, v)) = cx.views.get_mut(&oid) {
            v.depends_on.push(dep);
        }
    }

    Ok(())
}
