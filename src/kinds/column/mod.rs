//! Columns of a table: type, default, nullability, identity, generated expression, collation, comment.
//!
//! One kind, one module: `catalog` reads it from a database (one batched query), `diff`
//! compares it, `ddl` emits its SQL, `plan` orders its migration steps. See src/kinds/mod.rs.

pub mod catalog;
pub mod ddl;
pub mod diff;
pub mod generated;
pub mod identity;
pub mod load;
pub mod model;
pub mod not_null;
pub mod plan;
pub mod users;
