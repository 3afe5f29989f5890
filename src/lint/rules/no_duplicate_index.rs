//! `no-duplicate-index`: no two indexes of a table (counting those behind primary key and
//! unique constraints) with the same method, key columns/expressions, INCLUDE list and predicate.

use crate::lint::keys::{table_indexes, Origin, TableIndex};
use crate::lint::{Context, Hit, Level, Rule};
use crate::load::ObjectKey;
use crate::model::{quote_ident, QualifiedName};

pub const RULE: Rule = Rule {
    id: "no-duplicate-index",
    default: Level::Warning,
    why: "a duplicate index doubles write cost and disk use and never serves a query the other \
          cannot",
    fix: "DROP INDEX CONCURRENTLY the duplicate (keep the constraint's or the unique one)",
    check,
};

fn check(cx: &Context) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (tq, table) in &cx.schema.tables {
        let mut indexes = table_indexes(table);
        // The one to keep comes first: constraints, then unique indexes, then by name.
        indexes.sort_by(|a, b| a.origin.cmp(&b.origin).then_with(|| a.name.cmp(&b.name)));
        for (i, ix) in indexes.iter().enumerate() {
            let Some(kept) = indexes[..i].iter().find(|k| k.identity() == ix.identity()) else {
                continue;
            };
            hits.push(hit(tq, ix, kept));
        }
    }
    hits
}

fn describe(ix: &TableIndex) -> &'static str {
    match ix.origin {
        Origin::PrimaryKey => "the primary key",
        Origin::UniqueConstraint => "unique constraint",
        Origin::UniqueIndex => "unique index",
        Origin::Index => "index",
    }
}

fn hit(tq: &QualifiedName, ix: &TableIndex, kept: &TableIndex) -> Hit {
    let is_constraint = matches!(ix.origin, Origin::PrimaryKey | Origin::UniqueConstraint);
    let fix = if is_constraint {
        format!(
            "ALTER TABLE {} DROP CONSTRAINT {};",
            tq.sql(),
            quote_ident(&ix.name)
        )
    } else {
        format!(
            "DROP INDEX CONCURRENTLY {}.{};",
            quote_ident(&tq.schema),
            quote_ident(&ix.name)
        )
    };
    Hit {
        key: if is_constraint {
            ObjectKey::Constraint(tq.clone(), ix.name.clone())
        } else {
            ObjectKey::Index(tq.clone(), ix.name.clone())
        },
        message: format!(
            "duplicates {} {} (same keys{})",
            describe(kept),
            kept.name,
            if ix.predicate.is_some() {
                " and predicate"
            } else {
                ""
            }
        ),
        fix: Some(fix),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::testing::hits;

    #[test]
    fn finds_duplicates_keeps_the_constraint() {
        let yaml = "
tables:
  t:
    columns: {id: bigint, a: text, b: text, \"Größe\": int}
    primary_key: [id]
    unique: {t_a_key: [a]}
    indexes:
      t_id_idx: [id]
      t_a_idx: [\"a\"]
      t_a_b: [a, b]
      t_b_a: [b, a]
      t_b_p1: {columns: [b], where: a IS NULL}
      t_b_p2: {columns: [b], where: a  IS NULL}
      t_b_p3: {columns: [b], where: a IS NOT NULL}
      t_lower: [lower(a)]
      t_lower2: [\"lower(a)\"]
      t_g1: ['\"Größe\"']
      t_g2: ['\"Größe\" DESC']
";
        assert_eq!(
            hits(check, yaml),
            vec![
                "index t_a_idx on t: duplicates unique constraint t_a_key (same keys)",
                "index t_b_p2 on t: duplicates index t_b_p1 (same keys and predicate)",
                "index t_id_idx on t: duplicates the primary key t_pkey (same keys)",
                "index t_lower2 on t: duplicates index t_lower (same keys)",
            ]
        );
    }

    #[test]
    fn include_lists_of_constraints_count() {
        let yaml = "
tables:
  t:
    columns: {id: bigint, a: text, \"Odd Col\": text}
    primary_key: {columns: [id], include: [Odd Col]}
    unique: {t_a_key: {columns: [a], include: [Odd Col]}}
    indexes:
      t_id_plain: [id]
      t_id_cov: {columns: [id], include: ['\"Odd Col\"']}
      t_a_cov: {columns: [a], include: ['\"Odd Col\"']}
";
        assert_eq!(
            hits(check, yaml),
            vec![
                "index t_a_cov on t: duplicates unique constraint t_a_key (same keys)",
                "index t_id_cov on t: duplicates the primary key t_pkey (same keys)",
            ]
        );
    }
}
