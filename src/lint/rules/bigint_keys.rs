//! `bigint-keys`: primary key columns, and foreign key columns pointing at primary keys, are
//! `bigint` or `uuid` ("BIGINT everywhere"); 2- and 4-byte integers run out.

use crate::lint::keys::{alter_type, base_type, int_ceiling};
use crate::lint::{Context, Hit, Level, Rule};
use crate::load::ObjectKey;
use crate::model::{QualifiedName, Schema};

pub const RULE: Rule = Rule {
    id: "bigint-keys",
    default: Level::Error,
    why: "an integer id overflows at 2,147,483,647 (smallint at 32,767), and widening a key later \
          rewrites the table and every table that references it",
    fix:
        "ALTER TABLE ... ALTER COLUMN ... TYPE bigint, on the key and on every foreign key column \
          pointing at it",
    check,
};

fn check(cx: &Context) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (tq, table) in &cx.schema.tables {
        let pk_cols = table.primary_key.iter().flat_map(|pk| pk.columns.iter());
        for c in pk_cols {
            let Some(col) = table.columns.get(c) else {
                continue;
            };
            if let Some(ceiling) = int_ceiling(base_type(&col.data_type)) {
                hits.push(Hit {
                    key: ObjectKey::Column(tq.clone(), c.clone()),
                    message: format!(
                        "primary key column is {}: at most {ceiling} ids; use bigint (or uuid)",
                        col.data_type
                    ),
                    fix: Some(alter_type(tq, c, "bigint")),
                });
            }
        }
        for fk in table.foreign_keys.values() {
            for (c, r) in fk.columns.iter().zip(&fk.references.columns) {
                let Some(col) = table.columns.get(c) else {
                    continue;
                };
                let Some(ceiling) = int_ceiling(base_type(&col.data_type)) else {
                    continue;
                };
                if !is_pk_column(cx.schema, &fk.references.table, r) {
                    continue;
                }
                hits.push(Hit {
                    key: ObjectKey::Column(tq.clone(), c.clone()),
                    message: format!(
                        "foreign key column (-> {}.{r}) is {}: at most {ceiling} ids; use bigint (or uuid)",
                        fk.references.table, col.data_type
                    ),
                    fix: Some(alter_type(tq, c, "bigint")),
                });
            }
        }
    }
    hits
}

/// Whether `column` is part of `table`'s primary key (unknown tables: assume it is, since a
/// foreign key usually points at one).
fn is_pk_column(schema: &Schema, table: &QualifiedName, column: &str) -> bool {
    match schema.tables.get(table) {
        Some(t) => t
            .primary_key
            .as_ref()
            .is_some_and(|pk| pk.columns.iter().any(|c| c == column)),
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::testing::hits;

    const YAML: &str = "
tables:
  genes:
    columns: {id: serial, code: integer}
    primary_key: [id]
    unique: {genes_code_key: [code]}
  big:
    columns: {id: bigint, u: uuid}
    primary_key: [id]
  ev:
    columns: {id: {type: uuid}, gene_id: integer, code: integer, big_id: bigint}
    primary_key: [id]
    foreign_keys:
      ev_gene: {columns: [gene_id], references: genes(id)}
      ev_code: {columns: [code], references: genes(code)}
      ev_big: {columns: [big_id], references: big(id)}
";

    #[test]
    fn flags_integer_keys_and_references() {
        assert_eq!(
            hits(check, YAML),
            vec![
                "column genes.id: primary key column is integer: at most 2,147,483,647 ids; use bigint (or uuid)",
                "column ev.gene_id: foreign key column (-> genes.id) is integer: at most 2,147,483,647 ids; use bigint (or uuid)",
            ]
        );
    }
}
