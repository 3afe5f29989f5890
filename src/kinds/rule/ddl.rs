//! rule: CREATE (PostgreSQL's or the user's text), CREATE OR REPLACE, DROP, the enabled state
//! (which `pg_get_ruledef` leaves out, so pg_dump emits it separately too) and COMMENT ON.

use super::{enabled_clause, Rule};
use crate::ddl::Statement;
use crate::kinds::trigger::TriggerEnabled;
use crate::model::{quote_ident, quote_literal, QualifiedName, Schema};

pub fn create(r: &Rule) -> String {
    r.definition.clone()
}

/// The definition as `CREATE OR REPLACE RULE`, which PostgreSQL allows for the same name and
/// relation (the event may change). `None` when the text does not start with `CREATE RULE`.
pub fn create_or_replace(r: &Rule) -> Option<String> {
    let d = r.definition.trim_start();
    let head = d.get(..12)?;
    if !head.eq_ignore_ascii_case("CREATE RULE ") {
        return d
            .get(..23)
            .filter(|h| h.eq_ignore_ascii_case("CREATE OR REPLACE RULE "))
            .map(|_| d.to_string());
    }
    Some(format!("CREATE OR REPLACE RULE {}", &d[12..]))
}

pub fn drop(relation: &QualifiedName, name: &str) -> String {
    format!("DROP RULE {} ON {}", quote_ident(name), relation.sql())
}

pub fn set_enabled(relation: &QualifiedName, name: &str, state: TriggerEnabled) -> String {
    format!(
        "ALTER TABLE {} {} {}",
        relation.sql(),
        enabled_clause(state),
        quote_ident(name)
    )
}

pub fn comment(relation: &QualifiedName, name: &str, comment: Option<&str>) -> String {
    let value = comment.map(quote_literal).unwrap_or_else(|| "NULL".into());
    format!(
        "COMMENT ON RULE {} ON {} IS {value}",
        quote_ident(name),
        relation.sql()
    )
}

pub fn object(relation: &QualifiedName, name: &str) -> String {
    format!("rule {name} on {relation}")
}

/// What follows a rule's CREATE: its state and comment when not default.
pub fn after_create(relation: &QualifiedName, name: &str, r: &Rule) -> Vec<Statement> {
    let object = object(relation, name);
    let mut out = Vec::new();
    if r.enabled != TriggerEnabled::Enabled {
        let sql = set_enabled(relation, name, r.enabled);
        out.push(Statement::new(sql, object.clone()));
    }
    if r.comment.is_some() {
        let sql = comment(relation, name, r.comment.as_deref());
        out.push(Statement::new(sql, object));
    }
    out
}

/// Everything that builds one rule: CREATE, then its state and comment when not default.
pub fn build(relation: &QualifiedName, name: &str, r: &Rule) -> Vec<Statement> {
    let mut out = vec![Statement::new(create(r), object(relation, name))];
    out.extend(after_create(relation, name, r));
    out
}

/// Every rule of `schema`: last among the relations' members, after every table, view and
/// routine its actions may name.
pub fn script_part(schema: &Schema, out: &mut Vec<Statement>) {
    for (relation, rules) in &schema.rules {
        for (name, r) in rules {
            out.extend(build(relation, name, r));
        }
    }
}

/// Drops of the rules of `schema` on the relations `keep` accepts, in reverse model order (the
/// down migration's first step: a rule may name any table).
pub fn drop_all(schema: &Schema, keep: impl Fn(&QualifiedName) -> bool) -> Vec<Statement> {
    let mut out = Vec::new();
    for (relation, rules) in schema.rules.iter().rev().filter(|(r, _)| keep(r)) {
        for name in rules.keys().rev() {
            out.push(Statement::new(drop(relation, name), object(relation, name)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sql_is_quoted() {
        let t = QualifiedName::new("Odd s", "t\"x");
        let r = Rule {
            definition: "CREATE RULE \"r\" AS\n    ON DELETE TO t DO INSTEAD NOTHING".into(),
            enabled: TriggerEnabled::Replica,
            comment: Some("it's".into()),
            depends_on: vec![],
            calls: vec![],
        };
        let s = build(&t, "Ré \"q\"", &r);
        assert_eq!(
            s[1].sql,
            "ALTER TABLE \"Odd s\".\"t\"\"x\" ENABLE REPLICA RULE \"Ré \"\"q\"\"\""
        );
        assert_eq!(
            s[2].sql,
            "COMMENT ON RULE \"Ré \"\"q\"\"\" ON \"Odd s\".\"t\"\"x\" IS 'it''s'"
        );
        assert_eq!(drop(&t, "r"), "DROP RULE \"r\" ON \"Odd s\".\"t\"\"x\"");
        assert_eq!(
            create_or_replace(&r).as_deref(),
            Some("CREATE OR REPLACE RULE \"r\" AS\n    ON DELETE TO t DO INSTEAD NOTHING")
        );
    }
}
