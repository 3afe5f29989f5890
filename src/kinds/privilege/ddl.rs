//! privilege: `GRANT`, `REVOKE` and `ALTER DEFAULT PRIVILEGES`, as the minimal delta between two
//! grant lists. Every identifier is quoted; `PUBLIC` is the keyword.

use super::{
    builtin_schema_grants_on, split_item, DefaultObjects, DefaultPrivilege, Grants, PUBLIC,
};
use crate::ddl::Statement;
use crate::kinds::function::{RoutineKey, RoutineKind};
use crate::model::{quote_ident, QualifiedName, Schema, DEFAULT_SCHEMA};

/// What a grant is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A table, view or materialized view (`ON TABLE`).
    Table(QualifiedName),
    Column(QualifiedName, String),
    Sequence(QualifiedName),
    Schema(String),
    /// A function, procedure or aggregate (`ON FUNCTION`, `ON PROCEDURE`).
    Routine(RoutineKey, RoutineKind),
    /// A type or domain (`ON TYPE`).
    Type(QualifiedName),
    Default {
        role: String,
        schema: Option<String>,
        on: DefaultObjects,
    },
}

impl Target {
    /// `(privilege list prefix, ON clause)`; a column list goes after each privilege.
    fn on(&self) -> String {
        match self {
            Target::Table(q) | Target::Column(q, _) => format!("ON TABLE {}", q.sql()),
            Target::Sequence(q) => format!("ON SEQUENCE {}", q.sql()),
            Target::Schema(s) => format!("ON SCHEMA {}", quote_ident(s)),
            Target::Routine(k, RoutineKind::Procedure) => format!("ON PROCEDURE {}", k.sql()),
            Target::Routine(k, _) => format!("ON FUNCTION {}", k.sql()),
            Target::Type(q) => format!("ON TYPE {}", q.sql()),
            Target::Default { on, .. } => format!("ON {}", on.sql()),
        }
    }

    fn prefix(&self) -> String {
        match self {
            Target::Default { role, schema, .. } => {
                let mut s = format!("ALTER DEFAULT PRIVILEGES FOR ROLE {}", quote_ident(role));
                if let Some(n) = schema {
                    s.push_str(&format!(" IN SCHEMA {}", quote_ident(n)));
                }
                s.push(' ');
                s
            }
            _ => String::new(),
        }
    }

    fn privileges(&self, privs: &[String]) -> String {
        let col = match self {
            Target::Column(_, c) => format!(" ({})", quote_ident(c)),
            _ => String::new(),
        };
        privs
            .iter()
            .map(|p| format!("{}{col}", p.to_ascii_uppercase()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// For people: `table users`, `column users.mail`, `default privileges for role r`.
    pub fn describe(&self) -> String {
        match self {
            Target::Table(q) => format!("table {q}"),
            Target::Column(q, c) => format!("column {q}.{c}"),
            Target::Sequence(q) => format!("sequence {q}"),
            Target::Schema(s) => format!("schema {s}"),
            Target::Routine(k, kind) => format!("{} {k}", kind.words()),
            Target::Type(q) => format!("type {q}"),
            Target::Default { role, schema, on } => {
                let mut s = format!("default privileges for role {role}");
                if let Some(n) = schema {
                    s.push_str(&format!(" in schema {n}"));
                }
                format!("{s} on {}", on.sql().to_ascii_lowercase())
            }
        }
    }
}

pub fn grantee(role: &str) -> String {
    if role.eq_ignore_ascii_case(PUBLIC) {
        PUBLIC.to_string()
    } else {
        quote_ident(role)
    }
}

pub fn grant(target: &Target, role: &str, privs: &[String], with_grant_option: bool) -> String {
    format!(
        "{}GRANT {} {} TO {}{}",
        target.prefix(),
        target.privileges(privs),
        target.on(),
        grantee(role),
        if with_grant_option {
            " WITH GRANT OPTION"
        } else {
            ""
        }
    )
}

pub fn revoke(target: &Target, role: &str, privs: &[String], grant_option_only: bool) -> String {
    format!(
        "{}REVOKE {}{} {} FROM {}",
        target.prefix(),
        if grant_option_only {
            "GRANT OPTION FOR "
        } else {
            ""
        },
        target.privileges(privs),
        target.on(),
        grantee(role)
    )
}

fn entries(grants: &Grants, role: &str) -> Vec<(String, bool)> {
    grants
        .get(role)
        .map(|v| v.iter().map(|i| split_item(i)).collect())
        .unwrap_or_default()
}

/// The statements that turn grants `from` into grants `to` on `target`: revokes first, then
/// grants; at most four statements per role.
pub fn delta(target: &Target, from: &Grants, to: &Grants) -> Vec<String> {
    let mut roles: Vec<&String> = from.keys().chain(to.keys()).collect();
    roles.sort();
    roles.dedup();
    let mut out = Vec::new();
    for role in roles {
        let (f, t) = (entries(from, role), entries(to, role));
        let find = |v: &[(String, bool)], p: &str| v.iter().find(|(x, _)| x == p).map(|(_, g)| *g);
        let mut revoke_all = Vec::new();
        let mut revoke_option = Vec::new();
        for (p, g) in &f {
            match find(&t, p) {
                None => revoke_all.push(p.clone()),
                Some(false) if *g => revoke_option.push(p.clone()),
                _ => {}
            }
        }
        let mut grant_plain = Vec::new();
        let mut grant_option = Vec::new();
        for (p, g) in &t {
            match (find(&f, p), g) {
                (None, false) => grant_plain.push(p.clone()),
                (None, true) | (Some(false), true) => grant_option.push(p.clone()),
                _ => {}
            }
        }
        if !revoke_all.is_empty() {
            out.push(revoke(target, role, &revoke_all, false));
        }
        if !revoke_option.is_empty() {
            out.push(revoke(target, role, &revoke_option, true));
        }
        if !grant_plain.is_empty() {
            out.push(grant(target, role, &grant_plain, false));
        }
        if !grant_option.is_empty() {
            out.push(grant(target, role, &grant_option, true));
        }
    }
    out
}

/// Every grant of a schema built from nothing, for `create_script`: after all objects exist.
/// Schemas start from their built-in default, so a declared `public: {}` revokes it.
pub fn create_all(schema: &Schema) -> Vec<Statement> {
    let none = Grants::new();
    let mut out = Vec::new();
    let mut push = |target: Target, from: &Grants, to: &Grants| {
        let object = format!("privileges on {}", target.describe());
        for sql in delta(&target, from, to) {
            out.push(Statement::new(sql, object.clone()));
        }
    };
    for (name, g) in &schema.schema_grants {
        let exists = name == DEFAULT_SCHEMA || schema.schemas.contains(name);
        if exists {
            // A script runs on any major: `public` may start with PostgreSQL 14's `CREATE` for
            // `PUBLIC`, so it is revoked when not declared (a no-op from 15 on).
            push(
                Target::Schema(name.clone()),
                &builtin_schema_grants_on(name, Some(14)),
                g,
            );
        }
    }
    for (name, t) in &schema.tables {
        push(Target::Table(name.clone()), &none, &t.grants);
        for (col, g) in &t.column_grants {
            push(Target::Column(name.clone(), col.clone()), &none, g);
        }
    }
    let sequences = super::sequence_names(schema);
    for (name, g) in &schema.sequence_grants {
        if sequences.contains(name) {
            push(Target::Sequence(name.clone()), &none, g);
        }
    }
    for (name, g) in &schema.view_grants {
        if schema.views.contains_key(name) {
            push(Target::Table(name.clone()), &none, g);
        }
    }
    for (name, cols) in &schema.view_column_grants {
        for (col, g) in cols.iter().filter(|_| schema.views.contains_key(name)) {
            push(Target::Column(name.clone(), col.clone()), &none, g);
        }
    }
    // Routines and types start from their built-in default (`EXECUTE`/`USAGE` to `PUBLIC`).
    for (key, g) in &schema.function_grants {
        if let Some(f) = schema.functions.get(key) {
            let target = Target::Routine(key.clone(), f.kind);
            push(target, &super::objects::builtin_routine(), g);
        }
    }
    for (name, g) in &schema.type_grants {
        push(
            Target::Type(name.clone()),
            &super::objects::builtin_type(),
            g,
        );
    }
    for d in &schema.default_privileges {
        let target = Target::Default {
            role: d.for_role.clone(),
            schema: d.in_schema.clone(),
            on: d.on,
        };
        let from = DefaultPrivilege::builtin(d.in_schema.as_deref(), d.on);
        push(target, &from, &d.grants);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(v: &[(&str, &[&str])]) -> Grants {
        v.iter()
            .map(|(r, p)| (r.to_string(), p.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn minimal_delta() {
        let t = Target::Table(QualifiedName::new("public", "users"));
        let from = g(&[
            ("app", &["select with grant option", "insert"]),
            ("PUBLIC", &["select"]),
        ]);
        let to = g(&[("app", &["select", "update"])]);
        assert_eq!(
            delta(&t, &from, &to),
            vec![
                "REVOKE SELECT ON TABLE \"public\".\"users\" FROM PUBLIC",
                "REVOKE INSERT ON TABLE \"public\".\"users\" FROM \"app\"",
                "REVOKE GRANT OPTION FOR SELECT ON TABLE \"public\".\"users\" FROM \"app\"",
                "GRANT UPDATE ON TABLE \"public\".\"users\" TO \"app\"",
            ]
        );
        let c = Target::Column(QualifiedName::new("public", "users"), "mail".into());
        assert_eq!(
            delta(&c, &Grants::new(), &g(&[("app", &["update with grant option"])])),
            vec!["GRANT UPDATE (\"mail\") ON TABLE \"public\".\"users\" TO \"app\" WITH GRANT OPTION"]
        );
        let d = Target::Default {
            role: "owner".into(),
            schema: Some("app".into()),
            on: DefaultObjects::Tables,
        };
        assert_eq!(
            delta(&d, &Grants::new(), &g(&[("ro", &["select"])])),
            vec!["ALTER DEFAULT PRIVILEGES FOR ROLE \"owner\" IN SCHEMA \"app\" GRANT SELECT ON TABLES TO \"ro\""]
        );
    }

    #[test]
    fn routines_and_types_are_quoted() {
        let k = RoutineKey::new(QualifiedName::new("My S", "Do \"It\" é"), "integer, text");
        let t = Target::Routine(k.clone(), RoutineKind::Procedure);
        assert_eq!(
            delta(&t, &super::super::objects::builtin_routine(), &Grants::new()),
            vec!["REVOKE EXECUTE ON PROCEDURE \"My S\".\"Do \"\"It\"\" é\"(integer, text) FROM PUBLIC"]
        );
        let f = Target::Routine(k, RoutineKind::Aggregate);
        assert_eq!(
            grant(&f, "Ro le", &["execute".to_string()], true),
            "GRANT EXECUTE ON FUNCTION \"My S\".\"Do \"\"It\"\" é\"(integer, text) TO \"Ro le\" WITH GRANT OPTION"
        );
        let ty = Target::Type(QualifiedName::new("app", "Mood"));
        assert_eq!(
            revoke(&ty, "public", &["usage".to_string()], false),
            "REVOKE USAGE ON TYPE \"app\".\"Mood\" FROM PUBLIC"
        );
        assert_eq!(ty.describe(), "type app.Mood");
    }
}
