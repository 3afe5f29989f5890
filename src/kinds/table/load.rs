//! Validation of a declared table's shape (see `shape`): a partition names a declared
//! partitioned parent and a bound, and declares no columns; inheritance parents are declared
//! tables; a partitioned table has no storage parameters.

use std::borrow::Cow;

use crate::load::{Cx, ObjectKey};
use crate::model::{QualifiedName, Schema, Table};

/// Reports every shape problem of table `tq` at its declaration.
pub(crate) fn validate(schema: &Schema, tq: &QualifiedName, table: &Table, cx: &mut Cx) {
    let key = ObjectKey::Table(tq.clone());
    let mut at = |msg: String| cx.at(&key, msg);
    match (&table.partition_of, &table.bounds) {
        (Some(parent), bounds) => {
            match schema.tables.get(parent) {
                None => at(format!("`partition_of: {parent}` names no declared table")),
                Some(p) if p.partition_by.is_none() => at(format!(
                    "`partition_of: {parent}`: that table is not partitioned (give it `partition_by: \"RANGE (col)\"`)"
                )),
                Some(_) => {}
            }
            match bounds.as_deref().map(str::trim) {
                None => at("a partition needs `bounds: \"FOR VALUES ...\"` or `bounds: DEFAULT`".into()),
                Some(b) if !is_bound(b) => at(format!(
                    "`bounds: {b}` must be `DEFAULT` or start with `FOR VALUES` (FROM (..) TO (..), IN (..), WITH (modulus .., remainder ..))"
                )),
                Some(_) => {}
            }
            if !table.columns.is_empty() {
                at("a partition declares no `columns`: they are its parent's".into());
            }
            if !table.inherits.is_empty() {
                at("a partition cannot also use `inherits`".into());
            }
        }
        (None, Some(_)) => at("`bounds` needs `partition_of: <parent>`".into()),
        (None, None) => {}
    }
    for p in &table.inherits {
        if p == tq {
            at("`inherits` names the table itself".into());
        } else if !schema.tables.contains_key(p) {
            at(format!("`inherits: [{p}]` names no declared table"));
        }
    }
    let from_parents = with_inherited_columns(schema, table);
    for c in &table.inherited_last {
        if table.columns.contains_key(c) || !from_parents.columns.contains_key(c) {
            at(format!(
                "`inherited_last: [{c}]` names no column the table inherits without declaring it"
            ));
        }
    }
    for problem in super::relopts::problems(tq, table) {
        at(problem);
    }
    if table.partition_by.is_some() && !table.with.is_empty() {
        at(
            "a partitioned table holds no storage parameters (`with`); set them on its partitions"
                .into(),
        );
    }
}

fn is_bound(b: &str) -> bool {
    let upper = b.to_ascii_uppercase();
    upper == "DEFAULT" || upper.split_whitespace().take(2).collect::<Vec<_>>() == ["FOR", "VALUES"]
}

/// The table with the columns it gets from its partition parent or inheritance parents first
/// (recursively), so its keys and indexes can name them.
pub(crate) fn with_inherited_columns<'a>(schema: &Schema, table: &'a Table) -> Cow<'a, Table> {
    if table.partition_of.is_none() && table.inherits.is_empty() {
        return Cow::Borrowed(table);
    }
    let mut t = table.clone();
    let mut columns = indexmap::IndexMap::new();
    let mut stack: Vec<&QualifiedName> = super::shape::parents(table).collect();
    let mut seen = 0;
    while let Some(p) = stack.pop() {
        seen += 1;
        if seen > schema.tables.len() {
            break; // a cycle
        }
        if let Some(pt) = schema.tables.get(p) {
            for (n, c) in &pt.columns {
                columns.entry(n.clone()).or_insert_with(|| c.clone());
            }
            stack.extend(super::shape::parents(pt));
        }
    }
    for (n, c) in &table.columns {
        columns.insert(n.clone(), c.clone());
    }
    t.columns = columns;
    Cow::Owned(t)
}
