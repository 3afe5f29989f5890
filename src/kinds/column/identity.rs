//! The sequence behind an identity column: PostgreSQL's defaults for its options, its SQL
//! (`GENERATED … AS IDENTITY (…)`, `ALTER COLUMN … SET INCREMENT BY …`) and what differs.
//!
//! The model keeps only what is not a default ([`IdentityOptions`]), so a declaration that
//! spells a default and one that leaves it out are the same column; both sides are compared
//! through [`Effective`], every option filled in.

use crate::ddl::alter_table;
use crate::load::make_object_name;
use crate::model::{quote_ident, Column, IdentityOptions, QualifiedName};

/// Every option of an identity sequence, defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effective {
    pub sequence: String,
    pub start: i64,
    pub increment: i64,
    pub min_value: i64,
    pub max_value: i64,
    pub cache: i64,
    pub cycle: bool,
}

/// The range of the column's type (an identity column, like a sequence, is smallint, integer or
/// bigint).
pub fn type_range(data_type: &str) -> (i64, i64) {
    match data_type {
        "smallint" => (i16::MIN.into(), i16::MAX.into()),
        "integer" => (i32::MIN.into(), i32::MAX.into()),
        _ => (i64::MIN, i64::MAX),
    }
}

/// `<table>_<column>_seq`, shortened as PostgreSQL shortens it.
pub fn default_sequence_name(table: &str, column: &str) -> String {
    make_object_name(table, Some(column), Some("seq"))
}

/// The options of `col`'s sequence with PostgreSQL's defaults filled in.
pub fn effective(table: &QualifiedName, name: &str, col: &Column) -> Effective {
    let o = &col.identity_options;
    let (tmin, tmax) = type_range(&col.data_type);
    let increment = o.increment.unwrap_or(1);
    let (dmin, dmax) = if increment > 0 { (1, tmax) } else { (tmin, -1) };
    let min_value = o.min_value.unwrap_or(dmin);
    let max_value = o.max_value.unwrap_or(dmax);
    let dstart = if increment > 0 { min_value } else { max_value };
    Effective {
        sequence: o
            .sequence
            .clone()
            .unwrap_or_else(|| default_sequence_name(&table.name, name)),
        start: o.start.unwrap_or(dstart),
        increment,
        min_value,
        max_value,
        cache: o.cache.unwrap_or(1),
        cycle: o.cycle,
    }
}

/// Live column `col` of table `from.0` (named `from.1` there) as it reads under the declared
/// names `to`: a rename leaves the identity sequence its name, so a name that was the default
/// under the live names is an explicit one under the declared names (and the other way round).
/// `None` when nothing is renamed or the column has no identity.
pub fn rebased(
    from: (&QualifiedName, &str),
    to: (&QualifiedName, &str),
    col: &Column,
) -> Option<Column> {
    if col.identity.is_none() || (from.0 == to.0 && from.1 == to.1) {
        return None;
    }
    let e = effective(from.0, from.1, col);
    let mut out = col.clone();
    out.identity_options = without_defaults(to.0, to.1, &col.data_type, &e).into();
    Some(out)
}

/// `e` as the model keeps it: only what differs from the defaults of `data_type`.
pub fn without_defaults(
    table: &QualifiedName,
    name: &str,
    data_type: &str,
    e: &Effective,
) -> IdentityOptions {
    let (tmin, tmax) = type_range(data_type);
    let up = e.increment > 0;
    let (dmin, dmax) = if up { (1, tmax) } else { (tmin, -1) };
    let dstart = if up { e.min_value } else { e.max_value };
    let keep = |v: i64, default: i64| (v != default).then_some(v);
    IdentityOptions {
        sequence: (e.sequence != default_sequence_name(&table.name, name))
            .then(|| e.sequence.clone()),
        start: keep(e.start, dstart),
        increment: keep(e.increment, 1),
        min_value: keep(e.min_value, dmin),
        max_value: keep(e.max_value, dmax),
        cache: keep(e.cache, 1),
        cycle: e.cycle,
    }
}

/// ` (SEQUENCE NAME … START WITH …)` after `GENERATED … AS IDENTITY`, only the options the
/// model holds; empty when it holds none. The name is qualified with the table's schema (an
/// unqualified one would land in the first schema of the search path).
pub fn options_clause(table: Option<&QualifiedName>, o: &IdentityOptions) -> String {
    let mut parts = Vec::new();
    if let Some(seq) = &o.sequence {
        let name = match table {
            Some(t) => QualifiedName::new(t.schema.clone(), seq.clone()).sql(),
            None => quote_ident(seq),
        };
        parts.push(format!("SEQUENCE NAME {name}"));
    }
    let mut num = |word: &str, v: Option<i64>| {
        if let Some(v) = v {
            parts.push(format!("{word} {v}"));
        }
    };
    num("START WITH", o.start);
    num("INCREMENT BY", o.increment);
    num("MINVALUE", o.min_value);
    num("MAXVALUE", o.max_value);
    num("CACHE", o.cache);
    if o.cycle {
        parts.push("CYCLE".to_string());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(" "))
    }
}

/// `START WITH 5; INCREMENT BY 5` for the options that differ, for a summary line.
pub fn differences(d: &Effective, l: &Effective) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    let mut cmp = |what: &'static str, a: String, b: String| {
        if a != b {
            out.push((what, a, b));
        }
    };
    cmp("the sequence", d.sequence.clone(), l.sequence.clone());
    cmp("start", d.start.to_string(), l.start.to_string());
    cmp(
        "increment",
        d.increment.to_string(),
        l.increment.to_string(),
    );
    cmp(
        "min value",
        d.min_value.to_string(),
        l.min_value.to_string(),
    );
    cmp(
        "max value",
        d.max_value.to_string(),
        l.max_value.to_string(),
    );
    cmp("cache", d.cache.to_string(), l.cache.to_string());
    cmp("cycle", d.cycle.to_string(), l.cycle.to_string());
    out
}

/// The statements that bring the live identity sequence `l` to `d`: a rename of the sequence,
/// then one `ALTER COLUMN … SET …` with every option that differs.
pub fn alter_statements(
    table: &QualifiedName,
    column: &str,
    d: &Effective,
    l: &Effective,
) -> Vec<String> {
    let mut out = Vec::new();
    if d.sequence != l.sequence {
        out.push(format!(
            "ALTER SEQUENCE {} RENAME TO {}",
            QualifiedName::new(table.schema.clone(), l.sequence.clone()).sql(),
            quote_ident(&d.sequence)
        ));
    }
    let mut sets = Vec::new();
    let mut set = |changed: bool, sql: String| {
        if changed {
            sets.push(sql);
        }
    };
    set(
        d.increment != l.increment,
        format!("SET INCREMENT BY {}", d.increment),
    );
    set(
        d.min_value != l.min_value,
        format!("SET MINVALUE {}", d.min_value),
    );
    set(
        d.max_value != l.max_value,
        format!("SET MAXVALUE {}", d.max_value),
    );
    set(d.start != l.start, format!("SET START WITH {}", d.start));
    set(d.cache != l.cache, format!("SET CACHE {}", d.cache));
    set(
        d.cycle != l.cycle,
        if d.cycle { "SET CYCLE" } else { "SET NO CYCLE" }.to_string(),
    );
    if !sets.is_empty() {
        out.push(format!(
            "{} ALTER COLUMN {} {}",
            alter_table(table),
            quote_ident(column),
            sets.join(" ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_renamed_table_keeps_its_identity_sequence_name() {
        let (users, members) = (
            QualifiedName::new("public", "users"),
            QualifiedName::new("public", "members"),
        );
        let mut col = Column::of_type("integer");
        col.identity = Some(crate::model::Identity::Always);
        assert!(rebased((&users, "id"), (&users, "id"), &col).is_none());
        let moved = rebased((&users, "id"), (&members, "id"), &col).expect("rebased");
        assert_eq!(
            moved.identity_options.sequence.as_deref(),
            Some("users_id_seq")
        );
        // Back under the name it defaults to: no explicit name left.
        let back = rebased((&members, "id"), (&users, "id"), &moved).expect("rebased");
        assert_eq!(back.identity_options.sequence, None);
        assert_eq!(effective(&members, "id", &moved).sequence, "users_id_seq");
    }
}
