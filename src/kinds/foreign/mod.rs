//! Foreign servers (`CREATE SERVER`, SQL/MED): database-wide, by name.
//!
//! Declared top-level in schema.yaml as a list under `foreign_servers:`. The wrapper itself
//! (`CREATE FOREIGN DATA WRAPPER`, superuser-only) comes from an extension the project declares
//! (`postgres_fdw`, `file_fdw`) and stays outside the model; a server is created after the
//! extensions and dropped after the foreign tables that use it.
//!
//! `load` validates, `catalog` reads `pg_foreign_server`, `diff` compares, `ddl` emits SQL,
//! `plan` orders the steps. Options are a map: their order never matters.

pub mod catalog;
pub mod ddl;
pub mod diff;
pub mod load;
pub mod model;
pub mod plan;
pub mod table;

pub use model::ForeignServer;
pub use table::ForeignTable;
