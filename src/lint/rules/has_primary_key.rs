//! `has-primary-key`: every table has a primary key.

use crate::lint::{Context, Hit, Level, Rule};
use crate::load::ObjectKey;
use crate::model::{quote_ident, QualifiedName, Table};

pub const RULE: Rule = Rule {
    id: "has-primary-key",
    default: Level::Error,
    why: "without a primary key rows cannot be addressed reliably, logical replication cannot \
          replicate updates and deletes, and ORMs refuse the table",
    fix: "promote a unique NOT NULL key (DROP CONSTRAINT ..., ADD PRIMARY KEY (...)) or ADD COLUMN id \
          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
    check,
};

fn check(cx: &Context) -> Vec<Hit> {
    cx.schema
        .tables
        .iter()
        .filter(|(_, t)| t.primary_key.is_none())
        .map(|(q, t)| Hit {
            key: ObjectKey::Table(q.clone()),
            message: "has no primary key".into(),
            fix: Some(fix(q, t)),
        })
        .collect()
}

/// Promote a unique constraint on NOT NULL columns if there is one; else add an identity column
/// under the first free name of `id`, `row_id`, `pk_id`.
fn fix(q: &QualifiedName, t: &Table) -> String {
    let promotable = t.unique.iter().find(|(_, u)| {
        !u.columns.is_empty()
            && u.columns
                .iter()
                .all(|c| t.columns.get(c).is_some_and(|col| !col.nullable))
    });
    if let Some((name, u)) = promotable {
        let cols: Vec<String> = u.columns.iter().map(|c| quote_ident(c)).collect();
        return format!(
            "ALTER TABLE {} DROP CONSTRAINT {}, ADD PRIMARY KEY ({});",
            q.sql(),
            quote_ident(name),
            cols.join(", ")
        );
    }
    let free = ["id", "row_id", "pk_id"]
        .into_iter()
        .find(|n| !t.columns.contains_key(*n))
        .unwrap_or("pgdrift_id");
    format!(
        "ALTER TABLE {} ADD COLUMN {} bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;",
        q.sql(),
        quote_ident(free)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::testing::hits;

    #[test]
    fn flags_tables_without_a_key() {
        let got = hits(
            check,
            "tables:\n  a: {columns: {id: bigint}, primary_key: [id]}\n  \"B c\": {columns: {x: text}}\n",
        );
        assert_eq!(got, vec!["table B c: has no primary key"]);
    }
}
