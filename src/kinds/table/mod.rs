//! Tables: the relation itself, its comment and renames; members live in column, constraint and index.
//!
//! One kind, one module: `catalog` reads it from a database (one batched query), `diff`
//! compares it, `ddl` emits its SQL, `plan` orders its migration steps. See src/kinds/mod.rs.

pub mod catalog;
pub mod column_order;
pub mod ddl;
pub mod detach;
pub mod diff;
pub(crate) mod load;
pub(crate) mod persistence;
pub mod plan;
pub mod relopts;
pub(crate) mod relopts_diff;
pub mod shape;
