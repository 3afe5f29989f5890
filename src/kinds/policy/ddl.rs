//! policy: `ALTER TABLE ... ENABLE/DISABLE/FORCE/NO FORCE ROW LEVEL SECURITY` and
//! `CREATE/ALTER/DROP POLICY`. Every identifier is quoted; `PUBLIC` is the keyword.

use super::{Policy, PUBLIC};
use crate::ddl::Statement;
use crate::model::{quote_ident, QualifiedName, Schema};
use crate::squash::stabilize_expression;

/// `TO` list: role names quoted, `PUBLIC` as the keyword.
pub fn role_list(roles: &[String]) -> String {
    if roles.is_empty() {
        return PUBLIC.to_string();
    }
    roles
        .iter()
        .map(|r| {
            if r.eq_ignore_ascii_case(PUBLIC) {
                PUBLIC.to_string()
            } else {
                quote_ident(r)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn set_row_level_security(table: &QualifiedName, enabled: bool) -> String {
    let verb = if enabled { "ENABLE" } else { "DISABLE" };
    format!("ALTER TABLE {} {verb} ROW LEVEL SECURITY", table.sql())
}

pub fn set_force_row_level_security(table: &QualifiedName, forced: bool) -> String {
    let verb = if forced { "FORCE" } else { "NO FORCE" };
    format!("ALTER TABLE {} {verb} ROW LEVEL SECURITY", table.sql())
}

pub fn create_policy(table: &QualifiedName, name: &str, p: &Policy) -> String {
    let mut sql = format!(
        "CREATE POLICY {} ON {} AS {} FOR {} TO {}",
        quote_ident(name),
        table.sql(),
        if p.permissive {
            "PERMISSIVE"
        } else {
            "RESTRICTIVE"
        },
        p.command.sql(),
        role_list(&p.roles)
    );
    sql.push_str(&expressions(p));
    sql
}

/// ` USING (…) WITH CHECK (…)`, at PostgreSQL's deparse fixpoint (see
/// `squash::stabilize_expression`).
fn expressions(p: &Policy) -> String {
    let mut sql = String::new();
    if let Some(u) = &p.using {
        sql.push_str(&format!(" USING ({})", stabilize_expression(u)));
    }
    if let Some(w) = &p.with_check {
        sql.push_str(&format!(" WITH CHECK ({})", stabilize_expression(w)));
    }
    sql
}

/// `ALTER POLICY` changes roles and expressions in place; it cannot remove an expression, so
/// the caller recreates the policy when one goes away.
pub fn alter_policy(table: &QualifiedName, name: &str, p: &Policy) -> String {
    let mut sql = format!(
        "ALTER POLICY {} ON {} TO {}",
        quote_ident(name),
        table.sql(),
        role_list(&p.roles)
    );
    sql.push_str(&expressions(p));
    sql
}

pub fn drop_policy(table: &QualifiedName, name: &str) -> String {
    format!("DROP POLICY {} ON {}", quote_ident(name), table.sql())
}

/// Row-level security flags and policies of every table, for `create_script`: emitted after
/// the tables and views, so a policy may read any relation.
pub fn create_all(schema: &Schema) -> Vec<Statement> {
    let mut out = Vec::new();
    for (name, table) in &schema.tables {
        let object = format!("row-level security on table {name}");
        if table.row_level_security {
            out.push(Statement::new(
                set_row_level_security(name, true),
                object.clone(),
            ));
        }
        if table.force_row_level_security {
            out.push(Statement::new(
                set_force_row_level_security(name, true),
                object.clone(),
            ));
        }
        for (pname, policy) in &table.policies {
            out.push(Statement::new(
                create_policy(name, pname, policy),
                format!("policy {pname} on {name}"),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::policy::PolicyCommand;

    #[test]
    fn policies_quote_everything() {
        let t = QualifiedName::new("public", "Users");
        let p = Policy {
            command: PolicyCommand::Select,
            roles: vec!["PUBLIC".into(), "app ro".into()],
            permissive: false,
            using: Some("id = 1".into()),
            with_check: None,
        };
        assert_eq!(
            create_policy(&t, "own \"x\"", &p),
            "CREATE POLICY \"own \"\"x\"\"\" ON \"public\".\"Users\" AS RESTRICTIVE FOR SELECT TO PUBLIC, \"app ro\" USING (id = 1)"
        );
        assert_eq!(
            set_force_row_level_security(&t, false),
            "ALTER TABLE \"public\".\"Users\" NO FORCE ROW LEVEL SECURITY"
        );
    }
}
