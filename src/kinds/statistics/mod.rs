//! Extended statistics (`CREATE STATISTICS`) and column statistics targets (`ALTER COLUMN …
//! SET STATISTICS n`): what the planner samples, declared with the table they are on.
//!
//! A statistics object is declared under its table like an index (`statistics: {name:
//! {columns: [a, "lower(b)"], kinds: [ndistinct]}}`), read from `pg_statistic_ext` with
//! `pg_get_statisticsobjdef_columns`, and normalized through the scratch database like
//! everything else, so a declared column order or spelling PostgreSQL stores otherwise compares
//! equal. A column's target is the column's `statistics_target`; its `n_distinct` override is
//! its `attribute_options` (`attribute_options`).
//!
//! `catalog` reads them (one batched query), `diff` compares them (category `statistics`),
//! `ddl` emits their SQL, `plan` orders their migration steps, `load` validates declarations.

pub mod attribute_options;
pub mod catalog;
pub mod ddl;
pub mod diff;
pub mod load;
pub mod model;
pub mod plan;

pub use model::{Statistics, StatisticsKind};
