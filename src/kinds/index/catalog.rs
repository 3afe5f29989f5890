//! index catalog: indexes of tables and materialized views, except those backing a constraint (they are part of it).

use tokio_postgres::Row;

use crate::introspect::{get, unexpected, CatalogQuery, IntrospectError, ReadCx};
use crate::model::Index;

pub const CATALOG: CatalogQuery = CatalogQuery {
    name: "indexes",
    sql: Q_INDEXES,
    takes_schemas: true,
    read,
};

/// Indexes that back a primary key, unique or exclusion constraint are part of the constraint.
/// INVALID indexes (an interrupted `CREATE INDEX CONCURRENTLY`) are left out, as pg_dump leaves
/// them out: they do not work, so they show as missing, and `apply` drops and rebuilds them.
const Q_INDEXES: &str = concat!(
    rel_cte!(),
    "SELECT i.indrelid, ic.relname::text, i.indisunique, am.amname::text,
  pg_get_indexdef(i.indexrelid), pg_get_expr(i.indpred, i.indrelid),
  COALESCE((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false),
  obj_description(i.indexrelid, 'pg_class'),
  ic.reloptions,
  (SELECT ts.spcname::text FROM pg_tablespace ts WHERE ts.oid = ic.reltablespace)
FROM rel
JOIN pg_index i ON i.indrelid = rel.oid
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE NOT ic.relispartition -- a partition's copy of its parent's index
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                  WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
  AND (i.indisvalid OR rel.relkind = 'p') AND i.indisready
ORDER BY i.indrelid, ic.relname"
);

fn read(rows: &[Row], cx: &mut ReadCx) -> Result<(), IntrospectError> {
    const QI: &str = "indexes";
    for row in rows {
        let oid: u32 = get(row, 0, QI, "an index")?;
        let name: String = get(row, 1, QI, "an index")?;
        let unique: bool = get(row, 2, QI, &name)?;
        let method: String = get(row, 3, QI, &name)?;
        let def: String = get(row, 4, QI, &name)?;
        let (columns, include) =
            parse_index_definition(&def).map_err(|e| unexpected(QI, &name, &e))?;
        let index = Index {
            unique,
            method,
            columns,
            include,
            predicate: get(row, 5, QI, &name)?,
            nulls_not_distinct: get(row, 6, QI, &name)?,
            comment: get(row, 7, QI, &name)?,
            renamed_from: None,
            with: crate::kinds::table::shape::options_from_catalog(get(row, 8, QI, &name)?),
            tablespace: get(row, 9, QI, &name)?,
        };
        if let Some((_, t)) = cx.tables.get_mut(&oid) {
            t.indexes.insert(name, index);
        } else if let Some((_, v)) = cx.views.get_mut(&oid) {
            v.indexes.insert(name, index);
        }
    }

    Ok(())
}

/// Splits `pg_get_indexdef` output into key elements and INCLUDE columns, both as SQL text.
///
/// The shape is `CREATE [UNIQUE] INDEX name ON [ONLY] schema.table USING method (keys)
/// [INCLUDE (cols)] [NULLS NOT DISTINCT] [WITH (...)] [WHERE pred]`; identifiers that need it are
/// double-quoted, so the first ` USING ` outside double quotes is the real one.
fn parse_index_definition(def: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let bytes = def.as_bytes();
    let mut in_quotes = false;
    let mut using_at = None;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes && def[i..].starts_with(" USING ") {
            using_at = Some(i + " USING ".len());
            break;
        }
    }
    let after_using = using_at.ok_or_else(|| format!("no USING in `{def}`"))?;
    let open = def[after_using..]
        .find('(')
        .map(|i| after_using + i)
        .ok_or_else(|| format!("no key list in `{def}`"))?;
    let (keys, rest) = balanced_group(def, open)?;
    let columns = split_top_level(keys);
    let rest = rest.trim_start();
    let include = match rest.strip_prefix("INCLUDE ") {
        Some(inc) => {
            let inc_open = def.len() - inc.len();
            let (cols, _) = balanced_group(def, inc_open)?;
            split_top_level(cols)
        }
        None => Vec::new(),
    };
    Ok((columns, include))
}

/// Returns the text inside the parenthesis group opening at byte `open` and what follows it.
fn balanced_group(text: &str, open: usize) -> Result<(&str, &str), String> {
    if text.as_bytes().get(open) != Some(&b'(') {
        return Err(format!("expected `(` at byte {open} of `{text}`"));
    }
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    for (i, &b) in text.as_bytes().iter().enumerate().skip(open) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'\'' | b'"' => quote = Some(b),
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok((&text[open + 1..i], &text[i + 1..]));
                    }
                }
                _ => {}
            },
        }
    }
    Err(format!("unbalanced parentheses in `{text}`"))
}

/// Splits on commas outside parentheses and quotes; each part trimmed.
fn split_top_level(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut current = String::new();
    for c in text.chars() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
                current.push(c);
            }
            None => match c {
                '\'' | '"' => {
                    quote = Some(c);
                    current.push(c);
                }
                '(' | '[' => {
                    depth += 1;
                    current.push(c);
                }
                ')' | ']' => {
                    depth -= 1;
                    current.push(c);
                }
                ',' if depth == 0 => {
                    parts.push(current.trim().to_string());
                    current.clear();
                }
                _ => current.push(c),
            },
        }
    }
    if !current.trim().is_empty() {
        parts.push(current.trim().to_string());
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_definitions_split() {
        let (cols, inc) = parse_index_definition(
            "CREATE INDEX i1 ON public.p USING btree (lower(a) DESC NULLS LAST, a text_pattern_ops) INCLUDE (b, \"C, d\") WHERE (b > 1)",
        )
        .unwrap();
        assert_eq!(cols, vec!["lower(a) DESC NULLS LAST", "a text_pattern_ops"]);
        assert_eq!(inc, vec!["b", "\"C, d\""]);
        let (cols, inc) = parse_index_definition(
            "CREATE UNIQUE INDEX \"x USING y\" ON \"we USING ird\".t USING gin (coalesce(a, ', ('::text)) NULLS NOT DISTINCT",
        )
        .unwrap();
        assert_eq!(
            cols,
            vec!["COALESCE(a, ', ('::text)".replace("COALESCE", "coalesce")]
        );
        assert!(inc.is_empty());
    }
}
