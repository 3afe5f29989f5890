//! `fk-type-match`: a foreign key column has exactly the referenced column's type.

use crate::lint::keys::alter_type;
use crate::lint::{Context, Hit, Level, Rule};
use crate::load::ObjectKey;

pub const RULE: Rule = Rule {
    id: "fk-type-match",
    default: Level::Error,
    why: "a narrower column cannot hold every referenced value, and mismatched types make joins \
          cast and skip indexes",
    fix: "ALTER TABLE ... ALTER COLUMN ... TYPE <the referenced column's type>",
    check,
};

fn check(cx: &Context) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (tq, table) in &cx.schema.tables {
        for fk in table.foreign_keys.values() {
            let Some(target) = cx.schema.tables.get(&fk.references.table) else {
                continue;
            };
            for (c, r) in fk.columns.iter().zip(&fk.references.columns) {
                let (Some(col), Some(rcol)) = (table.columns.get(c), target.columns.get(r)) else {
                    continue;
                };
                if col.data_type != rcol.data_type {
                    hits.push(Hit {
                        key: ObjectKey::Column(tq.clone(), c.clone()),
                        message: format!(
                            "is {} but references {}.{r}, which is {}",
                            col.data_type, fk.references.table, rcol.data_type
                        ),
                        fix: Some(alter_type(tq, c, &rcol.data_type)),
                    });
                }
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::testing::hits;

    #[test]
    fn flags_mismatches_only() {
        let yaml = "
tables:
  p: {columns: {id: bigint, code: varchar(10)}, primary_key: [id], unique: {p_code_key: [code]}}
  c:
    columns: {id: bigint, p_id: integer, p2: bigint, code: varchar(20)}
    primary_key: [id]
    foreign_keys:
      c_p: {columns: [p_id], references: p(id)}
      c_p2: {columns: [p2], references: p(id)}
      c_code: {columns: [code], references: p(code)}
";
        assert_eq!(
            hits(check, yaml),
            vec![
                "column c.p_id: is integer but references p.id, which is bigint",
                "column c.code: is character varying(20) but references p.code, which is character varying(10)",
            ]
        );
    }
}
