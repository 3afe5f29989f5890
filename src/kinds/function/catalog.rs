//! function: one batched query for every routine of the selected schemas.
//!
//! Extension members (`deptype 'e'`) and objects owned internally by another one (`'i'`: a range
//! type's constructors) are left out: they are not the user's to declare.

use tokio_postgres::types::FromSql;
use tokio_postgres::Row;

use super::{Function, RoutineKey, RoutineKind};
use crate::introspect::{CatalogQuery, IntrospectError, ReadCx};
use crate::model::{split_name_parts, QualifiedName, Schema};

const Q: &str = "functions";

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: Q,
    sql: QUERY,
    takes_schemas: true,
    read: read_into,
};

fn read_into(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    read(rows, &mut cx.out)
}

/// `$1` is the list of selected schemas. Columns: schema, name, identity (the input argument
/// types, which is what makes a routine unique; an aggregate's identity arguments, which spell
/// an ordered-set aggregate's `ORDER BY`), prokind,
/// definition, arguments, result, comment, relations depended on (as `schema.name`, each part
/// quoted by `format('%I')`).
pub const QUERY: &str = "\
SELECT n.nspname::text, p.proname::text,
  CASE WHEN p.prokind = 'a' THEN pg_get_function_identity_arguments(p.oid)
       ELSE oidvectortypes(p.proargtypes) END,
  p.prokind::text,
  CASE WHEN p.prokind = 'a' THEN (
    SELECT 'CREATE AGGREGATE ' || format('%I.%I', n.nspname, p.proname)
      || '(' || pg_get_function_arguments(p.oid) || ') (' || concat_ws(', ',
        'SFUNC = ' || a.aggtransfn::regproc::text,
        'STYPE = ' || format_type(a.aggtranstype, NULL),
        CASE WHEN a.aggtransspace <> 0 THEN 'SSPACE = ' || a.aggtransspace END,
        CASE WHEN a.aggfinalfn <> 0 THEN 'FINALFUNC = ' || a.aggfinalfn::regproc::text END,
        CASE WHEN a.aggfinalextra THEN 'FINALFUNC_EXTRA' END,
        CASE WHEN a.aggfinalfn <> 0 THEN 'FINALFUNC_MODIFY = '
          || CASE a.aggfinalmodify WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END END,
        CASE WHEN a.aggcombinefn <> 0 THEN 'COMBINEFUNC = ' || a.aggcombinefn::regproc::text END,
        CASE WHEN a.aggserialfn <> 0 THEN 'SERIALFUNC = ' || a.aggserialfn::regproc::text END,
        CASE WHEN a.aggdeserialfn <> 0 THEN 'DESERIALFUNC = ' || a.aggdeserialfn::regproc::text END,
        'INITCOND = ' || quote_literal(a.agginitval),
        CASE WHEN a.aggmtransfn <> 0 THEN 'MSFUNC = ' || a.aggmtransfn::regproc::text END,
        CASE WHEN a.aggminvtransfn <> 0 THEN 'MINVFUNC = ' || a.aggminvtransfn::regproc::text END,
        CASE WHEN a.aggmtranstype <> 0 THEN 'MSTYPE = ' || format_type(a.aggmtranstype, NULL) END,
        CASE WHEN a.aggmtransspace <> 0 THEN 'MSSPACE = ' || a.aggmtransspace END,
        CASE WHEN a.aggmfinalfn <> 0 THEN 'MFINALFUNC = ' || a.aggmfinalfn::regproc::text END,
        CASE WHEN a.aggmfinalextra THEN 'MFINALFUNC_EXTRA' END,
        CASE WHEN a.aggmfinalfn <> 0 THEN 'MFINALFUNC_MODIFY = '
          || CASE a.aggmfinalmodify WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END END,
        'MINITCOND = ' || quote_literal(a.aggminitval),
        CASE WHEN a.aggsortop <> 0 THEN 'SORTOP = OPERATOR(' || (
          SELECT format('%I.', o.oprnamespace::regnamespace::text) || o.oprname
          FROM pg_operator o WHERE o.oid = a.aggsortop) || ')' END,
        CASE p.proparallel WHEN 's' THEN 'PARALLEL = SAFE' WHEN 'r' THEN 'PARALLEL = RESTRICTED' END,
        CASE WHEN a.aggkind = 'h' THEN 'HYPOTHETICAL' END) || ')'
    FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
  ELSE pg_get_functiondef(p.oid) END,
  pg_get_function_arguments(p.oid),
  CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END,
  obj_description(p.oid, 'pg_proc'),
  ARRAY(SELECT DISTINCT format('%I.%I', rn.nspname, rc.relname)
        FROM pg_depend d
        LEFT JOIN pg_type t ON d.refclassid = 'pg_type'::regclass AND t.oid = d.refobjid
        JOIN pg_class rc ON rc.oid = CASE WHEN d.refclassid = 'pg_class'::regclass THEN d.refobjid
          ELSE COALESCE(NULLIF(t.typrelid, 0),
                        (SELECT e.typrelid FROM pg_type e WHERE e.oid = t.typelem)) END
        JOIN pg_namespace rn ON rn.oid = rc.relnamespace
        WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'n'
          AND rc.relkind IN ('r', 'p', 'v', 'm') AND rn.nspname = ANY($1)
        ORDER BY 1),
  (SELECT COALESCE(jsonb_agg(DISTINCT u.what), '[]')::text FROM pg_depend d
        CROSS JOIN LATERAL (
          SELECT CASE WHEN r.rulename = '_RETURN'
                      THEN jsonb_build_array('view', vn.nspname, vc.relname, NULL)
                      ELSE jsonb_build_array('rule', vn.nspname, vc.relname, r.rulename) END
          FROM pg_rewrite r JOIN pg_class vc ON vc.oid = r.ev_class
          JOIN pg_namespace vn ON vn.oid = vc.relnamespace
          WHERE d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
          UNION ALL
          SELECT jsonb_build_array('default', tn.nspname, tc.relname, a.attname)
          FROM pg_attrdef ad JOIN pg_class tc ON tc.oid = ad.adrelid
          JOIN pg_namespace tn ON tn.oid = tc.relnamespace
          JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
          WHERE d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid AND a.attgenerated = ''
          UNION ALL
          SELECT jsonb_build_array('generated', tn.nspname, tc.relname, a.attname)
          FROM pg_attrdef ad JOIN pg_class tc ON tc.oid = ad.adrelid
          JOIN pg_namespace tn ON tn.oid = tc.relnamespace
          JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
          WHERE d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid AND a.attgenerated <> ''
          UNION ALL
          -- Before PostgreSQL 15 the column itself depends on it, automatically (a DROP FUNCTION
          -- would silently drop the column).
          SELECT jsonb_build_array('generated', tn.nspname, tc.relname, a.attname)
          FROM pg_class tc JOIN pg_namespace tn ON tn.oid = tc.relnamespace
          JOIN pg_attribute a ON a.attrelid = tc.oid AND a.attnum = d.objsubid
          WHERE d.classid = 'pg_class'::regclass AND tc.oid = d.objid AND d.objsubid > 0
            AND a.attgenerated <> ''
          UNION ALL
          SELECT jsonb_build_array('check', tn.nspname, tc.relname, c.conname)
          FROM pg_constraint c JOIN pg_class tc ON tc.oid = c.conrelid
          JOIN pg_namespace tn ON tn.oid = tc.relnamespace
          WHERE d.classid = 'pg_constraint'::regclass AND c.oid = d.objid AND c.contype = 'c'
          UNION ALL
          SELECT jsonb_build_array('index', tn.nspname, tc.relname, ic.relname)
          FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
          JOIN pg_class tc ON tc.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace
          WHERE d.classid = 'pg_class'::regclass AND i.indexrelid = d.objid
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
          UNION ALL
          SELECT jsonb_build_array('policy', tn.nspname, tc.relname, pol.polname)
          FROM pg_policy pol JOIN pg_class tc ON tc.oid = pol.polrelid
          JOIN pg_namespace tn ON tn.oid = tc.relnamespace
          WHERE d.classid = 'pg_policy'::regclass AND pol.oid = d.objid
          UNION ALL
          -- Another routine: a parameter DEFAULT, a BEGIN ATOMIC body, an aggregate's support
          -- function (the key spelled as column 3 spells it).
          SELECT jsonb_build_array('routine', cn.nspname, c.proname,
            CASE WHEN c.prokind = 'a' THEN pg_get_function_identity_arguments(c.oid)
                 ELSE oidvectortypes(c.proargtypes) END)
          FROM pg_proc c JOIN pg_namespace cn ON cn.oid = c.pronamespace
          WHERE d.classid = 'pg_proc'::regclass AND c.oid = d.objid AND d.deptype = 'n'
          UNION ALL
          -- A trigger's WHEN calls it (the function a trigger executes is tracked apart).
          SELECT jsonb_build_array('trigger', tn.nspname, tc.relname, tg.tgname)
          FROM pg_trigger tg JOIN pg_class tc ON tc.oid = tg.tgrelid
          JOIN pg_namespace tn ON tn.oid = tc.relnamespace
          WHERE d.classid = 'pg_trigger'::regclass AND tg.oid = d.objid
            AND NOT tg.tgisinternal AND tg.tgparentid = 0 AND tg.tgfoid <> d.refobjid
        ) u(what)
        WHERE d.refclassid = 'pg_proc'::regclass AND d.refobjid = p.oid AND d.deptype IN ('n', 'a'))
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = ANY($1) AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_proc'::regclass
                  AND xd.objid = p.oid AND xd.deptype IN ('e', 'i'))
ORDER BY n.nspname, p.proname, 3";

fn get<'a, T: FromSql<'a>>(row: &'a Row, idx: usize, object: &str) -> Result<T, IntrospectError> {
    row.try_get(idx)
        .map_err(|e| unexpected(object, &format!("column {idx}: {e}")))
}

fn unexpected(object: &str, detail: &str) -> IntrospectError {
    IntrospectError::Unexpected {
        query: Q,
        object: object.to_string(),
        detail: detail.to_string(),
    }
}

/// `schema.name` as `format('%I.%I')` prints it, read back exactly.
pub(crate) fn relation_name(text: &str, object: &str) -> Result<QualifiedName, IntrospectError> {
    let parts = split_name_parts(text).map_err(|e| unexpected(object, &e))?;
    match parts.as_slice() {
        [schema, name] => Ok(QualifiedName::new(schema.clone(), name.clone())),
        _ => Err(unexpected(object, &format!("relation name `{text}`"))),
    }
}

/// Fills `out.functions` from the rows of [`QUERY`].
pub fn read(rows: &[Row], out: &mut Schema) -> Result<(), IntrospectError> {
    for row in rows {
        let name = QualifiedName::new(
            get::<String>(row, 0, "a routine")?,
            get::<String>(row, 1, "a routine")?,
        );
        let key = RoutineKey::new(name, get::<String>(row, 2, "a routine")?);
        let obj = key.display_name();
        let kind = match get::<String>(row, 3, &obj)?.as_str() {
            "p" => RoutineKind::Procedure,
            "a" => RoutineKind::Aggregate,
            _ => RoutineKind::Function,
        };
        let definition: Option<String> = get(row, 4, &obj)?;
        let definition = definition.ok_or_else(|| unexpected(&obj, "no definition"))?;
        let depends: Vec<String> = get(row, 8, &obj)?;
        let function = Function {
            kind,
            definition: trim_definition(&definition),
            arguments: get(row, 5, &obj)?,
            result: get(row, 6, &obj)?,
            comment: get(row, 7, &obj)?,
            depends_on: depends
                .iter()
                .map(|d| relation_name(d, &obj))
                .collect::<Result<_, _>>()?,
            used_by: super::dependents::parse(&get::<String>(row, 9, &obj)?)
                .map_err(|e| unexpected(&obj, &e))?,
        };
        out.functions.insert(key, function);
    }
    out.functions.sort_keys();
    Ok(())
}

/// `pg_get_functiondef` ends with a newline; a definition is kept without trailing whitespace
/// or `;`, like every other statement text in the model.
pub fn trim_definition(text: &str) -> String {
    let t = text.trim_end();
    t.strip_suffix(';').unwrap_or(t).trim_end().to_string()
}
