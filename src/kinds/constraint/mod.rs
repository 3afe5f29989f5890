//! Table constraints: primary key, unique, check, foreign key, exclusion.
//!
//! One kind, one module: `catalog` reads it from a database (one batched query), `diff`
//! compares it, `ddl` emits its SQL, `plan` orders its migration steps. See src/kinds/mod.rs.

pub mod bool_compare;
pub mod catalog;
pub mod ddl;
pub mod diff;
pub mod load;
pub mod model;
pub mod on_delete;
pub mod plan;
pub mod unique_form;
