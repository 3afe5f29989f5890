//! The roles grants and policies name: listed, looked up on a server, created `NOLOGIN` on a
//! throw-away cluster (never anywhere else).

use tokio_postgres::Client;

use super::{ddl, Grants, PUBLIC};
use crate::model::{quote_ident, Schema};

/// Every role a grant, default privilege, policy or owner declaration names (not `PUBLIC`),
/// sorted.
pub fn roles(schema: &Schema) -> Vec<String> {
    let mut out: Vec<String> = crate::kinds::policy::roles(schema);
    let mut add = |g: &Grants| {
        out.extend(
            g.keys()
                .filter(|r| !r.eq_ignore_ascii_case(PUBLIC))
                .cloned(),
        )
    };
    for t in schema.tables.values() {
        add(&t.grants);
        t.column_grants.values().for_each(&mut add);
    }
    schema.schema_grants.values().for_each(&mut add);
    schema.view_grants.values().for_each(&mut add);
    schema.sequence_grants.values().for_each(&mut add);
    schema.function_grants.values().for_each(&mut add);
    schema.type_grants.values().for_each(&mut add);
    schema
        .view_column_grants
        .values()
        .flat_map(|c| c.values())
        .for_each(&mut add);
    for d in &schema.default_privileges {
        add(&d.grants);
    }
    out.extend(schema.default_privileges.iter().map(|d| d.for_role.clone()));
    out.extend(crate::kinds::owner::roles(schema));
    out.sort();
    out.dedup();
    out
}

/// The roles of `wanted` that do not exist where `client` is connected, in `wanted`'s order.
pub async fn missing_roles(client: &Client, wanted: &[String]) -> Result<Vec<String>, RoleError> {
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let rows = client
        .query("SELECT r FROM unnest($1::text[]) WITH ORDINALITY AS u(r, i) WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) ORDER BY i", &[&wanted])
        .await
        .map_err(|e| RoleError::Query(e.to_string()))?;
    Ok(rows
        .iter()
        .filter_map(|r| r.try_get::<_, String>(0).ok())
        .collect())
}

#[derive(Debug, thiserror::Error)]
pub enum RoleError {
    #[error("the schema grants to or names role(s) that do not exist on the scratch server: {}\n  hint: roles are cluster-wide and pgdrift never creates them on a real server; create them there, or use --dev-url ephemeral (where they are created NOLOGIN for the check)", .0.join(", "))]
    Missing(Vec<String>),
    #[error("looking up roles on the scratch server failed: {0}")]
    Query(String),
}

/// Makes sure every role `schema` names exists where `client` is connected: on a throw-away
/// cluster missing roles are created `NOLOGIN` (race-safe); anywhere else their absence is an
/// error naming them.
pub async fn ensure_roles(
    client: &Client,
    schema: &Schema,
    throwaway: bool,
) -> Result<(), RoleError> {
    let missing = missing_roles(client, &roles(schema)).await?;
    if missing.is_empty() {
        return Ok(());
    }
    if !throwaway {
        return Err(RoleError::Missing(missing));
    }
    for role in &missing {
        let sql = format!(
            "DO $$ BEGIN CREATE ROLE {} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
            quote_ident(role).replace('$', "$$")
        );
        client
            .batch_execute(&sql)
            .await
            .map_err(|e| RoleError::Query(e.to_string()))?;
    }
    Ok(())
}

/// Gives a normalization scratch database what normalizing left out (policy roles and grants,
/// see [`scratch_form`]), so that it holds the whole declaration: the pg_dump witness of
/// `squash --verify` dumps it. Roles come from [`ensure_roles`]; when they are missing on a
/// real server nothing is added (the verification then names them).
pub async fn complete_scratch(
    client: &Client,
    normalized: &Schema,
    throwaway: bool,
) -> Result<(), RoleError> {
    match ensure_roles(client, normalized, throwaway).await {
        // Squashing does not need the roles; only `--verify` does, and it says so.
        Err(RoleError::Missing(_)) => return Ok(()),
        other => other?,
    }
    let mut statements: Vec<String> = Vec::new();
    for (name, table) in &normalized.tables {
        for (pname, policy) in &table.policies {
            statements.push(crate::kinds::policy::ddl::alter_policy(name, pname, policy));
        }
    }
    statements.extend(ddl::create_all(normalized).into_iter().map(|s| s.sql));
    for sql in statements {
        client
            .batch_execute(&sql)
            .await
            .map_err(|e| RoleError::Query(format!("{sql}: {e}")))?;
    }
    Ok(())
}
