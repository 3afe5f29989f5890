//! Enum types and their labels, in order.
//!
//! One kind, one module: `catalog` reads it from a database (one batched query), `diff`
//! compares it, `ddl` emits its SQL, `plan` orders its migration steps. See src/kinds/mod.rs.

pub mod catalog;
pub mod ddl;
pub mod diff;
pub mod load;
pub mod plan;
