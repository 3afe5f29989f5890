//! The one SQL emitter: model values in, PostgreSQL DDL text out.
//!
//! Every plan, apply and squash statement is rendered here, so quoting and clause order are right
//! in one place. Conventions:
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

use std::collections::{BTreeSet, HashMap};

use crate::model::{
    quote_ident, quote_literal, Check, Column, Exclusion, Extension, ForeignKey, Identity, Index,
    PrimaryKey, QualifiedName, Schema, Sequence, Table, UniqueConstraint, View, DEFAULT_SCHEMA,
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

/// Where `ALTER TYPE ... ADD VALUE` puts the new label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumValuePosition<'a> {
    Before(&'a str),
    After(&'a str),
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

fn ident_list(names: &[String]) -> String {
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
fn quote_dotted(text: &str) -> String {
    match split_dotted(text) {
        Ok(parts) => parts
            .iter()
            .map(|p| quote_ident(p))
            .collect::<Vec<_>>()
            .join("."),
        Err(_) => quote_ident(text),
    }
}

/// `pg_get_viewdef` surrounds the query with a leading space and a trailing `;`; a statement
/// carries neither.
fn clean_definition(definition: &str) -> &str {
    let mut d = definition.trim();
    while let Some(stripped) = d.strip_suffix(';') {
        d = stripped.trim_end();
    }
    d
}

fn deferrable_clause(deferrable: bool, initially_deferred: bool) -> &'static str {
    // INITIALLY DEFERRED without DEFERRABLE is an error in PostgreSQL; it implies DEFERRABLE.
    if initially_deferred {
        " DEFERRABLE INITIALLY DEFERRED"
    } else if deferrable {
        " DEFERRABLE"
    } else {
        ""
    }
}

fn constraint_prefix(name: &str) -> String {
    // An empty name lets PostgreSQL pick its default (`<table>_pkey`, ...).
    if name.is_empty() {
        String::new()
    } else {
        format!("CONSTRAINT {} ", quote_ident(name))
    }
}

fn comment_literal(comment: Option<&str>) -> String {
    match comment {
        Some(c) => quote_literal(c),
        None => "NULL".to_string(),
    }
}

fn alter_table(table: &QualifiedName) -> String {
    format!("ALTER TABLE {}", table.sql())
}

/// The `schema.index` SQL name of an index on `table` (an index lives in its table's schema).
fn index_sql_name(table: &QualifiedName, name: &str) -> String {
    QualifiedName::new(table.schema.clone(), name).sql()
}

fn index_display(table: &QualifiedName, name: &str) -> String {
    QualifiedName::new(table.schema.clone(), name).display_name()
}

fn view_kind(materialized: bool) -> &'static str {
    if materialized {
        "MATERIALIZED VIEW"
    } else {
        "VIEW"
    }
}

// ---------------------------------------------------------------------------------------------
// CREATE
// ---------------------------------------------------------------------------------------------

pub fn create_schema(name: &str) -> String {
    format!("CREATE SCHEMA {}", quote_ident(name))
}

/// `IF NOT EXISTS` because a fresh database may already have it (plpgsql, or whatever the
/// template database carries); the model states presence, not who installed it.
pub fn create_extension(name: &str, ext: &Extension) -> String {
    let mut sql = format!("CREATE EXTENSION IF NOT EXISTS {}", quote_ident(name));
    if let Some(schema) = &ext.schema {
        sql.push_str(&format!(" SCHEMA {}", quote_ident(schema)));
    }
    if let Some(version) = &ext.version {
        sql.push_str(&format!(" VERSION {}", quote_literal(version)));
    }
    sql
}

pub fn create_enum(name: &QualifiedName, labels: &[String]) -> String {
    let labels: Vec<String> = labels.iter().map(|l| quote_literal(l)).collect();
    format!("CREATE TYPE {} AS ENUM ({})", name.sql(), labels.join(", "))
}

/// `CREATE SEQUENCE` without `OWNED BY` (the owning column does not exist yet when sequences are
/// created; see [`sequence_owned_by`]).
pub fn create_sequence(name: &QualifiedName, seq: &Sequence) -> String {
    let mut sql = format!("CREATE SEQUENCE {} AS {}", name.sql(), seq.data_type);
    if seq.increment != 1 {
        sql.push_str(&format!(" INCREMENT BY {}", seq.increment));
    }
    if let Some(min) = seq.min_value {
        sql.push_str(&format!(" MINVALUE {min}"));
    }
    if let Some(max) = seq.max_value {
        sql.push_str(&format!(" MAXVALUE {max}"));
    }
    sql.push_str(&format!(" START WITH {}", seq.start));
    if seq.cache != 1 {
        sql.push_str(&format!(" CACHE {}", seq.cache));
    }
    if seq.cycle {
        sql.push_str(" CYCLE");
    }
    sql
}

/// Parses a sequence's `owned_by` (`table.column` or `schema.table.column`, quoted parts
/// allowed) into the table and the column.
pub fn parse_owned_by(text: &str) -> Result<(QualifiedName, String), String> {
    let parts = split_dotted(text)?;
    match parts.as_slice() {
        [table, column] => Ok((
            QualifiedName::new(DEFAULT_SCHEMA, table.clone()),
            column.clone(),
        )),
        [schema, table, column] => Ok((
            QualifiedName::new(schema.clone(), table.clone()),
            column.clone(),
        )),
        _ => Err(format!(
            "`{text}` should be `table.column` or `schema.table.column`"
        )),
    }
}

/// `ALTER SEQUENCE .. OWNED BY "s"."t"."c"`, or None when the sequence has no owner. An
/// `owned_by` that does not parse is inserted verbatim, so PostgreSQL reports it rather than the
/// ownership silently disappearing.
pub fn sequence_owned_by(name: &QualifiedName, seq: &Sequence) -> Option<String> {
    let owner = seq.owned_by.as_deref()?;
    let target = match parse_owned_by(owner) {
        Ok((table, column)) => format!("{}.{}", table.sql(), quote_ident(&column)),
        Err(_) => owner.to_string(),
    };
    Some(format!("ALTER SEQUENCE {} OWNED BY {}", name.sql(), target))
}

/// `"name" type [COLLATE c] [DEFAULT e] [GENERATED ALWAYS AS (e) STORED] [GENERATED .. AS
/// IDENTITY] [NOT NULL]`.
pub fn column_definition(name: &str, col: &Column) -> String {
    let mut sql = format!("{} {}", quote_ident(name), col.data_type);
    if let Some(collation) = &col.collation {
        sql.push_str(&format!(" COLLATE {}", quote_dotted(collation)));
    }
    if let Some(default) = &col.default {
        sql.push_str(&format!(" DEFAULT {default}"));
    }
    if let Some(generated) = &col.generated {
        sql.push_str(&format!(" GENERATED ALWAYS AS ({generated}) STORED"));
    }
    if let Some(identity) = col.identity {
        sql.push(' ');
        sql.push_str(identity.sql());
    }
    if !col.nullable {
        sql.push_str(" NOT NULL");
    }
    sql
}

fn primary_key_clause(pk: &PrimaryKey) -> String {
    format!(
        "{}PRIMARY KEY ({})",
        constraint_prefix(&pk.name),
        ident_list(&pk.columns)
    )
}

fn unique_clause(name: &str, uq: &UniqueConstraint) -> String {
    format!(
        "{}UNIQUE{} ({}){}",
        constraint_prefix(name),
        if uq.nulls_not_distinct {
            " NULLS NOT DISTINCT"
        } else {
            ""
        },
        ident_list(&uq.columns),
        deferrable_clause(uq.deferrable, uq.initially_deferred)
    )
}

fn check_clause(name: &str, check: &Check) -> String {
    format!("{}CHECK ({})", constraint_prefix(name), check.expression)
}

fn exclusion_clause(name: &str, ex: &Exclusion) -> String {
    format!(
        "{}EXCLUDE {}",
        constraint_prefix(name),
        ex.definition.trim()
    )
}

fn foreign_key_clause(name: &str, fk: &ForeignKey) -> String {
    let mut sql = format!(
        "{}FOREIGN KEY ({}) REFERENCES {} ({})",
        constraint_prefix(name),
        ident_list(&fk.columns),
        fk.references.table.sql(),
        ident_list(&fk.references.columns)
    );
    if fk.match_full {
        sql.push_str(" MATCH FULL");
    }
    if fk.on_update != Default::default() {
        sql.push_str(&format!(" ON UPDATE {}", fk.on_update.sql()));
    }
    if fk.on_delete != Default::default() {
        sql.push_str(&format!(" ON DELETE {}", fk.on_delete.sql()));
    }
    sql.push_str(deferrable_clause(fk.deferrable, fk.initially_deferred));
    sql
}

/// `CREATE TABLE` with columns (model order) and inline primary key, unique, check and exclusion
/// constraints. Foreign keys are left out: they are added after every table exists, so tables
/// that reference each other can be created.
pub fn create_table(name: &QualifiedName, table: &Table) -> String {
    let mut items: Vec<String> = table
        .columns
        .iter()
        .map(|(col_name, col)| column_definition(col_name, col))
        .collect();
    if let Some(pk) = &table.primary_key {
        items.push(primary_key_clause(pk));
    }
    for (n, uq) in &table.unique {
        items.push(unique_clause(n, uq));
    }
    for (n, ck) in &table.checks {
        items.push(check_clause(n, ck));
    }
    for (n, ex) in &table.exclusions {
        items.push(exclusion_clause(n, ex));
    }
    if items.is_empty() {
        return format!("CREATE TABLE {} ()", name.sql());
    }
    format!(
        "CREATE TABLE {} (\n    {}\n)",
        name.sql(),
        items.join(",\n    ")
    )
}

pub fn add_constraint_primary_key(table: &QualifiedName, pk: &PrimaryKey) -> String {
    format!("{} ADD {}", alter_table(table), primary_key_clause(pk))
}

pub fn add_constraint_unique(table: &QualifiedName, name: &str, uq: &UniqueConstraint) -> String {
    format!("{} ADD {}", alter_table(table), unique_clause(name, uq))
}

/// `NOT VALID` skips checking existing rows (a short lock); `VALIDATE CONSTRAINT` later.
pub fn add_constraint_check(
    table: &QualifiedName,
    name: &str,
    check: &Check,
    not_valid: bool,
) -> String {
    let mut sql = format!("{} ADD {}", alter_table(table), check_clause(name, check));
    if not_valid {
        sql.push_str(" NOT VALID");
    }
    sql
}

pub fn add_constraint_exclusion(table: &QualifiedName, name: &str, ex: &Exclusion) -> String {
    format!("{} ADD {}", alter_table(table), exclusion_clause(name, ex))
}

pub fn add_constraint_foreign_key(
    table: &QualifiedName,
    name: &str,
    fk: &ForeignKey,
    not_valid: bool,
) -> String {
    let mut sql = format!(
        "{} ADD {}",
        alter_table(table),
        foreign_key_clause(name, fk)
    );
    if not_valid {
        sql.push_str(" NOT VALID");
    }
    sql
}

pub fn validate_constraint(table: &QualifiedName, name: &str) -> String {
    format!(
        "{} VALIDATE CONSTRAINT {}",
        alter_table(table),
        quote_ident(name)
    )
}

/// An `INCLUDE` column: a name (quoted here), or SQL already quoted the way `pg_get_indexdef`
/// prints it (`"MixedCase"`), which is kept as is. INCLUDE admits only plain columns, so a
/// whole quoted identifier is the only SQL form there is; treating it as a name would quote it
/// twice.
fn include_column(text: &str) -> String {
    match split_dotted(text) {
        Ok(parts)
            if parts.len() == 1
                && text.starts_with('"')
                && text.ends_with('"')
                && text.len() > 1 =>
        {
            text.to_string()
        }
        _ => quote_ident(text),
    }
}

/// `CREATE [UNIQUE] INDEX [CONCURRENTLY] "name" ON table USING method (keys) [INCLUDE (..)]
/// [NULLS NOT DISTINCT] [WHERE predicate]`. The index lives in the table's schema.
pub fn create_index(
    table: &QualifiedName,
    name: &str,
    index: &Index,
    concurrently: bool,
) -> String {
    let mut sql = String::from("CREATE ");
    if index.unique {
        sql.push_str("UNIQUE ");
    }
    sql.push_str("INDEX ");
    if concurrently {
        sql.push_str("CONCURRENTLY ");
    }
    let method = if index.method.is_empty() {
        "btree"
    } else {
        index.method.as_str()
    };
    sql.push_str(&format!(
        "{} ON {} USING {} ({})",
        quote_ident(name),
        table.sql(),
        quote_ident(method),
        index.columns.join(", ")
    ));
    if !index.include.is_empty() {
        let include: Vec<String> = index.include.iter().map(|c| include_column(c)).collect();
        sql.push_str(&format!(" INCLUDE ({})", include.join(", ")));
    }
    if index.nulls_not_distinct {
        sql.push_str(" NULLS NOT DISTINCT");
    }
    if let Some(predicate) = &index.predicate {
        sql.push_str(&format!(" WHERE {predicate}"));
    }
    sql
}

/// `CREATE [OR REPLACE] [MATERIALIZED] VIEW name AS\n<definition>`. A materialized view has no
/// OR REPLACE in PostgreSQL, so `or_replace` is ignored for it.
pub fn create_view(name: &QualifiedName, view: &View, or_replace: bool) -> String {
    let head = if view.materialized {
        "CREATE MATERIALIZED VIEW"
    } else if or_replace {
        "CREATE OR REPLACE VIEW"
    } else {
        "CREATE VIEW"
    };
    format!(
        "{head} {} AS\n{}",
        name.sql(),
        clean_definition(&view.definition)
    )
}

// ---------------------------------------------------------------------------------------------
// COMMENT ON (None clears the comment)
// ---------------------------------------------------------------------------------------------

pub fn comment_on_table(table: &QualifiedName, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON TABLE {} IS {}",
        table.sql(),
        comment_literal(comment)
    )
}

pub fn comment_on_column(table: &QualifiedName, column: &str, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON COLUMN {}.{} IS {}",
        table.sql(),
        quote_ident(column),
        comment_literal(comment)
    )
}

pub fn comment_on_view(view: &QualifiedName, materialized: bool, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON {} {} IS {}",
        view_kind(materialized),
        view.sql(),
        comment_literal(comment)
    )
}

/// `table` is the indexed table or materialized view (it gives the index's schema).
pub fn comment_on_index(table: &QualifiedName, name: &str, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON INDEX {} IS {}",
        index_sql_name(table, name),
        comment_literal(comment)
    )
}

// ---------------------------------------------------------------------------------------------
// DROP (never CASCADE)
// ---------------------------------------------------------------------------------------------

pub fn drop_table(name: &QualifiedName) -> String {
    format!("DROP TABLE {}", name.sql())
}

pub fn drop_view(name: &QualifiedName, materialized: bool) -> String {
    format!("DROP {} {}", view_kind(materialized), name.sql())
}

/// `table` gives the index's schema. A concurrent drop cannot run in a transaction.
pub fn drop_index(table: &QualifiedName, name: &str, concurrently: bool) -> String {
    format!(
        "DROP INDEX {}{}",
        if concurrently { "CONCURRENTLY " } else { "" },
        index_sql_name(table, name)
    )
}

pub fn drop_constraint(table: &QualifiedName, name: &str) -> String {
    format!(
        "{} DROP CONSTRAINT {}",
        alter_table(table),
        quote_ident(name)
    )
}

pub fn drop_column(table: &QualifiedName, column: &str) -> String {
    format!("{} DROP COLUMN {}", alter_table(table), quote_ident(column))
}

pub fn drop_sequence(name: &QualifiedName) -> String {
    format!("DROP SEQUENCE {}", name.sql())
}

pub fn drop_enum(name: &QualifiedName) -> String {
    format!("DROP TYPE {}", name.sql())
}

pub fn drop_extension(name: &str) -> String {
    format!("DROP EXTENSION {}", quote_ident(name))
}

pub fn drop_schema(name: &str) -> String {
    format!("DROP SCHEMA {}", quote_ident(name))
}

// ---------------------------------------------------------------------------------------------
// ALTER
// ---------------------------------------------------------------------------------------------

fn alter_column(table: &QualifiedName, column: &str) -> String {
    format!(
        "{} ALTER COLUMN {}",
        alter_table(table),
        quote_ident(column)
    )
}

pub fn add_column(table: &QualifiedName, name: &str, col: &Column) -> String {
    format!(
        "{} ADD COLUMN {}",
        alter_table(table),
        column_definition(name, col)
    )
}

/// `ALTER COLUMN c TYPE t [USING expr]`.
pub fn alter_column_type(
    table: &QualifiedName,
    column: &str,
    new_type: &str,
    using: Option<&str>,
) -> String {
    let mut sql = format!("{} TYPE {}", alter_column(table, column), new_type);
    if let Some(using) = using {
        sql.push_str(&format!(" USING {using}"));
    }
    sql
}

/// Changing a column's collation is `ALTER COLUMN c TYPE t COLLATE x` (same type restated);
/// `None` goes back to the type's default collation.
pub fn alter_column_collation(
    table: &QualifiedName,
    column: &str,
    data_type: &str,
    collation: Option<&str>,
) -> String {
    let collation = match collation {
        Some(c) => quote_dotted(c),
        None => "\"default\"".to_string(),
    };
    format!(
        "{} TYPE {} COLLATE {}",
        alter_column(table, column),
        data_type,
        collation
    )
}

pub fn set_default(table: &QualifiedName, column: &str, expression: &str) -> String {
    format!("{} SET DEFAULT {}", alter_column(table, column), expression)
}

pub fn drop_default(table: &QualifiedName, column: &str) -> String {
    format!("{} DROP DEFAULT", alter_column(table, column))
}

pub fn set_not_null(table: &QualifiedName, column: &str) -> String {
    format!("{} SET NOT NULL", alter_column(table, column))
}

pub fn drop_not_null(table: &QualifiedName, column: &str) -> String {
    format!("{} DROP NOT NULL", alter_column(table, column))
}

pub fn add_identity(table: &QualifiedName, column: &str, identity: Identity) -> String {
    format!("{} ADD {}", alter_column(table, column), identity.sql())
}

/// Switches an existing identity column between ALWAYS and BY DEFAULT.
pub fn set_identity(table: &QualifiedName, column: &str, identity: Identity) -> String {
    let kind = match identity {
        Identity::Always => "ALWAYS",
        Identity::ByDefault => "BY DEFAULT",
    };
    format!("{} SET GENERATED {kind}", alter_column(table, column))
}

pub fn drop_identity(table: &QualifiedName, column: &str) -> String {
    format!("{} DROP IDENTITY", alter_column(table, column))
}

/// Turns a generated column into a plain one, keeping its values (PostgreSQL 13+).
pub fn drop_expression(table: &QualifiedName, column: &str) -> String {
    format!("{} DROP EXPRESSION", alter_column(table, column))
}

/// `ALTER TABLE old RENAME TO "new"` (the schema does not change).
pub fn rename_table(old: &QualifiedName, new_name: &str) -> String {
    format!("{} RENAME TO {}", alter_table(old), quote_ident(new_name))
}

pub fn rename_view(old: &QualifiedName, materialized: bool, new_name: &str) -> String {
    format!(
        "ALTER {} {} RENAME TO {}",
        view_kind(materialized),
        old.sql(),
        quote_ident(new_name)
    )
}

pub fn rename_column(table: &QualifiedName, old: &str, new_name: &str) -> String {
    format!(
        "{} RENAME COLUMN {} TO {}",
        alter_table(table),
        quote_ident(old),
        quote_ident(new_name)
    )
}

/// `table` gives the index's schema.
pub fn rename_index(table: &QualifiedName, old: &str, new_name: &str) -> String {
    format!(
        "ALTER INDEX {} RENAME TO {}",
        index_sql_name(table, old),
        quote_ident(new_name)
    )
}

pub fn rename_constraint(table: &QualifiedName, old: &str, new_name: &str) -> String {
    format!(
        "{} RENAME CONSTRAINT {} TO {}",
        alter_table(table),
        quote_ident(old),
        quote_ident(new_name)
    )
}

/// `ALTER TYPE e ADD VALUE 'v' [BEFORE|AFTER 'w']`. The new label cannot be used in the same
/// transaction that adds it.
pub fn alter_enum_add_value(
    name: &QualifiedName,
    value: &str,
    position: Option<EnumValuePosition>,
) -> String {
    let mut sql = format!(
        "ALTER TYPE {} ADD VALUE {}",
        name.sql(),
        quote_literal(value)
    );
    match position {
        Some(EnumValuePosition::Before(other)) => {
            sql.push_str(&format!(" BEFORE {}", quote_literal(other)))
        }
        Some(EnumValuePosition::After(other)) => {
            sql.push_str(&format!(" AFTER {}", quote_literal(other)))
        }
        None => {}
    }
    sql
}

/// `ALTER SEQUENCE` restating every option of `seq` (ownership is separate: see
/// [`sequence_owned_by`] and [`sequence_owned_by_none`]).
pub fn alter_sequence(name: &QualifiedName, seq: &Sequence) -> String {
    let mut sql = format!(
        "ALTER SEQUENCE {} AS {} INCREMENT BY {}",
        name.sql(),
        seq.data_type,
        seq.increment
    );
    match seq.min_value {
        Some(min) => sql.push_str(&format!(" MINVALUE {min}")),
        None => sql.push_str(" NO MINVALUE"),
    }
    match seq.max_value {
        Some(max) => sql.push_str(&format!(" MAXVALUE {max}")),
        None => sql.push_str(" NO MAXVALUE"),
    }
    sql.push_str(&format!(" START WITH {} CACHE {}", seq.start, seq.cache));
    sql.push_str(if seq.cycle { " CYCLE" } else { " NO CYCLE" });
    sql
}

pub fn sequence_owned_by_none(name: &QualifiedName) -> String {
    format!("ALTER SEQUENCE {} OWNED BY NONE", name.sql())
}

/// `ALTER TYPE t RENAME TO "new"` (enums; the schema does not change).
pub fn rename_type(old: &QualifiedName, new_name: &str) -> String {
    format!(
        "ALTER TYPE {} RENAME TO {}",
        old.sql(),
        quote_ident(new_name)
    )
}

pub fn alter_extension_update(name: &str, version: &str) -> String {
    format!(
        "ALTER EXTENSION {} UPDATE TO {}",
        quote_ident(name),
        quote_literal(version)
    )
}

pub fn alter_extension_schema(name: &str, schema: &str) -> String {
    format!(
        "ALTER EXTENSION {} SET SCHEMA {}",
        quote_ident(name),
        quote_ident(schema)
    )
}

// ---------------------------------------------------------------------------------------------
// Whole scripts
// ---------------------------------------------------------------------------------------------

/// Orders views so every view comes after the views it reads (`View::depends_on`; a dependency
/// that is not a view is a table and needs no ordering). Among views that do not depend on each
/// other, model order is kept: a model order that is already valid comes back unchanged.
/// `Err` carries the views on (or between) dependency cycles, in model order.
pub fn topo_order_views(schema: &Schema) -> Result<Vec<QualifiedName>, Vec<QualifiedName>> {
    let (order, cyclic) = view_order(schema);
    if cyclic.is_empty() {
        Ok(order)
    } else {
        Err(cyclic)
    }
}

/// Kahn's algorithm, always taking the ready view that comes first in the model.
fn view_order(schema: &Schema) -> (Vec<QualifiedName>, Vec<QualifiedName>) {
    let names: Vec<&QualifiedName> = schema.views.keys().collect();
    let position: HashMap<&QualifiedName, usize> =
        names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let n = names.len();
    let mut deps: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, view) in schema.views.values().enumerate() {
        for dep in &view.depends_on {
            if let Some(&j) = position.get(dep) {
                if deps[i].insert(j) {
                    dependents[j].push(i);
                }
            }
        }
    }
    let mut remaining: Vec<usize> = deps.iter().map(|d| d.len()).collect();
    let mut ready: BTreeSet<usize> = (0..n).filter(|&i| remaining[i] == 0).collect();
    let mut done = vec![false; n];
    let mut order = Vec::with_capacity(n);
    while let Some(i) = ready.pop_first() {
        done[i] = true;
        order.push(names[i].clone());
        for &k in &dependents[i] {
            remaining[k] -= 1;
            if remaining[k] == 0 {
                ready.insert(k);
            }
        }
    }
    // What is left is on a cycle or downstream of one; peel off the views nothing left depends
    // on, so only cycle members (and views between cycles) are reported.
    let mut left: BTreeSet<usize> = (0..n).filter(|&i| !done[i]).collect();
    loop {
        let leaf = left
            .iter()
            .copied()
            .find(|&i| !dependents[i].iter().any(|k| left.contains(k)));
        match leaf {
            Some(i) => {
                left.remove(&i);
            }
            None => break,
        }
    }
    let cyclic: Vec<QualifiedName> = left.iter().map(|&i| names[i].clone()).collect();
    // Views stuck behind a cycle still get emitted (in model order) so the script is complete;
    // PostgreSQL will then report the real problem.
    for i in 0..n {
        if !done[i] {
            order.push(names[i].clone());
        }
    }
    (order, cyclic)
}

/// `SET search_path TO public`: the model's SQL fragments come from PostgreSQL's deparsers run
/// under that search path (objects in `public` unqualified, others qualified), so they mean what
/// they meant only under the same setting.
pub fn set_search_path() -> String {
    format!("SET search_path TO {}", quote_ident(DEFAULT_SCHEMA))
}

/// Every statement needed to build `schema` in an empty database, in dependency order: the
/// search path (see [`set_search_path`]), schemas,
/// extensions, enums, sequences, tables (with inline keys, unique, check and exclusion
/// constraints), sequence ownership, foreign keys, indexes, views (each materialized view
/// followed by its indexes), then comments. Deterministic: model order within each group.
/// Views on a dependency cycle (which PostgreSQL cannot build) are emitted in model order; use
/// [`topo_order_views`] to detect that first.
pub fn create_script(schema: &Schema) -> Vec<Statement> {
    let mut out = vec![Statement::new(set_search_path(), "session")];
    for name in &schema.schemas {
        if name != DEFAULT_SCHEMA {
            out.push(Statement::new(
                create_schema(name),
                format!("schema {}", name),
            ));
        }
    }
    for (name, ext) in &schema.extensions {
        out.push(Statement::new(
            create_extension(name, ext),
            format!("extension {name}"),
        ));
    }
    for (name, labels) in &schema.enums {
        out.push(Statement::new(
            create_enum(name, labels),
            format!("enum {name}"),
        ));
    }
    for (name, seq) in &schema.sequences {
        out.push(Statement::new(
            create_sequence(name, seq),
            format!("sequence {name}"),
        ));
    }
    for (name, table) in &schema.tables {
        out.push(Statement::new(
            create_table(name, table),
            format!("table {name}"),
        ));
    }
    for (name, seq) in &schema.sequences {
        if let Some(sql) = sequence_owned_by(name, seq) {
            out.push(Statement::new(sql, format!("sequence {name}")));
        }
    }
    for (name, table) in &schema.tables {
        for (fk_name, fk) in &table.foreign_keys {
            out.push(Statement::new(
                add_constraint_foreign_key(name, fk_name, fk, false),
                format!("foreign key {name}.{fk_name}"),
            ));
        }
    }
    for (name, table) in &schema.tables {
        for (ix_name, index) in &table.indexes {
            out.push(Statement::new(
                create_index(name, ix_name, index, false),
                format!("index {}", index_display(name, ix_name)),
            ));
        }
    }
    let (order, _cyclic) = view_order(schema);
    for name in &order {
        let Some(view) = schema.views.get(name) else {
            continue;
        };
        let kind = if view.materialized {
            "materialized view"
        } else {
            "view"
        };
        out.push(Statement::new(
            create_view(name, view, false),
            format!("{kind} {name}"),
        ));
        for (ix_name, index) in &view.indexes {
            out.push(Statement::new(
                create_index(name, ix_name, index, false),
                format!("index {}", index_display(name, ix_name)),
            ));
        }
    }
    for (name, table) in &schema.tables {
        let object = format!("comments on table {name}");
        if let Some(c) = &table.comment {
            out.push(Statement::new(
                comment_on_table(name, Some(c)),
                object.clone(),
            ));
        }
        for (col_name, col) in &table.columns {
            if let Some(c) = &col.comment {
                out.push(Statement::new(
                    comment_on_column(name, col_name, Some(c)),
                    object.clone(),
                ));
            }
        }
        for (ix_name, index) in &table.indexes {
            if let Some(c) = &index.comment {
                out.push(Statement::new(
                    comment_on_index(name, ix_name, Some(c)),
                    object.clone(),
                ));
            }
        }
    }
    for name in &order {
        let Some(view) = schema.views.get(name) else {
            continue;
        };
        let object = format!("comments on view {name}");
        if let Some(c) = &view.comment {
            out.push(Statement::new(
                comment_on_view(name, view.materialized, Some(c)),
                object.clone(),
            ));
        }
        for (ix_name, index) in &view.indexes {
            if let Some(c) = &index.comment {
                out.push(Statement::new(
                    comment_on_index(name, ix_name, Some(c)),
                    object.clone(),
                ));
            }
        }
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

/// A statement for `create_index` with the right `transactional` flag.
pub fn create_index_statement(
    table: &QualifiedName,
    name: &str,
    index: &Index,
    concurrently: bool,
) -> Statement {
    Statement {
        sql: create_index(table, name, index, concurrently),
        object: format!("index {}", index_display(table, name)),
        transactional: !concurrently,
    }
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

    #[test]
    fn view_definition_loses_semicolon() {
        assert_eq!(clean_definition(" SELECT 1;\n"), "SELECT 1");
    }
}
