//! Compares a declared [`Schema`] with a live one into typed [`Change`]s.
//!
//! Both sides come out of PostgreSQL's own deparsers (the declared side is normalized through a
//! scratch database first), so SQL text is compared exactly: no parsing, no evaluation. Every
//! report, plan and exit code is derived from the one list [`diff`] returns.
//!
//! The order of the list is part of the contract (reports and tests depend on it): schemas,
//! extensions, enums, collations, domains, composite and range types, sequences, tables (each table's own changes, then its columns, primary
//! key, unique, check, foreign key and exclusion constraints, indexes), then views (each followed
//! by its indexes), then the objects the model does not cover. Within every kind, declared
//! objects come first in declared order, then objects only the live database has, in live order.
//!
//! The rules of each kind live with the kind, in `src/kinds/<kind>/diff.rs`; [`diff`] calls them
//! in that order. This module holds what they share: the change types, pairing declared objects
//! with live ones, the helpers that word a change, and the ignore rules, category filter and exit
//! policy applied to the list afterwards.

use crate::kinds;
use crate::model::Schema;

mod change;
mod filter;
mod pair;

pub use change::*;
pub use filter::*;
pub(crate) use pair::*;

/// Compares `declared` with `live`. Deterministic; see the module docs for the order, which
/// the calls below keep: each kind in turn, then the objects the model does not cover.
pub fn diff(declared: &Schema, live: &Schema) -> Vec<Change> {
    let mut out = Vec::new();
    crate::kinds::schema::diff::diff(declared, live, &mut out);
    crate::kinds::schema::diff::diff_comments(declared, live, &mut out);
    kinds::extension::diff::diff_extensions(declared, live, &mut out);
    kinds::enum_type::diff::diff_enums(declared, live, &mut out);
    kinds::enum_type::diff::diff_comments(declared, live, &mut out);
    kinds::collation::diff::diff(declared, live, &mut out);
    kinds::domain::diff::diff(declared, live, &mut out);
    kinds::composite_type::diff::diff(declared, live, &mut out);
    kinds::range_type::diff::diff(declared, live, &mut out);
    kinds::sequence::diff::diff_sequences(declared, live, &mut out);
    kinds::table::diff::diff_tables(declared, live, &mut out);
    kinds::view::diff::diff_views(declared, live, &mut out);
    kinds::statistics::diff::diff(declared, live, &mut out);
    crate::kinds::function::diff::diff(declared, live, &mut out);
    crate::kinds::trigger::diff::diff(declared, live, &mut out);
    crate::kinds::event_trigger::diff::diff(declared, live, &mut out);
    crate::kinds::publication::diff::diff(declared, live, &mut out);
    crate::kinds::rule::diff::diff(declared, live, &mut out);
    crate::kinds::foreign::diff::diff(declared, live, &mut out);
    crate::kinds::policy::diff::diff(declared, live, &mut out);
    crate::kinds::privilege::diff::diff(declared, live, &mut out);
    crate::kinds::owner::diff::diff(declared, live, &mut out);
    out.extend(crate::inventory::diff(declared, live));
    out
}

/// The unified diff of view bodies that a view change's `detail` holds; the view kind owns it,
/// and it stays reachable at this path for code outside the crate.
pub use crate::kinds::view::diff::view_body_diff;

/// Small schemas and assertion helpers shared by the diff tests of every kind.
#[cfg(test)]
pub(crate) mod fixtures;

#[cfg(test)]
mod tests;
