//! A column's attribute options (`ALTER TABLE … ALTER COLUMN c SET (n_distinct = -0.02)`): the
//! planner's override of the number of distinct values, which Matrix Synapse and other
//! hand-tuned schemas set on their largest tables. Declared as the column's
//! `attribute_options: {n_distinct: -0.02}`, read from `pg_attribute.attoptions`. PostgreSQL
//! keeps each value's text as written, and so does the model (a rebuild then dumps the same
//! text), but values are compared as numbers: `-0.020` and `-0.02` are the same setting.

use std::collections::BTreeMap;

use tokio_postgres::Row;

use crate::diff::{differs, Category, Change, ObjectRef, Severity};
use crate::introspect::IntrospectError;
use crate::model::{quote_ident, Column, QualifiedName};

/// The options PostgreSQL accepts on a table column.
pub const KNOWN: [&str; 2] = ["n_distinct", "n_distinct_inherited"];

/// `value` in one spelling: a number as Rust prints it (`-0.020` → `-0.02`, `100.0` → `100`),
/// anything else as written (the server rejects it, see [`problems`]).
pub fn canonical(value: &str) -> String {
    match value.trim().parse::<f64>() {
        Ok(n) if n.is_finite() => format!("{n}"),
        _ => value.to_string(),
    }
}

/// Writes the options as YAML numbers (`n_distinct: -0.02`, `n_distinct: 100`) where the number
/// reads back as the same text, else as strings (`"-0.020"`, kept as PostgreSQL holds it).
pub fn serialize<S: serde::Serializer>(
    options: &&BTreeMap<String, String>,
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(options.len()))?;
    for (k, v) in options.iter() {
        match (v.parse::<i64>(), v.parse::<f64>()) {
            (Ok(n), _) if n.to_string() == *v => map.serialize_entry(k, &n)?,
            (_, Ok(x)) if x.is_finite() && format!("{x}") == *v => map.serialize_entry(k, &x)?,
            _ => map.serialize_entry(k, v)?,
        }
    }
    map.end()
}

/// The options of one catalog row: names at `names`, values at `names + 1`.
pub(crate) fn read(
    row: &Row,
    names: usize,
    q: &'static str,
    obj: &str,
) -> Result<BTreeMap<String, String>, IntrospectError> {
    crate::kinds::foreign::catalog::options(row, names, q, obj)
}

/// The options with every value in its [`canonical`] spelling, for comparing.
fn canonical_all(options: &BTreeMap<String, String>) -> BTreeMap<&str, String> {
    options
        .iter()
        .map(|(k, v)| (k.as_str(), canonical(v)))
        .collect()
}

/// What is wrong with a declared column's options (PostgreSQL's rules: `n_distinct` at least
/// -1, a fraction of the rows when negative).
pub fn problems(options: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in options {
        if !KNOWN.contains(&k.as_str()) {
            out.push(format!(
                "unknown attribute option `{k}` (expected one of: {})",
                KNOWN.join(", ")
            ));
        } else if !v.parse::<f64>().is_ok_and(|n| n.is_finite() && n >= -1.0) {
            out.push(format!("`{k}` must be a number of at least -1, not `{v}`"));
        }
    }
    out
}

fn shown(options: &BTreeMap<String, String>) -> String {
    if options.is_empty() {
        return "none".into();
    }
    let parts: Vec<String> = options.iter().map(|(k, v)| format!("{k}={v}")).collect();
    parts.join(", ")
}

/// A column whose attribute options differ (category `statistics`, warning: estimates).
pub(crate) fn change(obj: &ObjectRef, d: &Column, l: &Column) -> Option<Change> {
    (canonical_all(&d.attribute_options) != canonical_all(&l.attribute_options)).then(|| {
        let (dt, lt) = (shown(&d.attribute_options), shown(&l.attribute_options));
        let summary = differs("the attribute option list", &dt, &lt);
        Change::new(
            Category::Statistics,
            Severity::Warning,
            obj.clone(),
            summary,
        )
        .values(Some(dt), Some(lt))
    })
}

/// `ALTER COLUMN … RESET (…)` for the options `live` has and `declared` lacks, then
/// `ALTER COLUMN … SET (…)` for the declared ones that differ; nothing when they agree.
pub fn alter(
    table: &QualifiedName,
    column: &str,
    declared: &BTreeMap<String, String>,
    live: &BTreeMap<String, String>,
) -> Vec<String> {
    let alter = crate::kinds::column::ddl::alter_column(table, column);
    let gone: Vec<String> = live
        .keys()
        .filter(|k| !declared.contains_key(*k))
        .map(|k| quote_ident(k))
        .collect();
    let set: Vec<String> = declared
        .iter()
        .filter(|(k, v)| live.get(*k).map(|l| canonical(l)) != Some(canonical(v)))
        .map(|(k, v)| format!("{} = {v}", quote_ident(k)))
        .collect();
    let mut out = Vec::new();
    if !gone.is_empty() {
        out.push(format!("{alter} RESET ({})", gone.join(", ")));
    }
    if !set.is_empty() {
        out.push(format!("{alter} SET ({})", set.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn canonical_numbers_and_problems() {
        assert_eq!(canonical("-0.020"), "-0.02");
        assert_eq!(canonical("100.0"), "100");
        assert_eq!(canonical("abc"), "abc");
        assert!(problems(&opts(&[("n_distinct", "-0.02")])).is_empty());
        assert_eq!(problems(&opts(&[("n_distinct", "-2")])).len(), 1);
        assert_eq!(problems(&opts(&[("fillfactor", "10")])).len(), 1);
    }

    #[test]
    fn alter_resets_then_sets() {
        let t = QualifiedName::new("public", "t");
        let sql = alter(
            &t,
            "c",
            &opts(&[("n_distinct", "-0.02")]),
            &opts(&[("n_distinct_inherited", "5")]),
        );
        assert_eq!(
            sql,
            [
                "ALTER TABLE \"public\".\"t\" ALTER COLUMN \"c\" RESET (\"n_distinct_inherited\")",
                "ALTER TABLE \"public\".\"t\" ALTER COLUMN \"c\" SET (\"n_distinct\" = -0.02)",
            ]
        );
        assert!(alter(
            &t,
            "c",
            &opts(&[("n_distinct", "-0.02")]),
            &opts(&[("n_distinct", "-0.020")])
        )
        .is_empty());
    }
}
