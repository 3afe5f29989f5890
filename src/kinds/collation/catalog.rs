//! Collation catalog: `pg_collation` rows in the selected schemas (never `pg_catalog`'s).

use tokio_postgres::Row;

use super::Collation;
use crate::introspect::{get, unexpected, CatalogQuery, IntrospectError, ReadCx};
use crate::model::QualifiedName;

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: "collations",
    sql: Q_COLLATIONS,
    takes_schemas: true,
    read,
};

/// `colliculocale` (15, 16) and `colllocale` (17+) are read through `to_jsonb`, which yields
/// NULL for a column the server does not have; so are `collicurules` (16+) and, before 15,
/// `collcollate` (a `name` until then).
const Q_COLLATIONS: &str = concat!(
    "SELECT n.nspname::text, c.collname::text, c.collprovider::text,
  to_jsonb(c) ->> 'collcollate', to_jsonb(c) ->> 'collctype',
  COALESCE(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale'),
  c.collisdeterministic, to_jsonb(c) ->> 'collicurules',
  obj_description(c.oid, 'pg_collation')
FROM pg_collation c
JOIN pg_namespace n ON n.oid = c.collnamespace
WHERE ",
    user_schema!("n"),
    " AND ",
    not_extension_member!("pg_collation", "c.oid"),
    "
ORDER BY n.nspname, c.collname"
);

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    const Q: &str = "collations";
    for row in rows {
        let qn = QualifiedName::new(
            get::<String>(row, 0, Q, "a collation")?,
            get::<String>(row, 1, Q, "a collation")?,
        );
        let obj = qn.display_name();
        let code: String = get(row, 2, Q, &obj)?;
        let provider = match code.as_str() {
            "c" => "libc",
            "i" => "icu",
            "b" => "builtin",
            other => return Err(unexpected(Q, &obj, &format!("provider `{other}`"))),
        };
        let collate: Option<String> = get(row, 3, Q, &obj)?;
        let ctype: Option<String> = get(row, 4, Q, &obj)?;
        let locale: Option<String> = get(row, 5, Q, &obj)?;
        let mut c = Collation {
            provider: provider.to_string(),
            deterministic: get(row, 6, Q, &obj)?,
            rules: get(row, 7, Q, &obj)?,
            comment: get(row, 8, Q, &obj)?,
            ..Collation::default()
        };
        if provider == "libc" {
            if collate == ctype {
                c.locale = collate;
            } else {
                (c.lc_collate, c.lc_ctype) = (collate, ctype);
            }
        } else {
            c.locale = locale.or(collate);
        }
        cx.out.collations.insert(qn, c);
    }
    Ok(())
}
