//! Row-level security (`ENABLE`/`FORCE ROW LEVEL SECURITY`) and the policies of a table.
//!
//! Both are declared with their table in schema.yaml (`row_level_security: true`,
//! `policies: {own: {command: select, roles: [app], using: "..."}}`) and read from
//! `pg_class.relrowsecurity`/`relforcerowsecurity` and `pg_policy`. Expressions are normalized
//! like checks: the declared policy is created in the scratch database and read back with
//! `pg_get_expr`. Roles are cluster-wide, so the scratch copy is created `TO PUBLIC` and the
//! declared role names are carried over as data (see [`scratch_form`] and [`carry`]): the
//! normalizer never needs the roles to exist.
//!
//! One kind, one module: `catalog` reads it from a database (one batched query), `diff`
//! compares it and plans it, `ddl` emits its SQL.

pub mod catalog;
pub mod ddl;
pub mod diff;

use serde::{Deserialize, Serialize};

use crate::model::Schema;

/// The pseudo-role every role is a member of; `polroles = {0}` in the catalog.
pub const PUBLIC: &str = "PUBLIC";

/// What a policy applies to (`polcmd`: `*`, `r`, `a`, `w`, `d`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyCommand {
    #[default]
    All,
    Select,
    Insert,
    Update,
    Delete,
}

impl PolicyCommand {
    pub fn sql(self) -> &'static str {
        match self {
            PolicyCommand::All => "ALL",
            PolicyCommand::Select => "SELECT",
            PolicyCommand::Insert => "INSERT",
            PolicyCommand::Update => "UPDATE",
            PolicyCommand::Delete => "DELETE",
        }
    }

    /// From `pg_policy.polcmd`.
    pub fn from_catalog(code: &str) -> Option<Self> {
        Some(match code {
            "*" => PolicyCommand::All,
            "r" => PolicyCommand::Select,
            "a" => PolicyCommand::Insert,
            "w" => PolicyCommand::Update,
            "d" => PolicyCommand::Delete,
            _ => return None,
        })
    }

    fn is_all(&self) -> bool {
        *self == PolicyCommand::All
    }
}

/// A row-level security policy. Defaults follow `CREATE POLICY`: `FOR ALL`, `TO PUBLIC`,
/// `AS PERMISSIVE`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    #[serde(default, skip_serializing_if = "PolicyCommand::is_all")]
    pub command: PolicyCommand,
    /// Role names; `PUBLIC` (any case) for everyone. Sorted once normalized.
    #[serde(default = "public_roles", skip_serializing_if = "is_public_only")]
    pub roles: Vec<String>,
    /// `false` is `AS RESTRICTIVE`.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub permissive: bool,
    /// The `USING` expression, as `pg_get_expr` prints it once normalized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub using: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_check: Option<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            command: PolicyCommand::All,
            roles: public_roles(),
            permissive: true,
            using: None,
            with_check: None,
        }
    }
}

fn public_roles() -> Vec<String> {
    vec![PUBLIC.to_string()]
}
fn is_public_only(roles: &[String]) -> bool {
    roles.len() == 1 && roles[0] == PUBLIC
}
fn yes() -> bool {
    true
}
fn is_true(b: &bool) -> bool {
    *b
}

/// The canonical role list: `public` in any case is `PUBLIC`, sorted, no duplicates, and an
/// empty list means `PUBLIC` (as `CREATE POLICY` without `TO` does).
pub fn canonical_roles(roles: &[String]) -> Vec<String> {
    let mut out: Vec<String> = roles
        .iter()
        .map(|r| {
            if r.eq_ignore_ascii_case(PUBLIC) {
                PUBLIC.to_string()
            } else {
                r.clone()
            }
        })
        .collect();
    if out.is_empty() {
        out = public_roles();
    }
    out.sort();
    out.dedup();
    out
}

/// The declared schema as the scratch database gets it: every policy `TO PUBLIC`, because the
/// declared roles may not exist on the normalizing server (roles are cluster-wide, and a
/// throw-away cluster has none). [`carry`] puts the declared names back afterwards.
pub fn scratch_form(schema: &mut Schema) {
    for table in schema.tables.values_mut() {
        for policy in table.policies.values_mut() {
            policy.roles = public_roles();
        }
    }
}

/// Copies the declared role lists (canonical) onto the normalized policies.
pub fn carry(declared: &Schema, normalized: &mut Schema) {
    for (name, table) in &declared.tables {
        let Some(n) = normalized.tables.get_mut(name) else {
            continue;
        };
        for (pname, policy) in &table.policies {
            if let Some(p) = n.policies.get_mut(pname) {
                p.roles = canonical_roles(&policy.roles);
            }
        }
    }
}

/// Every role a policy names (for the role checks of scratch builds).
pub fn roles(schema: &Schema) -> Vec<String> {
    schema
        .tables
        .values()
        .flat_map(|t| t.policies.values())
        .flat_map(|p| p.roles.iter())
        .filter(|r| !r.eq_ignore_ascii_case(PUBLIC))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_canonicalize() {
        let r = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            canonical_roles(&r(&["b", "public", "a", "b"])),
            r(&["PUBLIC", "a", "b"])
        );
        assert_eq!(canonical_roles(&[]), r(&["PUBLIC"]));
    }

    #[test]
    fn yaml_defaults() {
        let p: Policy = serde_saphyr::from_str("using: id = 1").unwrap();
        assert_eq!(p.command, PolicyCommand::All);
        assert!(p.permissive);
        assert_eq!(p.roles, vec!["PUBLIC"]);
        let text = serde_saphyr::to_string(&p).unwrap();
        assert_eq!(text.trim(), "using: id = 1");
    }
}
