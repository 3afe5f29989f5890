//! pgdrift: declarative schema-as-code for PostgreSQL.
//!
//! The flow (see README, "Design"): `load` reads schema.yaml + views/ into a [`model::Schema`];
//! `normalize` runs that declared schema through a scratch PostgreSQL database and reads it back
//! with `introspect`, the same batched catalog queries used on the live side; `diff` compares two
//! models into typed changes; `report` renders them; `plan`/`apply` turn them into SQL and run it;
//! `squash` renders one script that rebuilds a schema, and `witness` checks a rebuild with
//! pg_dump, independently of the model. `ddl` is the one SQL emitter they share.

pub mod alembic;
pub mod app;
pub mod apply;
pub mod color;
pub mod conn;
pub mod ddl;
pub mod diff;
pub mod ephemeral;
pub mod erd;
pub mod error;
pub mod fleet;
pub mod fuzzing;
pub mod github;
pub mod graph;
pub mod help;
pub mod html;
pub mod introspect;
pub mod inventory;
pub mod kinds;
pub mod lint;
pub mod load;
pub mod model;
pub mod normalize;
pub mod plan;
pub mod postgres;
pub mod progress;
pub mod report;
pub mod sarif;
pub mod shell;
pub mod sources;
pub mod squash;
pub mod suggest;
pub mod types;
pub mod witness;
pub mod write;

pub use error::Error;
pub use model::Schema;
