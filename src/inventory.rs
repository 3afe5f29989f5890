//! The inventory: every user object in the selected schemas that the model does not cover.
//!
//! pgdrift's promise is that "no drift" and "verified" are true. They can only be true for what
//! the model holds, so every read of a database also takes this inventory (one catalog query,
//! pipelined with the others by `introspect`) and keeps what it finds in
//! [`Schema::unsupported`]. `diff` turns each entry into a finding of category `unsupported`;
//! `squash --verify` refuses to say "verified" while there is any; `inspect` lists them at the
//! top of the schema.yaml it writes.
//!
//! Each entry carries a `definition`: text printed by PostgreSQL's own deparsers (or a stable
//! rendering of the catalog row, with role names instead of OIDs and the owner spelled `owner`),
//! so two databases can at least be told "same" or "different" for objects pgdrift cannot
//! model yet. When a kind becomes modelled, its arm leaves [`QUERY`].

use std::collections::BTreeMap;

use tokio_postgres::Row;

use crate::diff::{Category, Change, ObjectKind, ObjectRef, Presence, Severity};
use crate::model::{QualifiedName, Schema, Unsupported};

/// The kinds the inventory reports: `(id, words)`. The id is what JSON, ignore rules
/// (`ignore: [{kind: function, ...}]`) and snapshots use.
pub const KINDS: &[(&str, &str)] = &[
    ("function", "function"),
    ("procedure", "procedure"),
    ("aggregate", "aggregate"),
    ("trigger", "trigger"),
    ("event_trigger", "event trigger"),
    ("row_level_security", "row-level security on"),
    ("policy", "policy"),
    ("privileges", "privileges on"),
    ("default_privileges", "default privileges"),
    ("partitioned_table", "partitioned table"),
    ("partition", "partition"),
    ("inheritance", "inheritance of table"),
    ("foreign_table", "foreign table"),
    ("table_options", "options of"),
    ("column_options", "options of column"),
    ("domain", "domain"),
    ("composite_type", "composite type"),
    ("range_type", "range type"),
    ("base_type", "base type"),
    ("collation", "collation"),
    ("statistics", "extended statistics"),
    ("text_search_configuration", "text search configuration"),
    ("text_search_dictionary", "text search dictionary"),
    ("operator", "operator"),
    ("operator_class", "operator class"),
    ("operator_family", "operator family"),
    ("conversion", "conversion"),
    ("cast", "cast"),
    ("language", "language"),
    ("foreign_data_wrapper", "foreign-data wrapper"),
    ("foreign_server", "foreign server"),
    ("user_mapping", "user mapping"),
    ("subscription", "subscription"),
    ("access_method", "access method"),
    ("comment", "comment"),
    // PostgreSQL 18: keys and foreign keys over a period, NOT NULL constraints that are NOT
    // VALID or NO INHERIT.
    ("temporal_key", "temporal key"),
    ("not_null_constraint", "NOT NULL constraint"),
    // A partition's copy of its parent's index named otherwise than PostgreSQL names it, and a
    // partitioned index not valid yet (kinds::index::partition_names).
    ("partition_index", "partition's index"),
];

/// Kinds the inventory reported once and the model covers now (INCLUDE on keys and SET NULL
/// column lists are modelled constraints; rules are `kinds::rule`): a snapshot written before still names them, and
/// an ignore rule may still say them.
pub const RETIRED: &[(&str, &str)] = &[
    ("constraint_options", "options of constraint"),
    // Publications are a modelled kind now (kinds::publication).
    ("publication", "publication"),
    ("rule", "rule"),
];

/// [`KINDS`], then [`RETIRED`].
pub fn known_kinds() -> impl Iterator<Item = &'static (&'static str, &'static str)> + Clone {
    KINDS.iter().chain(RETIRED)
}

/// The static id of a kind name read from a database or a snapshot (`object` when unknown, so a
/// snapshot written by a newer pgdrift still loads and still reports).
pub fn kind_id(kind: &str) -> &'static str {
    known_kinds()
        .find(|(id, _)| *id == kind)
        .map(|(id, _)| *id)
        .unwrap_or("object")
}

/// How people read a kind id: `event trigger`, `row-level security`.
pub fn kind_words(id: &str) -> &'static str {
    known_kinds()
        .find(|(k, _)| *k == id)
        .map(|(_, w)| *w)
        .unwrap_or("object")
}

/// Objects owned by an extension (`e`) or internally by another object (`i`: a range type's
/// constructors, an identity sequence, an array type) are not the user's to declare.
macro_rules! not_owned {
    ($catalog:literal, $oid:literal) => {
        concat!(
            "NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = '",
            $catalog,
            "'::regclass AND xd.objid = ",
            $oid,
            " AND xd.deptype IN ('e', 'i'))"
        )
    };
}

/// `grantee:PRIVILEGE[*]` for each entry of an ACL, sorted, with the owner spelled `owner`
/// (scratch databases belong to another role) and the grantor left out.
macro_rules! acl_text {
    ($acl:literal, $owner:literal) => {
        concat!(
            "(SELECT string_agg(e, ', ' ORDER BY e) FROM (SELECT CASE WHEN x.grantee = ",
            $owner,
            " THEN 'owner' WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee)::text END
  || ':' || x.privilege_type || CASE WHEN x.is_grantable THEN '*' ELSE '' END AS e
  FROM aclexplode(",
            $acl,
            ") x) y)"
        )
    };
}

/// The privileges an owner's built-in default entry (in `$dflt`) has and its entry in `$acl` lacks,
/// as one sorted text (NULL when none): a `SELECT` for a lateral join.
macro_rules! owner_lacks {
    ($acl:literal, $dflt:literal, $owner:literal) => {
        concat!(
            "SELECT string_agg(lower(dd.privilege_type), ', ' ORDER BY dd.privilege_type)
  FROM aclexplode(",
            $dflt,
            ") dd WHERE dd.grantee = ",
            $owner,
            " AND NOT EXISTS (SELECT 1 FROM aclexplode(",
            $acl,
            ") x WHERE x.grantee = ",
            $owner,
            " AND x.privilege_type = dd.privilege_type)"
        )
    };
}

/// One row per unmodelled object: `kind, schema, name, args, parent, definition`. `schema` is
/// NULL for database-wide objects; `parent` is the table a trigger, policy, rule or column
/// belongs to (same schema).
pub const QUERY: &str = concat!(
    "WITH sel AS (
  SELECT n.oid, n.nspname, n.nspacl, n.nspowner FROM pg_namespace n
  WHERE n.nspname = ANY($1) AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
), rel AS (
  SELECT c.oid, c.relname, c.relkind, c.relowner, c.relacl, c.relrowsecurity, c.relforcerowsecurity,
    c.relispartition, c.relpersistence, c.reloptions, c.relreplident, c.reltablespace, c.relam,
    c.relpartbound, c.reloftype, s.nspname
  FROM pg_class c JOIN sel s ON s.oid = c.relnamespace
  WHERE NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_class'::regclass
                    AND xd.objid = c.oid AND xd.deptype = 'e')",
    "
), typ AS (
  SELECT t.oid, t.typname, t.typtype, t.typowner, t.typacl, t.typrelid, t.typbasetype, t.typtypmod,
    t.typnotnull, t.typdefaultbin, t.typinput, t.typoutput, s.nspname
  FROM pg_type t JOIN sel s ON s.oid = t.typnamespace
  WHERE t.typtype IN ('b', 'c', 'd', 'e', 'r')
    AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
    AND ",
    not_owned!("pg_type", "t.oid"),
    "
)
SELECT 'trigger', r.nspname::text, t.tgname::text, NULL, r.relname::text,
  pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text
FROM pg_trigger t JOIN rel r ON r.oid = t.tgrelid
WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND (r.relkind NOT IN ('r', 'p', 'v', 'm') OR r.relispartition)
UNION ALL
SELECT 'privileges', o.nsp::text, o.name::text, o.args, o.parent::text, ",
    acl_text!("o.acl", "o.owner"),
    "
FROM (
  -- Tables, views (and their columns), sequences, schemas, routines and types are modelled
  -- (kinds::privilege, partitions and identity sequences too); foreign tables are not.
  SELECT r.nspname, r.relname, NULL, NULL, r.relacl, r.relowner,
    acldefault(CASE WHEN r.relkind = 'S' THEN 's' ELSE 'r' END::\"char\", r.relowner)
  FROM rel r WHERE r.relkind = 'f' OR (r.relkind IN ('r', 'p')
    AND EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_class'::regclass
               AND xd.objid = r.oid AND xd.deptype = 'i'))
  UNION ALL
  SELECT r.nspname, a.attname, NULL, r.relname, a.attacl, r.relowner, '{}'::aclitem[]
  FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid
  WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
    AND r.relkind NOT IN ('r', 'p', 'v', 'm')
) o(nsp, name, args, parent, acl, owner, dflt)
WHERE o.acl IS NOT NULL AND NOT (o.acl @> o.dflt AND o.acl <@ o.dflt)
UNION ALL
-- Partitioning and inheritance of tables are modelled (kinds::table::shape); foreign tables' are not.
SELECT CASE WHEN r.relispartition THEN 'partition' ELSE 'inheritance' END,
  r.nspname::text, r.relname::text, NULL, NULL,
  (SELECT string_agg(quote_ident(pn.nspname) || '.' || quote_ident(pc.relname), ', ' ORDER BY i.inhseqno)
   FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
   JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = r.oid)
  || COALESCE(' ' || pg_get_expr(r.relpartbound, r.oid), '')
FROM rel r
WHERE r.relkind = 'f' AND EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = r.oid)
UNION ALL
-- Foreign tables are tables (kinds::foreign::table) when their server is modelled.
SELECT 'foreign_table', r.nspname::text, r.relname::text, NULL, NULL, NULL
FROM rel r JOIN pg_foreign_table ft ON ft.ftrelid = r.oid
JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
WHERE r.relkind = 'f' AND ",
    not_owned!("pg_foreign_data_wrapper", "fs.srvfdw"),
    "
UNION ALL
-- UNLOGGED and storage parameters of tables, views, materialized views and indexes are
-- modelled (kinds::table::shape), and so are tablespaces, replica identities and clustered
-- indexes (kinds::table::relopts), and so is a sequence's UNLOGGED (kinds::sequence); a
-- sequence's options and a table access method other than heap are not, nor a typed table's OF type.
SELECT 'table_options', r.nspname::text, r.relname::text, NULL, NULL,
  concat_ws(' ',
    CASE WHEN r.relkind = 'S' THEN 'WITH (' || array_to_string(r.reloptions, ', ') || ')' END,
    -- PostgreSQL 17 gives a partitioned table an access method of its own (relam, 0 without USING).
    CASE WHEN r.relkind IN ('r', 'm', 'p') THEN
      (SELECT 'USING ' || am.amname FROM pg_am am WHERE am.oid = r.relam AND am.amname <> 'heap') END,
    CASE WHEN r.reloftype <> 0 THEN 'OF ' || r.reloftype::regtype::text END)
FROM rel r
WHERE r.relkind IN ('r', 'm', 'p', 'S') AND NOT r.relispartition
  AND ((r.relkind = 'S' AND r.reloptions IS NOT NULL)
       OR (r.relkind IN ('r', 'm', 'p') AND EXISTS (SELECT 1 FROM pg_am am WHERE am.oid = r.relam AND am.amname <> 'heap'))
       -- A typed table (`CREATE TABLE t OF type`) is read as a plain one.
       OR r.reloftype <> 0)
UNION ALL
-- PostgreSQL 18's temporal keys (`WITHOUT OVERLAPS`, `PERIOD`): kinds::constraint leaves them out
-- (conperiod is read through to_jsonb: absent before 18).
SELECT 'temporal_key', r.nspname::text, con.conname::text, NULL, r.relname::text,
  pg_get_constraintdef(con.oid)
FROM pg_constraint con JOIN rel r ON r.oid = con.conrelid
WHERE con.contype IN ('p', 'u', 'f') AND (to_jsonb(con) ->> 'conperiod')::boolean
  AND con.conislocal AND con.conparentid = 0
UNION ALL
-- PostgreSQL 18's NOT NULL constraints are catalog constraints; kinds::column models a column's
-- NOT NULL and its name, not one that is NOT VALID or NO INHERIT.
SELECT 'not_null_constraint', r.nspname::text, con.conname::text, NULL, r.relname::text,
  pg_get_constraintdef(con.oid)
FROM pg_constraint con JOIN rel r ON r.oid = con.conrelid
WHERE con.contype = 'n' AND (NOT con.convalidated OR con.connoinherit) AND con.conislocal
  AND r.relkind IN ('r', 'p')
UNION ALL
-- PostgreSQL 18: a partition's NOT NULL constraint named otherwise than its parent's (a table
-- attached as one keeps its own names; PARTITION OF takes the parent's): a partition's columns
-- are its parent's in the model (kinds::table::shape).
SELECT 'not_null_constraint', r.nspname::text, con.conname::text, NULL, r.relname::text,
  'NOT NULL ' || quote_ident(a.attname) || ' (the parent''s is ' || quote_ident(pcon.conname) || ')'
FROM rel r JOIN pg_inherits i ON i.inhrelid = r.oid
JOIN pg_constraint con ON con.conrelid = r.oid AND con.contype = 'n'
JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = con.conkey[1]
JOIN pg_attribute pa ON pa.attrelid = i.inhparent AND pa.attname = a.attname
JOIN pg_constraint pcon ON pcon.conrelid = i.inhparent AND pcon.contype = 'n'
  AND pcon.conkey[1] = pa.attnum
WHERE r.relispartition AND con.conname <> pcon.conname
UNION ALL
-- The model holds a partitioned table's indexes, not each partition's copy: a rebuild lets
-- PostgreSQL name the copies. One named otherwise (built first, then attached) is reported;
-- `args` carries what kinds::index::partition_names needs to tell (see `from_rows`).
SELECT 'partition_index', r.nspname::text, ic.relname::text,
  concat_ws(chr(1), '', CASE WHEN i.indisprimary THEN 'pkey' WHEN con.contype = 'x' THEN 'excl'
      WHEN con.contype = 'u' THEN 'key' ELSE 'idx' END, r.relname::text,
    (SELECT string_agg(a.attname::text, chr(1) ORDER BY a.attnum) FROM pg_attribute a
     WHERE a.attrelid = ic.oid)),
  r.relname::text, pg_get_indexdef(i.indexrelid)
FROM rel r JOIN pg_index i ON i.indrelid = r.oid JOIN pg_class ic ON ic.oid = i.indexrelid
LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = r.oid
  AND con.contype IN ('p', 'u', 'x')
WHERE r.relispartition AND ic.relispartition
UNION ALL
-- A partitioned index still missing a partition's (built ON ONLY, not every copy attached yet)
-- is read as a whole one: a rebuild builds it whole.
SELECT 'partition_index', r.nspname::text, ic.relname::text, NULL, r.relname::text,
  'INVALID ' || pg_get_indexdef(i.indexrelid)
FROM rel r JOIN pg_index i ON i.indrelid = r.oid JOIN pg_class ic ON ic.oid = i.indexrelid
WHERE r.relkind = 'p' AND NOT i.indisvalid
UNION ALL
-- The owner's own privileges are not modelled (kinds::privilege leaves them out: scratch objects
-- belong to whoever runs pgdrift), so one an owner revoked from itself is reported here.
SELECT 'privileges', o.nsp::text, o.name::text, o.args, NULL, 'owner lacks ' || m.missing
FROM (
  SELECT r.nspname, r.relname, NULL::text, r.relacl, r.relowner,
    acldefault(CASE WHEN r.relkind = 'S' THEN 's' ELSE 'r' END::\"char\", r.relowner)
  FROM rel r WHERE r.relacl IS NOT NULL AND r.relkind IN ('r', 'p', 'v', 'm', 'S')
  UNION ALL
  SELECT s.nspname, p.proname, '(' || pg_get_function_identity_arguments(p.oid) || ')',
    p.proacl, p.proowner, acldefault('f', p.proowner)
  FROM pg_proc p JOIN sel s ON s.oid = p.pronamespace
  WHERE p.proacl IS NOT NULL AND ",
    not_owned!("pg_proc", "p.oid"),
    "
  UNION ALL
  SELECT t.nspname, t.typname, NULL, t.typacl, t.typowner, acldefault('T', t.typowner)
  FROM typ t WHERE t.typacl IS NOT NULL
  UNION ALL
  SELECT NULL, 'schema ' || quote_ident(s.nspname), NULL, s.nspacl, s.nspowner,
    acldefault('n', s.nspowner)
  FROM sel s WHERE s.nspacl IS NOT NULL
) o(nsp, name, args, acl, owner, dflt)
CROSS JOIN LATERAL (",
    owner_lacks!("o.acl", "o.dflt", "o.owner"),
    ") m(missing)
WHERE m.missing IS NOT NULL
UNION ALL
-- Likewise a role's global default privileges that revoke from the role itself.
SELECT 'default_privileges', NULL, 'for role ' || quote_ident(pg_get_userbyid(d.defaclrole)) || ' on '
    || CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences'
       WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas'
       ELSE d.defaclobjtype::text END,
  NULL, NULL, 'owner lacks ' || m.missing
FROM (SELECT d.*, acldefault(CASE WHEN d.defaclobjtype = 'S' THEN 's' ELSE d.defaclobjtype END,
        d.defaclrole) AS dflt FROM pg_default_acl d WHERE d.defaclnamespace = 0) d
CROSS JOIN LATERAL (",
    owner_lacks!("d.defaclacl", "d.dflt", "d.defaclrole"),
    ") m(missing)
WHERE m.missing IS NOT NULL
UNION ALL
-- Comments on policies (the policy kind holds none).
SELECT 'comment', r.nspname::text, p.polname::text, NULL, r.relname::text, d.description
FROM pg_policy p JOIN rel r ON r.oid = p.polrelid
JOIN pg_description d ON d.objoid = p.oid AND d.classoid = 'pg_policy'::regclass
UNION ALL
SELECT 'column_options', r.nspname::text, a.attname::text, NULL, r.relname::text,
  -- A table column's STORAGE, COMPRESSION and STATISTICS are modelled (kinds::column,
  -- kinds::statistics); a matview's are not, nor the target of a column a child inherits when
  -- it is not its parent's (SET STATISTICS on a parent recurses to its children).
  concat_ws(' ', CASE WHEN r.relkind = 'm' AND a.attstorage <> t.typstorage THEN 'STORAGE ' || a.attstorage::text END,
    CASE WHEN r.relkind = 'm' AND a.attcompression <> '' THEN 'COMPRESSION ' || a.attcompression::text END,
    CASE WHEN r.relkind = 'm' AND COALESCE(a.attstattarget::int, -1) >= 0
           OR NOT a.attislocal AND COALESCE(a.attstattarget::int, -1) <> ptarget.t
      THEN 'STATISTICS ' || COALESCE(a.attstattarget::int, -1)::text END,
    -- A table column's attribute options are too (kinds::statistics::attribute_options).
    CASE WHEN r.relkind = 'm' THEN 'SET (' || array_to_string(a.attoptions, ', ') || ')' END)
FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN LATERAL (
  SELECT COALESCE(pa.attstattarget::int, -1) FROM pg_inherits i
  JOIN pg_attribute pa ON pa.attrelid = i.inhparent AND pa.attname = a.attname
  WHERE i.inhrelid = r.oid ORDER BY i.inhseqno LIMIT 1) ptarget(t) ON NOT a.attislocal
WHERE r.relkind IN ('r', 'p', 'm') AND NOT r.relispartition AND a.attnum > 0 AND NOT a.attisdropped
  AND ((r.relkind = 'm' AND (a.attstorage <> t.typstorage OR a.attcompression <> ''))
       OR (r.relkind = 'm' AND COALESCE(a.attstattarget::int, -1) >= 0)
       OR (NOT a.attislocal AND COALESCE(a.attstattarget::int, -1) <> ptarget.t)
       OR (r.relkind = 'm' AND a.attoptions IS NOT NULL))
UNION ALL
-- A partition's own column order, when not its parent's (a table attached as one keeps its
-- own): a partition's columns are its parent's in the model (kinds::table::shape).
SELECT 'partition', r.nspname::text, r.relname::text, NULL, NULL,
  'columns in the order ' || array_to_string(own.cols, ', ')
FROM rel r JOIN pg_inherits i ON i.inhrelid = r.oid,
LATERAL (SELECT ARRAY(SELECT quote_ident(a.attname) FROM pg_attribute a WHERE a.attrelid = r.oid
  AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)) own(cols),
LATERAL (SELECT ARRAY(SELECT quote_ident(a.attname) FROM pg_attribute a WHERE a.attrelid = i.inhparent
  AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)) parent(cols)
WHERE r.relispartition AND own.cols IS DISTINCT FROM parent.cols
UNION ALL
-- A partition's own column default (`PARTITION OF parent (col DEFAULT ...)`, or one it kept when
-- attached) is not modelled: a partition's columns are its parent's (kinds::table::shape).
SELECT 'column_options', r.nspname::text, a.attname::text, NULL, r.relname::text,
  'DEFAULT ' || COALESCE(pg_get_expr(ad.adbin, ad.adrelid), 'NULL')
FROM rel r JOIN pg_inherits i ON i.inhrelid = r.oid
JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_attribute pa ON pa.attrelid = i.inhparent AND pa.attname = a.attname
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum
WHERE r.relispartition
  AND pg_get_expr(ad.adbin, ad.adrelid) IS DISTINCT FROM pg_get_expr(pd.adbin, pd.adrelid)
UNION ALL
SELECT 'column_options', r.nspname::text, a.attname::text, NULL, r.relname::text,
  concat_ws(' ', 'DEFAULT ' || pg_get_expr(ad.adbin, ad.adrelid),
    CASE WHEN COALESCE(a.attstattarget::int, -1) >= 0 THEN 'STATISTICS ' || a.attstattarget::text END)
FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
WHERE r.relkind IN ('v', 'i', 'I') AND a.attnum > 0 AND NOT a.attisdropped
  AND (ad.adbin IS NOT NULL OR COALESCE(a.attstattarget::int, -1) >= 0)
UNION ALL
SELECT 'base_type', t.nspname::text, t.typname::text, NULL, NULL,
  concat_ws(' ', t.typinput::text, t.typoutput::text)
FROM typ t WHERE t.typtype = 'b'
UNION ALL
-- Statistics on tables of the selected schemas are modelled (kinds::statistics); those on
-- materialized views, foreign tables and tables of other schemas are not.
SELECT 'statistics', s.nspname::text, x.stxname::text, NULL, NULL, pg_get_statisticsobjdef(x.oid)
FROM pg_statistic_ext x JOIN sel s ON s.oid = x.stxnamespace
WHERE ",
    not_owned!("pg_statistic_ext", "x.oid"),
    "
  AND NOT EXISTS (SELECT 1 FROM rel r WHERE r.oid = x.stxrelid AND r.relkind IN ('r', 'p'))
UNION ALL
SELECT 'text_search_configuration', s.nspname::text, c.cfgname::text, NULL, NULL, NULL
FROM pg_ts_config c JOIN sel s ON s.oid = c.cfgnamespace
WHERE ",
    not_owned!("pg_ts_config", "c.oid"),
    "
UNION ALL
SELECT 'text_search_dictionary', s.nspname::text, d.dictname::text, NULL, NULL, NULL
FROM pg_ts_dict d JOIN sel s ON s.oid = d.dictnamespace
WHERE ",
    not_owned!("pg_ts_dict", "d.oid"),
    "
UNION ALL
SELECT 'operator', s.nspname::text, o.oprname::text,
  '(' || format_type(o.oprleft, NULL) || ', ' || format_type(o.oprright, NULL) || ')', NULL,
  o.oprcode::regprocedure::text
FROM pg_operator o JOIN sel s ON s.oid = o.oprnamespace
WHERE ",
    not_owned!("pg_operator", "o.oid"),
    "
UNION ALL
SELECT 'operator_class', s.nspname::text, o.opcname::text, NULL, NULL, NULL
FROM pg_opclass o JOIN sel s ON s.oid = o.opcnamespace
WHERE ",
    not_owned!("pg_opclass", "o.oid"),
    "
UNION ALL
SELECT 'operator_family', s.nspname::text, o.opfname::text, NULL, NULL, NULL
FROM pg_opfamily o JOIN sel s ON s.oid = o.opfnamespace
WHERE ",
    not_owned!("pg_opfamily", "o.oid"),
    "
UNION ALL
SELECT 'conversion', s.nspname::text, c.conname::text, NULL, NULL, NULL
FROM pg_conversion c JOIN sel s ON s.oid = c.connamespace
WHERE ",
    not_owned!("pg_conversion", "c.oid"),
    "
UNION ALL
SELECT 'cast', NULL, format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL), NULL, NULL,
  concat_ws(' ', c.castfunc::regprocedure::text, c.castcontext::text, c.castmethod::text)
FROM pg_cast c WHERE c.oid >= 16384 AND ",
    not_owned!("pg_cast", "c.oid"),
    "
UNION ALL
SELECT 'language', NULL, l.lanname::text, NULL, NULL, NULL
FROM pg_language l WHERE l.oid >= 16384 AND ",
    not_owned!("pg_language", "l.oid"),
    "
UNION ALL
SELECT 'foreign_data_wrapper', NULL, w.fdwname::text, NULL, NULL, array_to_string(w.fdwoptions, ', ')
FROM pg_foreign_data_wrapper w WHERE ",
    not_owned!("pg_foreign_data_wrapper", "w.oid"),
    "
UNION ALL
-- Servers of a wrapper an extension provides are modelled (kinds::foreign); others are not.
SELECT 'foreign_server', NULL, f.srvname::text, NULL, NULL, array_to_string(f.srvoptions, ', ')
FROM pg_foreign_server f WHERE ",
    not_owned!("pg_foreign_server", "f.oid"),
    "
  AND ",
    not_owned!("pg_foreign_data_wrapper", "f.srvfdw"),
    "
UNION ALL
-- A user mapping's option values hold passwords: only the option names are read, never shown.
SELECT 'user_mapping', NULL, 'for ' || u.usename::text || ' on server ' || u.srvname::text, NULL, NULL,
  (SELECT string_agg(split_part(o, '=', 1), ', ' ORDER BY 1) FROM unnest(u.umoptions) o)
FROM pg_user_mappings u
UNION ALL
SELECT 'subscription', NULL, s.subname::text, NULL, NULL, NULL FROM pg_subscription s
WHERE s.subdbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
UNION ALL
SELECT 'access_method', NULL, a.amname::text, NULL, NULL, a.amtype::text
FROM pg_am a WHERE a.oid >= 16384 AND ",
    not_owned!("pg_am", "a.oid"),
    ""
);

const Q: &str = "inventory";

pub const CATALOG: crate::introspect::CatalogQuery = crate::introspect::CatalogQuery {
    name: Q,
    sql: QUERY,
    takes_schemas: true,
    read,
};

fn read(
    rows: &[Row],
    cx: &mut crate::introspect::ReadCx,
) -> Result<(), crate::introspect::IntrospectError> {
    cx.out.unsupported = from_rows(rows)?;
    Ok(())
}

/// Reads the rows of [`QUERY`] into entries, sorted by kind and name.
pub fn from_rows(rows: &[Row]) -> Result<Vec<Unsupported>, crate::introspect::IntrospectError> {
    let get = |row: &Row, i: usize| -> Result<Option<String>, crate::introspect::IntrospectError> {
        row.try_get::<_, Option<String>>(i).map_err(|e| {
            crate::introspect::IntrospectError::Unexpected {
                query: Q,
                object: "an unsupported object".to_string(),
                detail: e.to_string(),
            }
        })
    };
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let kind = get(row, 0)?.unwrap_or_default();
        let schema = get(row, 1)?;
        let name = get(row, 2)?.unwrap_or_default();
        let mut args = get(row, 3)?.unwrap_or_default();
        if kind == "partition_index" && !args.is_empty() {
            if partition_index_named_by_default(&name, &args) {
                continue;
            }
            args.clear();
        }
        let parent = get(row, 4)?;
        let name = display_name(&kind, schema.as_deref(), &name, &args, parent.as_deref());
        out.push(Unsupported {
            kind,
            name,
            definition: get(row, 5)?.filter(|d| !d.is_empty()),
        });
    }
    out.sort_by(|a, b| (&a.kind, &a.name).cmp(&(&b.kind, &b.name)));
    out.dedup_by(|a, b| a.kind == b.kind && a.name == b.name);
    Ok(out)
}

/// Whether a partition's index, with the inventory's `args` (`\x01label\x01table\x01column...`),
/// bears the name a rebuild gives it: then it is no finding.
fn partition_index_named_by_default(name: &str, args: &str) -> bool {
    use crate::kinds::index::partition_names::{is_default, Label};
    let mut parts = args.split('\u{1}').skip(1);
    let (Some(label), Some(table)) = (parts.next(), parts.next()) else {
        return false;
    };
    let columns: Vec<&str> = parts.collect();
    is_default(name, table, &columns, Label::parse(label))
}

/// `touch()`, `audit.touch(integer)`, `users_touch on users`, `users.mail`, `schema billing`.
fn display_name(
    kind: &str,
    schema: Option<&str>,
    name: &str,
    args: &str,
    parent: Option<&str>,
) -> String {
    match (schema, parent) {
        (Some(s), Some(p)) => {
            let owner = QualifiedName::new(s, p).display_name();
            if kind == "column_options" || kind == "privileges" {
                format!(
                    "{owner}.{}",
                    QualifiedName::new("public", name).display_name()
                )
            } else {
                format!(
                    "{} on {owner}",
                    QualifiedName::new("public", name).display_name()
                )
            }
        }
        (Some(s), None) => format!("{}{args}", QualifiedName::new(s, name).display_name()),
        // Already spelled out by the query: `pair AS text`, `schema billing`, `on sequence s`.
        (None, _)
            if matches!(
                kind,
                "cast" | "default_privileges" | "comment" | "privileges"
            ) =>
        {
            format!("{name}{args}")
        }
        (None, _) => format!(
            "{}{args}",
            QualifiedName::new("public", name).display_name()
        ),
    }
}

/// One `unsupported` finding per object either side holds. Both sides' definitions are shown,
/// so a reader can tell "present and equal" from "different" even though pgdrift cannot plan
/// the change.
pub fn diff(declared: &Schema, live: &Schema) -> Vec<Change> {
    type BothSides<'a> = (Option<&'a Unsupported>, Option<&'a Unsupported>);
    let mut all: BTreeMap<(&str, &str), BothSides> = BTreeMap::new();
    for u in &declared.unsupported {
        all.entry((&u.kind, &u.name)).or_default().0 = Some(u);
    }
    for u in &live.unsupported {
        all.entry((&u.kind, &u.name)).or_default().1 = Some(u);
    }
    let mut out = Vec::new();
    for ((kind, name), (d, l)) in all {
        let id = kind_id(kind);
        let words = kind_words(id);
        let summary = match (d, l) {
            (Some(d), Some(l)) if d.definition == l.definition => format!(
                "{words} {name} is not modelled by pgdrift: present on both sides with the same definition, but not compared in detail, planned or squashed"
            ),
            (Some(_), Some(_)) => format!(
                "{words} {name} is not modelled by pgdrift and differs between the two sides; pgdrift cannot plan this change"
            ),
            (Some(_), None) => format!(
                "{words} {name} is not modelled by pgdrift: only on the declared side (a snapshot or a squash source), absent from the database"
            ),
            (None, _) => format!(
                "{words} {name} is not modelled by pgdrift: it exists in the database and cannot be declared yet"
            ),
        };
        let object = ObjectRef {
            kind: ObjectKind::Unsupported(id),
            table: None,
            name: name.to_string(),
            member: None,
            qualified: None,
        };
        let mut change = Change::new(Category::Unsupported, Severity::Warning, object, summary);
        change.presence = match (d, l) {
            (Some(_), None) => Presence::Missing,
            (None, Some(_)) => Presence::Extra,
            _ => Presence::Changed,
        };
        change.declared = d.and_then(|u| u.definition.clone());
        change.live = l.and_then(|u| u.definition.clone());
        out.push(change);
    }
    out
}

/// One line per entry, for `inspect`'s comment block and the warnings of `plan` and `squash`.
pub fn lines(unsupported: &[Unsupported]) -> Vec<String> {
    unsupported
        .iter()
        .map(|u| format!("{} {}", kind_words(kind_id(&u.kind)), u.name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names() {
        assert_eq!(
            display_name("function", Some("public"), "touch", "()", None),
            "touch()"
        );
        assert_eq!(
            display_name("function", Some("Audit"), "f", "(integer)", None),
            "Audit.f(integer)"
        );
        assert_eq!(
            display_name("trigger", Some("public"), "t", "", Some("users")),
            "t on users"
        );
        assert_eq!(
            display_name("column_options", Some("billing"), "Mail", "", Some("users")),
            "billing.users.Mail"
        );
        assert_eq!(display_name("cast", None, "a AS b", "", None), "a AS b");
        assert_eq!(
            display_name("publication", None, "a.b", "", None),
            "\"a.b\""
        );
    }

    #[test]
    fn every_kind_has_words() {
        for (id, _) in known_kinds() {
            assert_eq!(kind_id(id), *id);
            assert_ne!(kind_words(id), "object");
        }
        assert_eq!(kind_id("constraint_options"), "constraint_options");
        // Retired when publications became a kind: old snapshots still name it.
        assert_eq!(kind_id("publication"), "publication");
        // Rules are modelled now; a snapshot written before still names them.
        assert_eq!(kind_id("rule"), "rule");
        assert!(!KINDS.iter().any(|(id, _)| *id == "rule"));
        let old = "unsupported:\n- kind: rule\n  name: keep on t\n  definition: CREATE RULE keep AS ON DELETE TO t DO INSTEAD NOTHING\n";
        let snap = crate::load::load_snapshot_str(old, std::path::Path::new("old.yaml"));
        assert!(snap.is_ok_and(|s| s.unsupported[0].kind == "rule"));
        assert_eq!(kind_id("something new"), "object");
    }

    #[test]
    fn diff_tells_same_from_different() {
        let u = |def: &str| Unsupported {
            kind: "function".into(),
            name: "f()".into(),
            definition: Some(def.into()),
        };
        let mut a = Schema::default();
        let mut b = Schema::default();
        a.unsupported.push(u("x"));
        b.unsupported.push(u("x"));
        let same = diff(&a, &b);
        assert_eq!(same.len(), 1);
        assert!(same[0].summary.contains("same definition"));
        b.unsupported[0] = u("y");
        assert!(diff(&a, &b)[0].summary.contains("differs"));
        b.unsupported.clear();
        assert!(diff(&a, &b)[0]
            .summary
            .contains("only on the declared side"));
        assert_eq!(diff(&a, &b)[0].category, Category::Unsupported);
        assert!(diff(&Schema::default(), &Schema::default()).is_empty());
    }
}
