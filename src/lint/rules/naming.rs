//! `naming` (opt-in): index and constraint names follow patterns (`lint.naming` in schema.yaml;
//! default: PostgreSQL's own names). A pattern is a glob (`*`, `?`) with `{table}` and
//! `{columns}` (key columns joined by `_`; an expression counts as its function name).

use crate::diff::glob_match;
use crate::lint::keys::key_elem;
use crate::lint::{Context, Hit, Level, Rule};
use crate::load::ObjectKey;
use crate::model::{quote_ident, QualifiedName};

pub const RULE: Rule = Rule {
    id: "naming",
    default: Level::Off,
    why: "predictable names make migrations, ORMs' naming conventions (Alembic, Django) and \
          error messages line up; a generated name that differs per environment is drift",
    fix: "ALTER INDEX ... RENAME TO ... / ALTER TABLE ... RENAME CONSTRAINT ... TO ...",
    check,
};

/// What kind of name is checked, and against which pattern.
struct Named<'a> {
    what: &'static str,
    name: &'a str,
    columns: Vec<String>,
    pattern: &'a str,
    index: bool,
}

fn check(cx: &Context) -> Vec<Hit> {
    let n = &cx.config.naming;
    let mut hits = Vec::new();
    for (tq, t) in &cx.schema.tables {
        let mut names: Vec<Named> = Vec::new();
        if let Some(pk) = &t.primary_key {
            names.push(named(
                "primary key",
                &pk.name,
                pk.columns.clone(),
                &n.primary_key,
                false,
            ));
        }
        for (name, u) in &t.unique {
            names.push(named(
                "unique constraint",
                name,
                u.columns.clone(),
                &n.unique,
                false,
            ));
        }
        for (name, fk) in &t.foreign_keys {
            names.push(named(
                "foreign key",
                name,
                fk.columns.clone(),
                &n.foreign_key,
                false,
            ));
        }
        for name in t.checks.keys() {
            names.push(named("check", name, Vec::new(), &n.check, false));
        }
        for name in t.exclusions.keys() {
            names.push(named("exclusion", name, Vec::new(), &n.exclusion, false));
        }
        for (name, ix) in &t.indexes {
            let cols = ix.columns.iter().map(|e| elem_label(e)).collect();
            names.push(named("index", name, cols, &n.index, true));
        }
        hits.extend(names.iter().filter_map(|x| hit(tq, x)));
    }
    hits
}

fn named<'a>(
    what: &'static str,
    name: &'a str,
    columns: Vec<String>,
    pattern: &'a str,
    index: bool,
) -> Named<'a> {
    Named {
        what,
        name,
        columns,
        pattern,
        index,
    }
}

/// `symbol` for a column, `lower` for `lower(symbol)`, else `expr`.
fn elem_label(elem: &str) -> String {
    if let Some(c) = key_elem(elem).column {
        return c;
    }
    let word: String = elem
        .trim_start_matches('(')
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if word.is_empty() {
        "expr".into()
    } else {
        word.to_lowercase()
    }
}

fn hit(tq: &QualifiedName, x: &Named) -> Option<Hit> {
    let expected = x
        .pattern
        .replace("{table}", &tq.name)
        .replace("{columns}", &x.columns.join("_"));
    if x.pattern.is_empty() || glob_match(&expected, x.name) {
        return None;
    }
    let exact = !expected.contains(['*', '?']);
    let fix = exact.then(|| {
        if x.index {
            format!(
                "ALTER INDEX {}.{} RENAME TO {};",
                quote_ident(&tq.schema),
                quote_ident(x.name),
                quote_ident(&expected)
            )
        } else {
            format!(
                "ALTER TABLE {} RENAME CONSTRAINT {} TO {};",
                tq.sql(),
                quote_ident(x.name),
                quote_ident(&expected)
            )
        }
    });
    Some(Hit {
        key: if x.index {
            ObjectKey::Index(tq.clone(), x.name.to_string())
        } else {
            ObjectKey::Constraint(tq.clone(), x.name.to_string())
        },
        message: format!(
            "{} name does not match `{}` (here: `{expected}`)",
            x.what, x.pattern
        ),
        fix,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::testing::schema;
    use crate::lint::{Config, Context};

    #[test]
    fn checks_names_against_patterns() {
        let s = schema(
            "
tables:
  genes:
    columns: {id: bigint, sym: text, p: bigint}
    primary_key: {name: pk_genes, columns: [id]}
    unique: {genes_sym_key: [sym]}
    foreign_keys: {genes_p_fkey: {columns: [p], references: genes(id)}}
    indexes:
      ix_genes_sym: [sym]
      genes_lower_idx: [lower(sym)]
      sym_idx: [sym]
",
        );
        let mut config = Config::default();
        let default_names = |config: &Config| -> Vec<String> {
            check(&Context { schema: &s, config })
                .into_iter()
                .map(|h| format!("{}: {}", h.key, h.message))
                .collect()
        };
        assert_eq!(
            default_names(&config),
            vec![
                "constraint pk_genes on genes: primary key name does not match `{table}_pkey` (here: `genes_pkey`)",
                "index ix_genes_sym on genes: index name does not match `{table}_*idx` (here: `genes_*idx`)",
                "index sym_idx on genes: index name does not match `{table}_*idx` (here: `genes_*idx`)",
            ]
        );
        config.naming.index = "ix_{table}_{columns}".into();
        config.naming.primary_key = "pk_{table}".into();
        assert_eq!(
            default_names(&config),
            vec![
                "index genes_lower_idx on genes: index name does not match `ix_{table}_{columns}` (here: `ix_genes_lower`)",
                "index sym_idx on genes: index name does not match `ix_{table}_{columns}` (here: `ix_genes_sym`)",
            ]
        );
    }
}
