//! What the catalogs say depends on a column, for the objects PostgreSQL refuses to keep across
//! `ALTER COLUMN … TYPE`: triggers (a `WHEN` condition or an `UPDATE OF` list), rewrite rules, row-level
//! security policies, SQL-standard routine bodies (`BEGIN ATOMIC`) and other columns' generation
//! expressions. (Views are handled by the view planner, and indexes, constraints, defaults and
//! extended statistics PostgreSQL rebuilds itself.)
//!
//! Read from `pg_depend` (deptype `n`, a reference to one column: `refobjsubid > 0`) at plan
//! time, with the live connection at hand, like the row probe of `kinds::trigger::rows`. The plan
//! then drops each user of a column it retypes before the change and creates it again, as
//! declared, after (see `plan::rebuild`): one rule for every kind of user, instead of one
//! "cannot alter type of a column used by …" error per kind at apply time.

use std::collections::BTreeMap;

use tokio_postgres::Client;

use crate::kinds::function::RoutineKey;
use crate::model::QualifiedName;

/// An object that a column's type change must take along.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ColumnUser {
    /// A trigger: its table, its name.
    Trigger(QualifiedName, String),
    /// A rewrite rule (not a view's `_RETURN`): its table or view, its name.
    Rule(QualifiedName, String),
    /// A row-level security policy: its table, its name.
    Policy(QualifiedName, String),
    /// A routine with a SQL-standard body.
    Routine(RoutineKey),
    /// A generated column: its table, its name.
    Generated(QualifiedName, String),
    /// An extended statistics object: its table, its name.
    Statistics(QualifiedName, String),
}

/// (live table, column) → what uses it, for every table of the selected schemas.
pub type ColumnUsers = BTreeMap<(QualifiedName, String), Vec<ColumnUser>>;

/// `$1`: the selected schemas. One row per (column, user): table schema, table, column, the
/// user's kind, and its name parts (schema, relation or routine name, member or identity
/// arguments, spelled like the routine catalog query spells them).
const QUERY: &str = "\
SELECT tn.nspname::text, tc.relname::text, a.attname::text, u.kind, u.s, u.n, u.m
FROM pg_depend d
JOIN pg_class tc ON d.refclassid = 'pg_class'::regclass AND tc.oid = d.refobjid
JOIN pg_namespace tn ON tn.oid = tc.relnamespace
JOIN pg_attribute a ON a.attrelid = tc.oid AND a.attnum = d.refobjsubid
CROSS JOIN LATERAL (
  SELECT 'trigger'::text, tn.nspname::text, tc.relname::text, tg.tgname::text
  FROM pg_trigger tg WHERE d.classid = 'pg_trigger'::regclass AND tg.oid = d.objid
    AND NOT tg.tgisinternal
  UNION ALL
  SELECT 'rule', wn.nspname::text, wc.relname::text, w.rulename::text
  FROM pg_rewrite w JOIN pg_class wc ON wc.oid = w.ev_class
  JOIN pg_namespace wn ON wn.oid = wc.relnamespace
  WHERE d.classid = 'pg_rewrite'::regclass AND w.oid = d.objid AND w.rulename <> '_RETURN'
  UNION ALL
  SELECT 'policy', pn.nspname::text, pc.relname::text, pol.polname::text
  FROM pg_policy pol JOIN pg_class pc ON pc.oid = pol.polrelid
  JOIN pg_namespace pn ON pn.oid = pc.relnamespace
  WHERE d.classid = 'pg_policy'::regclass AND pol.oid = d.objid
  UNION ALL
  SELECT 'routine', rn.nspname::text, p.proname::text, oidvectortypes(p.proargtypes)
  FROM pg_proc p JOIN pg_namespace rn ON rn.oid = p.pronamespace
  WHERE d.classid = 'pg_proc'::regclass AND p.oid = d.objid
  UNION ALL
  SELECT 'generated', tn.nspname::text, tc.relname::text, ga.attname::text
  FROM pg_attrdef ad JOIN pg_attribute ga ON ga.attrelid = ad.adrelid AND ga.attnum = ad.adnum
  WHERE d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid AND ga.attgenerated <> ''
    AND ga.attnum <> a.attnum
  UNION ALL
  -- Extended statistics depend on their columns and expressions' columns (auto).
  SELECT 'statistics', tn.nspname::text, tc.relname::text, x.stxname::text
  FROM pg_statistic_ext x WHERE d.classid = 'pg_statistic_ext'::regclass AND x.oid = d.objid
  UNION ALL
  -- Before PostgreSQL 15 a generated column depends on the columns it reads directly (auto).
  SELECT 'generated', tn.nspname::text, tc.relname::text, ga.attname::text
  FROM pg_attribute ga
  WHERE d.classid = 'pg_class'::regclass AND d.objid = tc.oid AND ga.attrelid = tc.oid
    AND ga.attnum = d.objsubid AND ga.attgenerated <> '' AND ga.attnum <> a.attnum
) u(kind, s, n, m)
WHERE d.refobjsubid > 0 AND tn.nspname = ANY($1)
  AND (d.deptype = 'n'
       OR (d.deptype = 'a' AND d.classid IN ('pg_class'::regclass, 'pg_statistic_ext'::regclass)))
ORDER BY 1, 2, 3, 4, 5, 6, 7";

/// Reads every column's users in `schemas`.
pub async fn read(
    client: &Client,
    schemas: &[String],
) -> Result<ColumnUsers, tokio_postgres::Error> {
    let rows = client.query(QUERY, &[&schemas]).await?;
    let mut out = ColumnUsers::new();
    for row in rows {
        let (ts, tn, col): (String, String, String) =
            (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
        let (kind, s, n, m): (String, String, String, String) = (
            row.try_get(3)?,
            row.try_get(4)?,
            row.try_get(5)?,
            row.try_get(6)?,
        );
        let q = QualifiedName::new(s, n);
        let user = match kind.as_str() {
            "trigger" => ColumnUser::Trigger(q, m),
            "policy" => ColumnUser::Policy(q, m),
            "rule" => ColumnUser::Rule(q, m),
            "routine" => ColumnUser::Routine(RoutineKey { name: q, args: m }),
            "statistics" => ColumnUser::Statistics(q, m),
            _ => ColumnUser::Generated(q, m),
        };
        let users = out.entry((QualifiedName::new(ts, tn), col)).or_default();
        if !users.contains(&user) {
            users.push(user);
        }
    }
    Ok(out)
}
