//! Composite types (`CREATE TYPE t AS (a int, b text)`): named attributes in order.
//!
//! Declared under `types:` in schema.yaml; an attribute is its type, or a map with `type` and
//! `collation`:
//!
//! ```yaml
//! types:
//!   address: {attributes: {street: text, zip: {type: text, collation: "C"}}}
//! ```
//!
//! Read from `pg_type` (`typtype = 'c'` whose relation is of relkind `c`, not a table's row
//! type) and `pg_attribute`.
//!
//! One kind, one module: `catalog` reads it, `diff` compares it, `ddl` emits its SQL, `plan`
//! orders its migration steps. See src/kinds/mod.rs.

pub mod catalog;
pub mod ddl;
pub mod diff;
pub mod load;
pub mod model;
pub mod plan;
pub(crate) mod rebuild;

pub use model::{Attribute, CompositeType};
