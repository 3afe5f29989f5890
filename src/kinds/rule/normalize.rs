//! rule: the declared rules in the scratch database, created last (after every table, view,
//! routine and trigger their actions may name) and read back by the catalog query, so both sides
//! are `pg_get_ruledef`'s text. A rejected rule is reported at its file:line (the position inside
//! the statement when PostgreSQL gives one).

use tokio_postgres::Client;

use crate::kinds::function::normalize::located;
use crate::load::{Declared, ObjectKey};
use crate::normalize::NormalizeError;

/// Creates every declared rule (with its state and comment).
pub async fn create_rules(client: &Client, declared: &Declared) -> Result<(), NormalizeError> {
    for (relation, rules) in &declared.schema.rules {
        for (name, r) in rules {
            for stmt in super::ddl::build(relation, name, r) {
                if let Err(e) = client.batch_execute(&stmt.sql).await {
                    let key = ObjectKey::Rule(relation.clone(), name.clone());
                    let at_create = stmt.sql == r.definition;
                    return Err(located(declared, &key, &stmt, at_create, &e));
                }
            }
        }
    }
    Ok(())
}
