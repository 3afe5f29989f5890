//! Domain SQL: `CREATE DOMAIN`, `ALTER DOMAIN` (default, NOT NULL, constraints), `DROP DOMAIN`.

use super::Domain;
use crate::ddl::{comment_literal, quote_dotted, Statement};
use crate::model::{quote_ident, QualifiedName, Schema};
use crate::squash::stabilize_expression;

/// `CREATE DOMAIN d AS type [COLLATE c] [DEFAULT e] [NOT NULL] [CONSTRAINT n CHECK (e)]...`.
pub fn create_domain(name: &QualifiedName, d: &Domain) -> String {
    let mut sql = format!("CREATE DOMAIN {} AS {}", name.sql(), d.data_type);
    if let Some(c) = &d.collation {
        sql.push_str(&format!(" COLLATE {}", quote_dotted(c)));
    }
    // Expressions at PostgreSQL's deparse fixpoint (see `squash::stabilize_expression`).
    if let Some(e) = &d.default {
        sql.push_str(&format!(" DEFAULT {}", stabilize_expression(e)));
    }
    if d.not_null {
        sql.push_str(" NOT NULL");
    }
    // A NOT VALID check is added after the CREATE (see `after_create`).
    for (n, e) in d.checks.iter().filter(|(n, _)| !d.not_valid.contains(n)) {
        let e = stabilize_expression(e);
        sql.push_str(&format!(" CONSTRAINT {} CHECK ({e})", quote_ident(n)));
    }
    sql
}

pub fn drop_domain(name: &QualifiedName) -> String {
    format!("DROP DOMAIN {}", name.sql())
}

fn alter(name: &QualifiedName, rest: &str) -> String {
    format!("ALTER DOMAIN {} {rest}", name.sql())
}

pub fn set_default(name: &QualifiedName, default: Option<&str>) -> String {
    match default {
        Some(e) => alter(name, &format!("SET DEFAULT {}", stabilize_expression(e))),
        None => alter(name, "DROP DEFAULT"),
    }
}

pub fn set_not_null(name: &QualifiedName, not_null: bool) -> String {
    alter(
        name,
        if not_null {
            "SET NOT NULL"
        } else {
            "DROP NOT NULL"
        },
    )
}

/// `ALTER DOMAIN .. ADD CONSTRAINT n CHECK (e)`, `NOT VALID` when `d` declares it so.
pub fn add_check(name: &QualifiedName, d: &Domain, check: &str, expr: &str) -> String {
    let expr = stabilize_expression(expr);
    let nv = if d.not_valid.iter().any(|n| n == check) {
        " NOT VALID"
    } else {
        ""
    };
    alter(
        name,
        &format!("ADD CONSTRAINT {} CHECK ({expr}){nv}", quote_ident(check)),
    )
}

pub fn validate_check(name: &QualifiedName, check: &str) -> String {
    alter(name, &format!("VALIDATE CONSTRAINT {}", quote_ident(check)))
}

pub fn comment_check(name: &QualifiedName, check: &str, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON CONSTRAINT {} ON DOMAIN {} IS {}",
        quote_ident(check),
        name.sql(),
        comment_literal(comment)
    )
}

/// What follows `create_domain(d)`: its NOT VALID checks, then its checks' comments.
pub fn after_create(name: &QualifiedName, d: &Domain) -> Vec<String> {
    let mut out: Vec<String> = d
        .checks
        .iter()
        .filter(|(n, _)| d.not_valid.contains(n))
        .map(|(n, e)| add_check(name, d, n, e))
        .collect();
    for (n, c) in d
        .check_comments
        .iter()
        .filter(|(n, _)| d.checks.contains_key(*n))
    {
        out.push(comment_check(name, n, Some(c)));
    }
    out
}

pub fn drop_check(name: &QualifiedName, check: &str) -> String {
    alter(name, &format!("DROP CONSTRAINT {}", quote_ident(check)))
}

pub fn comment(name: &QualifiedName, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON DOMAIN {} IS {}",
        name.sql(),
        comment_literal(comment)
    )
}

/// One domain's statements for a creation script: the CREATE, then its comment.
pub fn create_one(name: &QualifiedName, d: &Domain) -> Vec<Statement> {
    let object = format!("domain {name}");
    let mut out = vec![Statement::new(create_domain(name, d), object.clone())];
    for sql in after_create(name, d) {
        out.push(Statement::new(sql, object.clone()));
    }
    if d.comment.is_some() {
        out.push(Statement::new(comment(name, d.comment.as_deref()), object));
    }
    out
}

/// The checks of `d` that call a routine declared in `schema` (`CHECK (is_email(VALUE))`):
/// the routine is created after the types, so these checks are added once it exists.
pub fn checks_calling_routines(schema: &Schema, d: &Domain) -> Vec<String> {
    let calls = |e: &str| {
        let e = e.to_lowercase();
        schema.functions.keys().any(|k| {
            let n = k.name.name.to_lowercase();
            e.contains(&format!("{n}(")) || e.contains(&format!("{n}\"("))
        })
    };
    d.checks
        .iter()
        .filter(|(_, e)| calls(e))
        .map(|(n, _)| n.clone())
        .collect()
}

/// `d` without the checks that wait for routines.
pub fn without_late_checks(schema: &Schema, d: &Domain) -> Domain {
    let late = checks_calling_routines(schema, d);
    let mut early = d.clone();
    early.checks.retain(|n, _| !late.contains(n));
    early
}

/// `ALTER DOMAIN .. ADD CONSTRAINT` for every check that waits for a routine (see
/// [`checks_calling_routines`]), for the part of a script after the routines.
pub fn late_checks(schema: &Schema) -> Vec<Statement> {
    let mut out = Vec::new();
    for (q, d) in &schema.domains {
        for name in checks_calling_routines(schema, d) {
            if let Some(e) = d.checks.get(&name) {
                let object = format!("domain {q}");
                out.push(Statement::new(add_check(q, d, &name, e), object.clone()));
                if let Some(c) = d.check_comments.get(&name) {
                    out.push(Statement::new(comment_check(q, &name, Some(c)), object));
                }
            }
        }
    }
    out
}
