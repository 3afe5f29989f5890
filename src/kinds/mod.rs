//! One module per object kind.
//!
//! A kind of object (a table's columns, an index, a view, ...) lives in one place,
//! `src/kinds/<kind>/`: its catalog query and reader (`catalog`), its diff rules (`diff`), its
//! SQL (`ddl`) and its steps in a migration plan (`plan`). The stages (`introspect`, `diff`, `ddl`, `plan`, `squash`, ...) stay short and
//! call the kinds in the order this module lists them; the model types are shared in
//! `crate::model`, so there is still one `Schema`.
//!
//! Adding a kind: a new folder here with those files, a field in `model::Schema`, one line
//! in each list below, and the docs. Objects of a kind not modelled yet are reported by
//! `crate::inventory` as `unsupported`; its arm of the inventory query goes away when the kind
//! arrives.

// Pieces of the catalog queries that several kinds share; defined before the kind modules so
// each of them can use them in its `concat!` query text.
/// Objects created by an extension belong to it, not to the schema.
macro_rules! not_extension_member {
    ($catalog:literal, $oid:literal) => {
        concat!(
            "NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = '",
            $catalog,
            "'::regclass AND xd.objid = ",
            $oid,
            " AND xd.deptype = 'e')"
        )
    };
}

/// Schemas that are never user schemas even if asked for (catalogs, temp and toast schemas).
macro_rules! user_schema {
    ($n:literal) => {
        concat!(
            $n,
            ".nspname = ANY($1) AND ",
            $n,
            ".nspname NOT LIKE 'pg\\_%' AND ",
            $n,
            ".nspname <> 'information_schema'"
        )
    };
}

/// The selected relations: tables (plain, partitioned parents and partitions), views and
/// materialized views; extension members and other relkinds are left out. A partition's
/// members that its parent propagates (columns, cloned keys, attached indexes) are left out by
/// each member's query (`relispartition`, `attislocal`, `conislocal`).
macro_rules! rel_cte {
    () => {
        concat!(
            "WITH rel AS (
  SELECT c.oid, n.nspname, c.relname, c.relkind, c.relispartition
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE ",
            user_schema!("n"),
            "
    AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
    AND ",
            not_extension_member!("pg_class", "c.oid"),
            // A foreign table is modelled when its server is (its wrapper from an extension).
            "
    AND (c.relkind <> 'f' OR EXISTS (SELECT 1 FROM pg_foreign_table ft
      JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
      JOIN pg_depend wd ON wd.classid = 'pg_foreign_data_wrapper'::regclass
       AND wd.objid = fs.srvfdw AND wd.deptype = 'e'
      WHERE ft.ftrelid = c.oid)))\n"
        )
    };
}

pub mod collation;
pub mod column;
pub mod composite_type;
pub mod constraint;
pub mod domain;
pub mod enum_type;
pub mod event_trigger;
pub mod extension;
pub mod foreign;
pub mod function;
pub mod index;
pub mod owner;
pub mod policy;
pub mod privilege;
pub mod publication;
pub mod range_type;
pub mod rule;
pub mod schema;
pub mod sequence;
pub mod statistics;
pub mod table;
pub mod trigger;
pub mod type_order;
pub(crate) mod type_park;
pub mod type_plan;
pub mod view;

use crate::introspect::CatalogQuery;

/// Every catalog query `introspect` sends, in the order their rows are read: relations before
/// the members attached to them, the inventory last. (`owner::catalog` is not among them: owners
/// are read only with `--owners`, by `app::read_db_with`.)
pub const CATALOG: &[CatalogQuery] = &[
    schema::catalog::CATALOG,
    extension::catalog::CATALOG,
    enum_type::catalog::CATALOG,
    collation::catalog::CATALOG,
    domain::catalog::CATALOG,
    composite_type::catalog::CATALOG,
    range_type::catalog::CATALOG,
    sequence::catalog::CATALOG,
    table::catalog::CATALOG,
    column::catalog::CATALOG,
    constraint::catalog::CATALOG,
    index::catalog::CATALOG,
    table::detach::CATALOG,
    statistics::catalog::CATALOG,
    view::catalog::CATALOG,
    function::catalog::CATALOG,
    trigger::catalog::CATALOG,
    rule::catalog::CATALOG,
    event_trigger::catalog::CATALOG,
    publication::catalog::CATALOG,
    foreign::catalog::CATALOG,
    crate::inventory::CATALOG,
    // After every relation reader: these attach to tables and views by name.
    policy::catalog::CATALOG,
    privilege::catalog::CATALOG,
];
