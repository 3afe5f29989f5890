//! `not-null-with-default` (opt-in): a NOT NULL column that is not a key, identity or generated
//! has a default, so it can be added to a populated table (and rows inserted without it).

use crate::lint::{Context, Hit, Level, Rule};
use crate::load::ObjectKey;
use crate::model::quote_ident;

pub const RULE: Rule = Rule {
    id: "not-null-with-default",
    default: Level::Off,
    why:
        "ADD COLUMN ... NOT NULL without a DEFAULT fails on any non-empty table, so rebuilding or \
          migrating a big table needs a backfill in several steps; a constant default is free \
          since PostgreSQL 11",
    fix: "ALTER TABLE ... ALTER COLUMN ... SET DEFAULT <value>",
    check,
};

fn check(cx: &Context) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (tq, table) in &cx.schema.tables {
        let in_pk = |c: &str| {
            table
                .primary_key
                .as_ref()
                .is_some_and(|pk| pk.columns.iter().any(|k| k == c))
        };
        for (c, col) in &table.columns {
            if col.nullable
                || col.default.is_some()
                || col.identity.is_some()
                || col.generated.is_some()
                || in_pk(c)
            {
                continue;
            }
            hits.push(Hit {
                key: ObjectKey::Column(tq.clone(), c.clone()),
                message: format!("is {} NOT NULL without a default", col.data_type),
                fix: Some(format!(
                    "ALTER TABLE {} ALTER COLUMN {} SET DEFAULT <value>;",
                    tq.sql(),
                    quote_ident(c)
                )),
            });
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::testing::hits;

    #[test]
    fn flags_required_columns_without_default() {
        let yaml = "
tables:
  t:
    columns:
      id: {type: bigint, nullable: false}
      a: {type: text, nullable: false}
      b: {type: text, nullable: false, default: \"''\"}
      c: text
      d: {type: bigint, nullable: false, identity: always}
    primary_key: [id]
";
        assert_eq!(
            hits(check, yaml),
            vec!["column t.a: is text NOT NULL without a default"]
        );
    }
}
