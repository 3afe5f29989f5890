//! Table constraint SQL: primary key, unique, check, foreign key and exclusion clauses, inline
//! in `CREATE TABLE` or through `ALTER TABLE .. ADD/VALIDATE/DROP/RENAME CONSTRAINT`.
//!
//! Conventions (quoting, no trailing semicolon, never `CASCADE`) are those of `crate::ddl`,
//! which re-exports the public functions here so callers keep using
//! `ddl::add_constraint_check` and friends.

use crate::ddl::{alter_table, comment_literal, ident_list, Statement};
use crate::diff::ObjectKind;
use crate::model::{
    quote_ident, Check, Exclusion, ForeignKey, PrimaryKey, QualifiedName, Schema, Table,
    UniqueConstraint,
};
use crate::squash::stabilize_expression;

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

/// ` USING INDEX TABLESPACE "x"` when one is declared.
fn index_tablespace(ts: &Option<String>) -> String {
    ts.as_ref()
        .map(|t| format!(" USING INDEX TABLESPACE {}", quote_ident(t)))
        .unwrap_or_default()
}

/// ` INCLUDE ("a", "b")`, or nothing.
fn include_clause(include: &[String]) -> String {
    if include.is_empty() {
        String::new()
    } else {
        format!(" INCLUDE ({})", ident_list(include))
    }
}

fn primary_key_clause(pk: &PrimaryKey) -> String {
    format!(
        "{}PRIMARY KEY ({}){}{}{}",
        constraint_prefix(&pk.name),
        ident_list(&pk.columns),
        include_clause(&pk.include),
        index_tablespace(&pk.tablespace),
        deferrable_clause(pk.deferrable, pk.initially_deferred)
    )
}

fn unique_clause(name: &str, uq: &UniqueConstraint) -> String {
    format!(
        "{}UNIQUE{} ({}){}{}{}",
        constraint_prefix(name),
        if uq.nulls_not_distinct {
            " NULLS NOT DISTINCT"
        } else {
            ""
        },
        ident_list(&uq.columns),
        include_clause(&uq.include),
        index_tablespace(&uq.tablespace),
        deferrable_clause(uq.deferrable, uq.initially_deferred)
    )
}

fn check_clause(name: &str, check: &Check) -> String {
    // At PostgreSQL's deparse fixpoint (see `squash::stabilize_expression`).
    let expression = stabilize_expression(&check.expression);
    let no_inherit = if check.no_inherit { " NO INHERIT" } else { "" };
    format!(
        "{}CHECK ({expression}){no_inherit}{}",
        constraint_prefix(name),
        not_enforced_clause(check.not_enforced)
    )
}

fn exclusion_clause(name: &str, ex: &Exclusion) -> String {
    // Its WHERE predicate at PostgreSQL's deparse fixpoint (see `squash::stabilize_expression`).
    let mut definition = stabilize_expression(ex.definition.trim());
    let ts = index_tablespace(&ex.tablespace);
    if !ts.is_empty() {
        let at = index_parameters_end(&definition);
        definition.insert_str(at, &ts);
    }
    format!("{}EXCLUDE {definition}", constraint_prefix(name))
}

/// Where an exclusion definition's index parameters end (a `USING INDEX TABLESPACE` goes
/// there): before its top-level `WHERE (…)` or deferrability, else at its end.
fn index_parameters_end(definition: &str) -> usize {
    let Ok(toks) = crate::load::lex(definition) else {
        return definition.len();
    };
    let mut depth = 0i32;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            crate::load::Tok::Punct('(') => depth += 1,
            crate::load::Tok::Punct(')') => depth -= 1,
            _ if depth == 0 && i > 0 => {
                let deferral = t.is_kw("not") || t.is_kw("deferrable") || t.is_kw("initially");
                if t.is_kw("where") || deferral {
                    return definition[..t.start].trim_end().len();
                }
            }
            _ => {}
        }
    }
    definition.len()
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
        // The column list of SET NULL / SET DEFAULT is PostgreSQL 15+ (see `on_delete`).
        sql.push_str(&format!(" ON DELETE {}", fk.on_delete.sql()));
    }
    sql.push_str(deferrable_clause(fk.deferrable, fk.initially_deferred));
    sql.push_str(not_enforced_clause(fk.not_enforced));
    sql
}

/// ` NOT ENFORCED` (PostgreSQL 18), or nothing (the default, ENFORCED, is never spelled so the
/// SQL runs on every major).
fn not_enforced_clause(not_enforced: bool) -> &'static str {
    if not_enforced {
        " NOT ENFORCED"
    } else {
        ""
    }
}

/// The constraints `CREATE TABLE` carries inline, in this order: primary key, unique, check,
/// exclusion (each group in model order). Foreign keys are not among them: they are added once
/// every table exists (see [`foreign_key_statements`]), so tables can reference each other.
pub(crate) fn inline_clauses(table: &Table) -> Vec<String> {
    let mut items = Vec::new();
    if let Some(pk) = &table.primary_key {
        items.push(primary_key_clause(pk));
    }
    for (n, uq) in &table.unique {
        items.push(unique_clause(n, uq));
    }
    // A NOT VALID check is added after CREATE TABLE (inline, it would be validated).
    for (n, ck) in table.checks.iter().filter(|(_, c)| !c.not_valid) {
        items.push(check_clause(n, ck));
    }
    for (n, ex) in &table.exclusions {
        items.push(exclusion_clause(n, ex));
    }
    items
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
    // A NOT ENFORCED constraint checks nothing: there is nothing to postpone.
    if not_valid && !check.not_enforced {
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
    if not_valid && !fk.not_enforced {
        sql.push_str(" NOT VALID");
    }
    sql
}

/// `ALTER CONSTRAINT … ENFORCED | NOT ENFORCED` (PostgreSQL 18, foreign keys): enforcing
/// validates the rows already there.
pub fn alter_constraint_enforced(table: &QualifiedName, name: &str, enforced: bool) -> String {
    let what = if enforced { "ENFORCED" } else { "NOT ENFORCED" };
    format!(
        "{} ALTER CONSTRAINT {} {what}",
        alter_table(table),
        quote_ident(name)
    )
}

pub fn validate_constraint(table: &QualifiedName, name: &str) -> String {
    format!(
        "{} VALIDATE CONSTRAINT {}",
        alter_table(table),
        quote_ident(name)
    )
}

/// Turns the live unique index `index` of `table` into unique constraint `name` (PostgreSQL
/// renames the index to `name`): no scan, and foreign keys on the key stay.
pub fn add_constraint_unique_using_index(table: &QualifiedName, name: &str, index: &str) -> String {
    format!(
        "{} ADD CONSTRAINT {} UNIQUE USING INDEX {}",
        alter_table(table),
        quote_ident(name),
        quote_ident(index)
    )
}

pub fn drop_constraint(table: &QualifiedName, name: &str) -> String {
    format!(
        "{} DROP CONSTRAINT {}",
        alter_table(table),
        quote_ident(name)
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

/// The foreign keys' part of `ddl::create_script`: every table's NOT VALID checks and foreign
/// keys (tables in model order, keys in model order), after all tables exist so references in
/// any direction resolve. NOT VALID ones are added NOT VALID, as pg_dump does.
pub fn foreign_key_statements(schema: &Schema) -> Vec<Statement> {
    schema
        .tables
        .iter()
        .flat_map(|(name, table)| foreign_key_statements_for(name, table))
        .collect()
}

/// One table's part of [`foreign_key_statements`].
pub fn foreign_key_statements_for(name: &QualifiedName, table: &Table) -> Vec<Statement> {
    let mut out = Vec::new();
    for (ck_name, ck) in table.checks.iter().filter(|(_, c)| c.not_valid) {
        out.push(Statement::new(
            add_constraint_check(name, ck_name, ck, true),
            format!("constraint {name}.{ck_name}"),
        ));
    }
    for (fk_name, fk) in &table.foreign_keys {
        out.push(Statement::new(
            add_constraint_foreign_key(name, fk_name, fk, fk.not_valid),
            format!("foreign key {name}.{fk_name}"),
        ));
    }
    out
}

/// `COMMENT ON CONSTRAINT name ON table IS '...'` (or `IS NULL` to remove it).
pub fn comment_on_constraint(table: &QualifiedName, name: &str, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON CONSTRAINT {} ON {} IS {}",
        quote_ident(name),
        table.sql(),
        comment_literal(comment)
    )
}

/// The declared comment of constraint `name` of `kind` on `table`.
pub fn declared_comment<'t>(table: &'t Table, kind: ObjectKind, name: &str) -> Option<&'t str> {
    let comment = match kind {
        ObjectKind::PrimaryKey => table.primary_key.as_ref().and_then(|p| p.comment.as_ref()),
        ObjectKind::Unique => table.unique.get(name).and_then(|u| u.comment.as_ref()),
        ObjectKind::Check => table.checks.get(name).and_then(|c| c.comment.as_ref()),
        ObjectKind::ForeignKey => table
            .foreign_keys
            .get(name)
            .and_then(|f| f.comment.as_ref()),
        ObjectKind::Exclusion => table.exclusions.get(name).and_then(|e| e.comment.as_ref()),
        _ => None,
    };
    comment.map(String::as_str)
}

/// The comment on the index behind key constraint `name` (primary key, unique or exclusion) of
/// `table`: `None` when `table` has no such key, `Some(None)` when its index has no comment.
pub fn key_index_comment<'t>(table: &'t Table, name: &str) -> Option<Option<&'t str>> {
    let comment = if let Some(p) = table.primary_key.as_ref().filter(|p| p.name == name) {
        &p.index_comment
    } else if let Some(u) = table.unique.get(name) {
        &u.index_comment
    } else {
        &table.exclusions.get(name)?.index_comment
    };
    Some(comment.as_deref())
}

/// The constraints of `table` as (kind, name): primary key, unique, check, foreign keys (when
/// `foreign_keys`), exclusion, each in model order.
pub fn members(table: &Table, foreign_keys: bool) -> Vec<(ObjectKind, &String)> {
    let pk = table
        .primary_key
        .iter()
        .map(|p| (ObjectKind::PrimaryKey, &p.name));
    let fks = table.foreign_keys.keys().filter(|_| foreign_keys);
    pk.chain(table.unique.keys().map(|n| (ObjectKind::Unique, n)))
        .chain(table.checks.keys().map(|n| (ObjectKind::Check, n)))
        .chain(fks.map(|n| (ObjectKind::ForeignKey, n)))
        .chain(table.exclusions.keys().map(|n| (ObjectKind::Exclusion, n)))
        .collect()
}

/// The comments on the constraints of `table` (primary key, unique, check, foreign key,
/// exclusion, each in model order), as part of the table's comments in `ddl::create_script`.
pub(crate) fn comment_statements_for(
    name: &QualifiedName,
    table: &Table,
    object: &str,
) -> Vec<Statement> {
    let members = members(table, true);
    members
        .into_iter()
        .flat_map(|(kind, member)| {
            let on_constraint = declared_comment(table, kind, member)
                .map(|c| comment_on_constraint(name, member, Some(c)));
            let on_index = key_index_comment(table, member)
                .flatten()
                .map(|c| crate::kinds::index::ddl::comment_on_index(name, member, Some(c)));
            on_constraint.into_iter().chain(on_index)
        })
        .map(|sql| Statement::new(sql, object.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusion_index_tablespace_goes_before_where_and_deferrable() {
        let ex = |definition: &str| Exclusion {
            definition: definition.into(),
            tablespace: Some("T s".into()),
            ..Default::default()
        };
        let cases = [
            ("USING gist (r WITH &&)", "USING gist (r WITH &&) USING INDEX TABLESPACE \"T s\""),
            (
                "USING gist (r WITH &&) WHERE ((NOT isempty(r))) DEFERRABLE",
                "USING gist (r WITH &&) USING INDEX TABLESPACE \"T s\" WHERE ((NOT isempty(r))) DEFERRABLE",
            ),
            (
                "USING gist (r WITH &&) INCLUDE (\"where\") NOT DEFERRABLE",
                "USING gist (r WITH &&) INCLUDE (\"where\") USING INDEX TABLESPACE \"T s\" NOT DEFERRABLE",
            ),
        ];
        for (def, want) in cases {
            assert_eq!(exclusion_clause("", &ex(def)), format!("EXCLUDE {want}"));
        }
        let pk = PrimaryKey {
            name: "k".into(),
            columns: vec!["id".into()],
            deferrable: true,
            tablespace: Some("fast".into()),
            ..Default::default()
        };
        assert_eq!(
            primary_key_clause(&pk),
            "CONSTRAINT \"k\" PRIMARY KEY (\"id\") USING INDEX TABLESPACE \"fast\" DEFERRABLE"
        );
    }
}
