//! `fk-indexed`: every foreign key has an index whose leading columns are its columns (in any
//! order): a primary key, a unique constraint or a btree index without a predicate.

use crate::lint::keys::table_indexes;
use crate::lint::{Context, Hit, Level, Rule};
use crate::load::{make_object_name, ObjectKey};
use crate::model::quote_ident;

pub const RULE: Rule = Rule {
    id: "fk-indexed",
    default: Level::Warning,
    why: "deleting or updating a referenced row scans the whole referencing table, and joins \
          along the key cannot use an index",
    fix: "CREATE INDEX CONCURRENTLY ... ON <table> (<foreign key columns>)",
    check,
};

fn check(cx: &Context) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (tq, table) in &cx.schema.tables {
        let indexes = table_indexes(table);
        for (name, fk) in &table.foreign_keys {
            if indexes.iter().any(|ix| ix.leads_with(&fk.columns)) {
                continue;
            }
            let cols: Vec<String> = fk.columns.iter().map(|c| quote_ident(c)).collect();
            let ix_name = make_object_name(&tq.name, Some(&fk.columns.join("_")), Some("idx"));
            hits.push(Hit {
                key: ObjectKey::Constraint(tq.clone(), name.clone()),
                message: format!(
                    "no index leads with its column(s) ({})",
                    fk.columns.join(", ")
                ),
                fix: Some(format!(
                    "CREATE INDEX CONCURRENTLY {} ON {} ({});",
                    quote_ident(&ix_name),
                    tq.sql(),
                    cols.join(", ")
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
    fn finds_foreign_keys_without_a_leading_index() {
        let yaml = "
tables:
  p: {columns: {id: bigint, k: bigint}, primary_key: [id, k]}
  c:
    columns: {id: bigint, a: bigint, b: bigint, d: bigint, e: bigint, f: bigint}
    primary_key: [id]
    foreign_keys:
      by_pk: {columns: [id], references: p(id)}
      by_index: {columns: [a], references: p(id)}
      two_reversed: {columns: [b, a], references: \"p(id, k)\"}
      partial_only: {columns: [d], references: p(id)}
      second_column: {columns: [e], references: p(id)}
      gin_only: {columns: [f], references: p(id)}
    indexes:
      c_a_b: [a, b, e]
      c_d: {columns: [d], where: d IS NOT NULL}
      c_f: {using: gin, columns: [f]}
";
        assert_eq!(
            hits(check, yaml),
            vec![
                "constraint partial_only on c: no index leads with its column(s) (d)",
                "constraint second_column on c: no index leads with its column(s) (e)",
                "constraint gin_only on c: no index leads with its column(s) (f)",
            ]
        );
    }
}
