//! Collations created with `CREATE COLLATION` (not the built-in ones of `pg_catalog`).
//!
//! Declared under `collations:` in schema.yaml:
//!
//! ```yaml
//! collations:
//!   german: {provider: icu, locale: de-DE}
//!   ci: {provider: icu, locale: "und-u-ks-level2", deterministic: false}
//!   app.posix: {locale: C}              # provider libc is the default
//!   mixed: {lc_collate: C, lc_ctype: C.UTF-8}
//! ```
//!
//! Read from `pg_collation` (the ICU/builtin locale column changed name in 15 and 17; the query
//! reads it through `to_jsonb`, so one query serves every version). The version is never
//! compared. PostgreSQL cannot alter a collation's definition: a changed one is dropped and
//! created again.
//!
//! One kind, one module: `catalog` reads it, `diff` compares it, `ddl` emits its SQL. Its plan
//! steps are those of `kinds::type_order`.

pub mod catalog;
pub mod ddl;
pub mod diff;
pub mod load;
pub mod model;

pub use model::{Collation, PROVIDERS};
