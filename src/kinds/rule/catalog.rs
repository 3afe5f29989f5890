//! rule catalog: one query for the rules of every selected table and view (`pg_rewrite` minus
//! the views' `_RETURN`), with the other relations each one names (`pg_depend`, deptype `n`).
//! Materialized views cannot have rules; foreign tables cannot either.

use tokio_postgres::Row;

use super::Rule;
use crate::introspect::{get, unexpected, CatalogQuery, IntrospectError, ReadCx};
use crate::kinds::function::catalog::trim_definition;
use crate::kinds::function::RoutineKey;
use crate::kinds::trigger::TriggerEnabled;
use crate::model::QualifiedName;

const Q: &str = "rules";

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: Q,
    sql: QUERY,
    takes_schemas: true,
    read,
};

/// `$1` is the list of selected schemas. Columns: schema, relation, rule, definition,
/// ev_enabled, comment, the schemas and names of the relations it names (same order), and the
/// routines it calls as JSON `[[schema, name, identity arguments], …]` (spelled as the routine
/// catalog query spells its keys).
const QUERY: &str = concat!(
    rel_cte!(),
    ", dep AS (
  SELECT DISTINCT d.objid, dn.nspname, dc.relname
  FROM pg_depend d JOIN pg_class dc ON dc.oid = d.refobjid
  JOIN pg_namespace dn ON dn.oid = dc.relnamespace
  JOIN pg_rewrite w ON w.oid = d.objid
  WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
    AND d.deptype = 'n' AND d.refobjid <> w.ev_class AND dc.relkind IN ('r', 'p', 'v', 'm')
)
SELECT r.nspname::text, r.relname::text, w.rulename::text, pg_get_ruledef(w.oid),
  w.ev_enabled::text, obj_description(w.oid, 'pg_rewrite'),
  ARRAY(SELECT d.nspname::text FROM dep d WHERE d.objid = w.oid ORDER BY d.nspname, d.relname),
  ARRAY(SELECT d.relname::text FROM dep d WHERE d.objid = w.oid ORDER BY d.nspname, d.relname),
  (SELECT COALESCE(jsonb_agg(jsonb_build_array(pn.nspname::text, p.proname::text,
      CASE WHEN p.prokind = 'a' THEN pg_get_function_identity_arguments(p.oid)
           ELSE oidvectortypes(p.proargtypes) END) ORDER BY pn.nspname, p.proname, p.oid), '[]')::text
   FROM pg_proc p JOIN pg_namespace pn ON pn.oid = p.pronamespace
   WHERE p.oid IN (SELECT d.refobjid FROM pg_depend d WHERE d.classid = 'pg_rewrite'::regclass
                   AND d.objid = w.oid AND d.refclassid = 'pg_proc'::regclass AND d.deptype = 'n'))
FROM pg_rewrite w JOIN rel r ON r.oid = w.ev_class
WHERE w.rulename <> '_RETURN'
ORDER BY r.nspname, r.relname, w.rulename"
);

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    for row in rows {
        let relation = QualifiedName::new(
            get::<String>(row, 0, Q, "a rule")?,
            get::<String>(row, 1, Q, "a rule")?,
        );
        let name: String = get(row, 2, Q, "a rule")?;
        let obj = format!("rule {name} on {relation}");
        let code: String = get(row, 4, Q, &obj)?;
        let enabled = TriggerEnabled::from_catalog(&code)
            .ok_or_else(|| unexpected(Q, &obj, &format!("ev_enabled `{code}`")))?;
        let schemas: Vec<String> = get(row, 6, Q, &obj)?;
        let names: Vec<String> = get(row, 7, Q, &obj)?;
        let calls: Vec<(String, String, String)> =
            serde_json::from_str(&get::<String>(row, 8, Q, &obj)?)
                .map_err(|e| unexpected(Q, &obj, &format!("routines: {e}")))?;
        let rule = Rule {
            definition: trim_definition(&get::<String>(row, 3, Q, &obj)?),
            enabled,
            comment: get(row, 5, Q, &obj)?,
            depends_on: schemas
                .into_iter()
                .zip(names)
                .map(|(s, n)| QualifiedName::new(s, n))
                .collect(),
            calls: calls
                .into_iter()
                .map(|(s, n, args)| RoutineKey::new(QualifiedName::new(s, n), args))
                .collect(),
        };
        cx.out.rules.entry(relation).or_default().insert(name, rule);
    }
    cx.out.rules.sort_keys();
    for r in cx.out.rules.values_mut() {
        r.sort_keys();
    }
    Ok(())
}
