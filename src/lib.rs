//! pgdrift: declarative schema-as-code for PostgreSQL.
//!
//! The flow (see README, "Design"): `load` reads schema.yaml + views/ into a [`model::Schema`];
//! `normalize` runs that declared schema through a scratch PostgreSQL database and reads it back
//! with `introspect`, the same batched catalog queries used on the live side; `diff` compares two
//! models into typed changes; `report` renders them; `plan`/`apply` turn them into SQL and run it;
//! `squash` renders one script that rebuilds a schema. `ddl` is the one SQL emitter they share.

pub mod app;
pub mod apply;
pub mod conn;
pub mod ddl;
pub mod diff;
pub mod ephemeral;
pub mod error;
pub mod introspect;
pub mod load;
pub mod model;
pub mod normalize;
pub mod plan;
pub mod report;
pub mod squash;
pub mod types;
pub mod write;

pub use error::Error;
pub use model::Schema;
