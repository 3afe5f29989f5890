//! Range types (`CREATE TYPE r AS RANGE (subtype = ...)`) and the multirange type each brings.
//!
//! Declared under `ranges:` in schema.yaml; only `subtype` is required:
//!
//! ```yaml
//! ranges:
//!   floatrange: {subtype: double precision, subtype_diff: float8mi}
//!   app.textrange: {subtype: text, collation: "C", multirange: text_multi}
//! ```
//!
//! Read from `pg_range`. Options are kept only where they differ from what PostgreSQL picks
//! (the subtype's default operator class and collation, the `<name>multirange` name), so a
//! declaration that leaves them out equals the database. PostgreSQL has no `ALTER` for them: a
//! changed range type is dropped and created again.
//!
//! One kind, one module: `catalog` reads it, `diff` compares it, `ddl` emits its SQL. Its plan
//! steps are those of `kinds::type_order`.

pub mod catalog;
pub mod ddl;
pub mod diff;
pub mod load;
pub mod model;

pub use model::{default_multirange_name, RangeType};
