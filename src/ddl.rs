//! The SQL emitter: model values in, PostgreSQL DDL text out.
//!
//! Each kind's statements live with the kind, in `src/kinds/<kind>/ddl.rs`, so a kind is read,
//! compared and rendered in one folder. This module keeps what they share (the [`Statement`]
//! type, quoting helpers, [`set_search_path`]), the order of a whole script ([`create_script`],
//! which calls the kinds group by group) and [`render_script`]. It re-exports every kind's
//! public functions, so `ddl::create_table`, `ddl::add_column`, ... stay the one path plan,
//! apply and squash use, and quoting and clause order follow one set of conventions:
//!
//! * Every identifier is quoted (`model::quote_ident`, `QualifiedName::sql()`); names are exact.
//!   Literals (comments, enum labels, extension versions) go through `model::quote_literal`.
//! * SQL fragments stored in the model (types, defaults, generated expressions, check
//!   expressions, exclusion definitions, index key elements, index predicates, view definitions)
//!   are already SQL and are inserted verbatim. Names stored in the model (columns of keys,
//!   `INCLUDE` columns, collations, index methods) are quoted.
//! * Building blocks return one statement **without** a trailing semicolon. [`render_script`]
//!   adds `;` + newline after each statement and a blank line between objects.
//! * Nothing is dropped with `CASCADE`: putting dependents first is the caller's job, and CASCADE
//!   could silently drop objects nobody meant to drop.

use std::collections::BTreeSet;

use indexmap::IndexMap;

use crate::graph::{Graph, NodeKind};

use crate::kinds::{constraint, enum_type, extension, index, sequence, table, view};
use crate::model::{quote_ident, quote_literal, QualifiedName, Schema, DEFAULT_SCHEMA};

pub use crate::kinds::column::ddl::{
    add_column, add_identity, add_identity_with, alter_column_collation, alter_column_type,
    column_definition, comment_on_column, drop_column, drop_default, drop_expression,
    drop_identity, drop_not_null, rename_column, set_compression, set_default, set_expression,
    set_identity, set_not_null, set_storage,
};
pub use crate::kinds::constraint::ddl::{
    add_constraint_check, add_constraint_exclusion, add_constraint_foreign_key,
    add_constraint_primary_key, add_constraint_unique, add_constraint_unique_using_index,
    alter_constraint_enforced, comment_on_constraint, declared_comment, drop_constraint,
    rename_constraint, validate_constraint,
};
pub use crate::kinds::enum_type::ddl::{
    alter_enum_add_value, comment_on_enum, create_enum, drop_enum, rename_type, EnumValuePosition,
};
pub use crate::kinds::extension::ddl::{
    alter_extension_schema, alter_extension_update, comment_on_extension, create_extension,
    drop_extension,
};
pub use crate::kinds::index::ddl::{
    comment_on_index, create_index, create_index_statement, drop_index, rename_index,
};
pub use crate::kinds::sequence::ddl::{
    alter_sequence, comment_on_sequence, create_sequence, drop_sequence, parse_owned_by,
    sequence_owned_by, sequence_owned_by_none, set_sequence_persistence,
};
pub use crate::kinds::table::ddl::{
    comment_on, comment_on_table, create_table, drop_relation, drop_table, rename_table,
};
pub use crate::kinds::view::ddl::{
    comment_on_view, create_view, drop_view, rename_view, topo_order_views,
};

/// One statement of a script or plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The SQL, without a trailing semicolon.
    pub sql: String,
    /// What the statement is about, for grouping and messages: `table genes`, `index audit.x`.
    pub object: String,
    /// False for statements PostgreSQL refuses inside a transaction block
    /// (`CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`).
    pub transactional: bool,
}

impl Statement {
    pub fn new(sql: impl Into<String>, object: impl Into<String>) -> Self {
        Statement {
            sql: sql.into(),
            object: object.into(),
            transactional: true,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/// Quoted names, comma-separated: the column lists of keys and references.
pub(crate) fn ident_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| quote_ident(n))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Splits a dotted name (`a.b`, `"x.y".b`, `s."We""ird"`) into exact parts. Unquoted parts are
/// taken as written (names are exact, no case folding).
pub fn split_dotted(text: &str) -> Result<Vec<String>, String> {
    crate::model::split_name_parts(text.trim())
}

/// A possibly qualified name from the model (a collation), quoted part by part. Text that does
/// not split cleanly is quoted whole, so it still names something rather than injecting SQL.
pub(crate) fn quote_dotted(text: &str) -> String {
    match split_dotted(text) {
        Ok(parts) => parts
            .iter()
            .map(|p| quote_ident(p))
            .collect::<Vec<_>>()
            .join("."),
        Err(_) => quote_ident(text),
    }
}

/// The literal after `COMMENT ON .. IS`: `NULL` for `None`, which is how PostgreSQL removes a
/// comment.
pub(crate) fn comment_literal(comment: Option<&str>) -> String {
    match comment {
        Some(c) => quote_literal(c),
        None => "NULL".to_string(),
    }
}

/// The `ALTER TABLE t` head shared by table, column and constraint statements.
pub(crate) fn alter_table(table: &QualifiedName) -> String {
    format!("ALTER TABLE {}", table.sql())
}

/// `COMMENT ON` for the members of one object (a table's columns, a relation's indexes) that
/// have a comment, in model order, all grouped under `object` so a script shows an object's
/// comments as one block. `render(name, comment)` builds one member's statement.
pub(crate) fn member_comment_statements<T>(
    members: &IndexMap<String, T>,
    comment_of: impl Fn(&T) -> Option<&str>,
    render: impl Fn(&str, &str) -> String,
    object: &str,
) -> Vec<Statement> {
    members
        .iter()
        .filter_map(|(name, member)| {
            let comment = comment_of(member)?;
            Some(Statement::new(render(name, comment), object))
        })
        .collect()
}

pub use crate::kinds::schema::ddl::{create_schema, drop_schema, drop_schema_if_exists};

// ---------------------------------------------------------------------------------------------
// Whole scripts
// ---------------------------------------------------------------------------------------------

/// `SET search_path TO public`: the model's SQL fragments come from PostgreSQL's deparsers run
/// under that search path (objects in `public` unqualified, others qualified), so they mean what
/// they meant only under the same setting.
pub fn set_search_path() -> String {
    format!("SET search_path TO {}", quote_ident(DEFAULT_SCHEMA))
}

/// Every statement needed to build `schema` in an empty database, in dependency order: the
/// search path (see [`set_search_path`]), schemas,
/// extensions, enums, collations, domains/composite/range types (in dependency order), sequences, tables (with inline keys, unique, check and exclusion
/// constraints), sequence ownership, indexes, foreign keys, views (each materialized view
/// followed by its indexes), then comments. Routines go before the tables, or after the tables
/// or views their signature names; triggers after the views (see `kinds::function::ddl`).
/// Deterministic: model order within each group.
/// Views on a dependency cycle (which PostgreSQL cannot build) are emitted in model order; use
/// [`topo_order_views`] to detect that first.
pub fn create_script(schema: &Schema) -> Vec<Statement> {
    let parts = script_parts(schema);
    // Tables without the defaults and checks that wait for a routine (added in `tail`).
    let late = crate::kinds::function::ddl::late_members(schema);
    let early = crate::kinds::function::ddl::without_late_members(schema, &late);
    let schema = early.as_ref();
    let mut out = parts.head;
    out.extend(table::ddl::create_statements(schema));
    out.extend(parts.owned_by);
    // Indexes before foreign keys: a key may reference a unique index (not a constraint).
    out.extend(index::ddl::table_index_statements(
        schema,
        &parts.late_indexes,
    ));
    out.extend(crate::kinds::statistics::ddl::script_part(schema));
    out.extend(constraint::ddl::foreign_key_statements(schema));
    out.extend(parts.tail);
    out
}

/// [`create_script`] without its per-table middle (tables, their indexes, their foreign keys),
/// which the normalizer runs on several connections at once (`normalize::parallel`): one
/// definition of the script's order for both.
pub struct ScriptParts {
    /// Everything before the tables: search path, schemas, extensions, types, sequences, the
    /// routines tables need.
    pub head: Vec<Statement>,
    /// Sequence ownership, run once every table exists.
    pub owned_by: Vec<Statement>,
    /// Everything after the foreign keys: routines, views, triggers, comments, policies, grants.
    pub tail: Vec<Statement>,
    /// Table indexes that call a routine created after the tables: left out of the middle,
    /// created in `tail` once the routine exists.
    pub late_indexes: BTreeSet<(QualifiedName, String)>,
}

pub fn script_parts(schema: &Schema) -> ScriptParts {
    let mut head = vec![Statement::new(set_search_path(), "session")];
    head.extend(crate::kinds::schema::ddl::create_statements(schema));
    head.extend(extension::ddl::create_statements(schema));
    head.extend(crate::kinds::foreign::ddl::create_statements(schema));
    head.extend(enum_type::ddl::create_statements(schema));
    head.extend(crate::kinds::type_order::create_statements(schema));
    head.extend(sequence::ddl::create_statements(schema));
    use crate::kinds::function::ddl::{script_part as routines, Stage};
    routines(schema, Stage::BeforeTables, &mut head);
    head.extend(crate::kinds::domain::ddl::late_checks(schema));
    let late_indexes = crate::kinds::function::ddl::late_indexes(schema);
    let mut tail = relations_part(schema, &late_indexes);
    let order = view::ddl::creation_order(schema);
    // Replica identities and clustered indexes name indexes, of tables and of matviews.
    tail.extend(table::relopts::create_statements(schema));
    crate::kinds::trigger::ddl::script_part(schema, &mut tail);
    crate::kinds::rule::ddl::script_part(schema, &mut tail);
    crate::kinds::event_trigger::ddl::script_part(schema, &mut tail);
    crate::kinds::publication::ddl::script_part(schema, &mut tail);
    tail.extend(crate::kinds::schema::ddl::comment_statements(schema));
    tail.extend(crate::kinds::enum_type::ddl::comment_statements(schema));
    tail.extend(sequence::ddl::comment_statements(schema));
    tail.extend(table::ddl::comment_statements(schema));
    tail.extend(view::ddl::comment_statements(schema, &order));
    tail.extend(crate::kinds::policy::ddl::create_all(schema));
    tail.extend(crate::kinds::privilege::ddl::create_all(schema));
    ScriptParts {
        head,
        owned_by: sequence::ddl::owned_by_statements(schema),
        tail,
        late_indexes,
    }
}

/// The routines that need relations and the views, in one topological order of
/// [`Graph::with_routines`] (a view may call a routine that reads another view), then the
/// table indexes that call such routines. Objects on a dependency cycle come last, in model
/// order, so the script is complete and PostgreSQL names the problem.
fn relations_part(
    schema: &Schema,
    late_indexes: &BTreeSet<(QualifiedName, String)>,
) -> Vec<Statement> {
    use crate::kinds::function::ddl::{create_statements, late_routines};
    let routines = late_routines(schema);
    let o = Graph::with_routines(schema).ordering();
    let mut out = Vec::new();
    for node in o.order.iter().chain(&o.stuck) {
        match node.kind {
            NodeKind::View => out.extend(view::ddl::create_statements(
                schema,
                std::slice::from_ref(&node.name),
            )),
            NodeKind::Routine => {
                if let Some((k, f)) = routines.get(node) {
                    out.extend(create_statements(k, f));
                }
            }
            _ => {}
        }
    }
    let members = crate::kinds::function::ddl::late_members(schema);
    out.extend(crate::kinds::function::ddl::late_member_statements(
        schema, &members,
    ));
    for (table, t) in &schema.tables {
        let late = |name: &str| late_indexes.contains(&(table.clone(), name.to_string()));
        out.extend(index::ddl::create_statements_for(table, &t.indexes, late));
    }
    out
}

/// psql-runnable text: each statement followed by `;` and a newline, a blank line whenever the
/// object changes. Statements that cannot run in a transaction are marked with a comment line.
pub fn render_script(statements: &[Statement]) -> String {
    let mut out = String::new();
    let mut previous: Option<&str> = None;
    for st in statements {
        if previous.is_some() && previous != Some(st.object.as_str()) {
            out.push('\n');
        }
        if !st.transactional {
            out.push_str("-- cannot run inside a transaction block\n");
        }
        out.push_str(&st.sql);
        out.push_str(";\n");
        previous = Some(&st.object);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_dotted_names() {
        assert_eq!(split_dotted("a.b").unwrap(), vec!["a", "b"]);
        assert_eq!(
            split_dotted("\"x.y\".\"We\"\"ird\"").unwrap(),
            vec!["x.y", "We\"ird"]
        );
        assert!(split_dotted("a..b").is_err());
        assert!(split_dotted("\"open").is_err());
    }
}
