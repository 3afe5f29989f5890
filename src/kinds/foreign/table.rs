//! Foreign tables are tables (`kinds::table`) with a `foreign:` key naming their server and
//! options: columns, defaults, `NOT NULL`, collations, `CHECK` constraints and comments are the
//! table kind's, and `ALTER TABLE` changes them on a foreign table too. What differs is here:
//! the `SERVER ... OPTIONS (...)` clause of `CREATE FOREIGN TABLE`, `ALTER FOREIGN TABLE ...
//! OPTIONS` and `... ALTER COLUMN c OPTIONS` (a column's options are `Column::options`, written
//! after its type), and `DROP`/`COMMENT ON FOREIGN TABLE`.
//!
//! A changed server, or a table that is foreign on one side only, cannot be altered: it stays a
//! plan warning (dropping a foreign table loses no rows, but its grants and dependent views).

use serde::{Deserialize, Serialize};

use super::ddl::{alter_options, options_clause};
use super::model::Options;
use crate::diff::{Category, Change, ObjectKind, ObjectRef, Severity};
use crate::model::{quote_ident, QualifiedName, Schema, Table};
use crate::plan::Builder;

/// What makes a table foreign: `SERVER s OPTIONS (...)`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForeignTable {
    pub server: String,
    #[serde(default, skip_serializing_if = "Options::is_empty")]
    pub options: Options,
}

/// `TABLE` or `FOREIGN TABLE`, for the statements that must say which (DROP, COMMENT ON).
pub fn noun(table: &Table) -> &'static str {
    if table.foreign.is_some() {
        "FOREIGN TABLE"
    } else {
        "TABLE"
    }
}

/// ` SERVER "s" OPTIONS (...)`, the tail of `CREATE FOREIGN TABLE`.
pub fn server_clause(f: &ForeignTable) -> String {
    format!(
        " SERVER {}{}",
        quote_ident(&f.server),
        options_clause(&f.options)
    )
}

fn change(name: &QualifiedName, summary: String, d: String, l: String) -> Change {
    let obj = ObjectRef::top(ObjectKind::Table, name);
    Change::new(Category::Table, Severity::Warning, obj, summary).values(Some(d), Some(l))
}

fn shown(f: &Option<ForeignTable>) -> String {
    match f {
        Some(f) => format!("foreign table on server {}", f.server),
        None => "table".into(),
    }
}

/// The columns both sides have (by declared name, or the `renamed_from` name in the database)
/// whose foreign options differ: (name, declared, live).
fn column_options<'t>(d: &'t Table, l: &'t Table) -> Vec<(&'t String, &'t Options, &'t Options)> {
    let mut out = Vec::new();
    for (cn, dc) in &d.columns {
        let lc = l.columns.get(cn).or_else(|| {
            let old = dc.renamed_from.as_ref()?;
            l.columns.get(old)
        });
        if let Some(lc) = lc.filter(|lc| lc.options != dc.options) {
            out.push((cn, &dc.options, &lc.options));
        }
    }
    out
}

/// The findings about one table's foreign part (both sides have the table).
pub fn diff(name: &QualifiedName, d: &Table, l: &Table, out: &mut Vec<Change>) {
    for (cn, dopts, lopts) in column_options(d, l) {
        let summary = format!("column {cn}: foreign options differ");
        let (ds, ls) = (options_clause(dopts), options_clause(lopts));
        out.push(change(name, summary, ds.trim().into(), ls.trim().into()));
    }
    match (&d.foreign, &l.foreign) {
        (Some(df), Some(lf)) if df.server == lf.server => {
            if df.options != lf.options {
                let summary = "foreign table options differ".to_string();
                let (ds, ls) = (options_clause(&df.options), options_clause(&lf.options));
                out.push(change(name, summary, ds.trim().into(), ls.trim().into()));
            }
        }
        (None, None) => {}
        (df, lf) => {
            let (ds, ls) = (shown(df), shown(lf));
            let summary = format!("it is a {ds} in the declaration but a {ls} in the database");
            out.push(change(name, summary, ds, ls));
        }
    }
}

/// `ALTER FOREIGN TABLE ... OPTIONS (...)` for every declared foreign table whose options
/// differ; a warning for one whose server or kind differs.
pub(crate) fn plan(
    declared: &Schema,
    live: &Schema,
    changes: &[Change],
    w: &mut Vec<String>,
    b: &mut Builder,
) {
    for (name, d) in &declared.tables {
        let Some(l) = crate::kinds::policy::diff::live_table(name, d, live) else {
            continue;
        };
        // Planned when the diff reported it (an ignore rule may keep the table as it is).
        let about: Vec<&Change> = changes
            .iter()
            .filter(|c| c.object.kind == ObjectKind::Table && c.category == Category::Table)
            .filter(|c| c.object.qualified.as_ref() == Some(name))
            .collect();
        if about.is_empty() {
            continue;
        }
        let text = crate::plan::label(&about);
        for (cn, dopts, lopts) in column_options(d, l) {
            if let Some(o) = alter_options(dopts, lopts) {
                let column = quote_ident(cn);
                let sql = format!(
                    "ALTER FOREIGN TABLE {} ALTER COLUMN {column} {o}",
                    name.sql()
                );
                b.push(sql, &text, Category::Table, &[]);
            }
        }
        match (&d.foreign, &l.foreign) {
            _ if d.foreign == l.foreign => {}
            (Some(df), Some(lf)) if df.server == lf.server => {
                if let Some(o) = alter_options(&df.options, &lf.options) {
                    let sql = format!("ALTER FOREIGN TABLE {} {o}", name.sql());
                    b.push(sql, &text, Category::Table, &[]);
                }
            }
            _ => w.push(format!(
                "table {}: {} cannot be altered; drop and create it by hand",
                name.display_name(),
                if d.foreign.is_some() && l.foreign.is_some() {
                    "its server"
                } else {
                    "whether it is foreign"
                }
            )),
        }
    }
}
