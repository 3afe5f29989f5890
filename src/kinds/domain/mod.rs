//! Domains: a base type with an optional default, `NOT NULL`, collation and named checks.
//!
//! Declared under `domains:` in schema.yaml:
//!
//! ```yaml
//! domains:
//!   email: {type: text, not_null: true, checks: {email_check: "VALUE ~ '@'"}}
//!   billing.cents: {type: bigint, default: 0, checks: {positive: "VALUE >= 0"}}
//! ```
//!
//! Read from `pg_type` (`typtype = 'd'`) and `pg_constraint.contypid`; the default and the
//! checks are deparsed by the server (`pg_get_expr`), so the declared side is compared after
//! normalization like a table's checks.
//!
//! One kind, one module: `catalog` reads it, `diff` compares it, `ddl` emits its SQL, `plan`
//! orders its migration steps, `load` validates a declaration. See src/kinds/mod.rs.

pub mod catalog;
pub mod ddl;
pub mod diff;
pub mod load;
pub mod model;
pub mod plan;

pub use model::Domain;
