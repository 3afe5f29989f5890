//! Deparse fixpoints: where a printed expression reads differently once re-created from its own
//! text, both sides are settled to the fixpoint before they are compared.

use super::Scratch;
use crate::kinds::function::normalize as routines;
use crate::model::{quote_ident, Index, QualifiedName, Schema};

/// PostgreSQL's deparsed text is not always a fixpoint: printing an expression, creating the
/// object from that text and printing again can read differently (casts inside `IN (...)` lists
/// on varchar columns are the classic case; pg_dump restores hit it). So where a view body, check
/// expression, column default or index definition differs, both sides are taken to their fixpoint
/// in the scratch database (which holds the declared objects) before comparing; a database
/// restored from its own dump then shows no drift. Only equal fixpoints replace the texts: a real
/// difference stays exactly as introspected.
pub async fn settle_fixpoints(scratch: &Scratch, declared: &mut Schema, live: &mut Schema) {
    routines::settle(scratch, declared, live).await;
    routines::settle_triggers(scratch, declared, live).await;
    let mut n = 0usize;
    let view_names: Vec<QualifiedName> = declared.views.keys().cloned().collect();
    for name in view_names {
        let (Some(d), Some(l)) = (declared.views.get(&name), live.views.get(&name)) else {
            continue;
        };
        if d.definition == l.definition || d.materialized != l.materialized {
            continue;
        }
        n += 1;
        let probe = Probe::View;
        if let Some(text) = settle_pair(scratch, &probe, &d.definition, &l.definition, n).await {
            set(
                declared.views.get_mut(&name).map(|v| &mut v.definition),
                &text,
            );
            set(live.views.get_mut(&name).map(|v| &mut v.definition), &text);
        }
    }
    let table_names: Vec<QualifiedName> = declared.tables.keys().cloned().collect();
    for table in table_names {
        let (Some(dt), Some(lt)) = (declared.tables.get(&table), live.tables.get(&table)) else {
            continue;
        };
        let mut checks = Vec::new();
        for (name, check) in &dt.checks {
            if let Some(other) = lt.checks.get(name) {
                if other.expression != check.expression {
                    checks.push((
                        name.clone(),
                        check.expression.clone(),
                        other.expression.clone(),
                    ));
                }
            }
        }
        let mut defaults = Vec::new();
        for (name, col) in &dt.columns {
            if let (Some(other), Some(d)) = (lt.columns.get(name), col.default.as_ref()) {
                if let Some(l) = other.default.as_ref() {
                    if l != d && other.data_type == col.data_type {
                        defaults.push((name.clone(), col.data_type.clone(), d.clone(), l.clone()));
                    }
                }
            }
        }
        let mut indexes = Vec::new();
        for (name, index) in &dt.indexes {
            if let Some(other) = lt.indexes.get(name) {
                if other != index {
                    indexes.push((name.clone(), index.clone(), other.clone()));
                }
            }
        }
        for (name, d, l) in checks {
            n += 1;
            let probe = Probe::Check(table.clone());
            if let Some(text) = settle_pair(scratch, &probe, &d, &l, n).await {
                set(
                    declared
                        .tables
                        .get_mut(&table)
                        .and_then(|t| t.checks.get_mut(&name))
                        .map(|c| &mut c.expression),
                    &text,
                );
                set(
                    live.tables
                        .get_mut(&table)
                        .and_then(|t| t.checks.get_mut(&name))
                        .map(|c| &mut c.expression),
                    &text,
                );
            }
        }
        for (name, data_type, d, l) in defaults {
            n += 1;
            let probe = Probe::Default(table.clone(), data_type);
            if let Some(text) = settle_pair(scratch, &probe, &d, &l, n).await {
                for schema in [&mut *declared, &mut *live] {
                    if let Some(col) = schema
                        .tables
                        .get_mut(&table)
                        .and_then(|t| t.columns.get_mut(&name))
                    {
                        col.default = Some(text.clone());
                    }
                }
            }
        }
        for (name, d, l) in indexes {
            n += 1;
            let (Some(d_fix), Some(l_fix)) = (
                index_fixpoint(scratch, &table, &d, n, "d").await,
                index_fixpoint(scratch, &table, &l, n, "l").await,
            ) else {
                continue;
            };
            if same_index_shape(&d_fix, &l_fix) {
                for (schema, fixed) in [(&mut *declared, &d_fix), (&mut *live, &l_fix)] {
                    if let Some(ix) = schema
                        .tables
                        .get_mut(&table)
                        .and_then(|t| t.indexes.get_mut(&name))
                    {
                        ix.columns = fixed.columns.clone();
                        ix.include = fixed.include.clone();
                        ix.predicate = fixed.predicate.clone();
                    }
                }
            }
        }
    }
}

fn set(target: Option<&mut String>, text: &str) {
    if let Some(t) = target {
        *t = text.to_string();
    }
}

/// Indexes whose key text, INCLUDE list and predicate agree (the rest is compared as is).
fn same_index_shape(a: &Index, b: &Index) -> bool {
    a.columns == b.columns && a.include == b.include && a.predicate == b.predicate
}

/// What a text is printed as: the object created around it in the scratch database.
enum Probe {
    View,
    Check(QualifiedName),
    /// A column default on the table, for a column of this type.
    Default(QualifiedName, String),
}

/// The common fixpoint of two texts, if they have one.
async fn settle_pair(
    scratch: &Scratch,
    probe: &Probe,
    declared: &str,
    live: &str,
    n: usize,
) -> Option<String> {
    let d = fixpoint(scratch, probe, declared, n, "d").await?;
    let l = fixpoint(scratch, probe, live, n, "l").await?;
    (d == l).then_some(d)
}

async fn fixpoint(
    scratch: &Scratch,
    probe: &Probe,
    text: &str,
    n: usize,
    side: &str,
) -> Option<String> {
    let mut current = text.to_string();
    for round in 0..4 {
        let printed = print_once(
            scratch,
            probe,
            &current,
            &format!("pgdrift_fixpoint_{n}_{side}_{round}"),
        )
        .await?;
        if printed == current {
            return Some(printed);
        }
        current = printed;
    }
    Some(current)
}

/// Creates the probe object around `text`, reads back how PostgreSQL prints it, drops it.
async fn print_once(scratch: &Scratch, probe: &Probe, text: &str, name: &str) -> Option<String> {
    let client = &scratch.client;
    let quoted = quote_ident(name);
    let printed: String = match probe {
        Probe::View => {
            client
                .batch_execute(&format!("CREATE VIEW {quoted} AS {text}"))
                .await
                .ok()?;
            let row = client
                .query_one("SELECT pg_get_viewdef(c.oid, true) FROM pg_class c WHERE c.relname = $1 AND c.relnamespace = 'public'::regnamespace", &[&name])
                .await
                .ok();
            let _ = client.batch_execute(&format!("DROP VIEW {quoted}")).await;
            let printed: String = row?.get(0);
            printed.trim().trim_end_matches(';').trim_end().to_string()
        }
        Probe::Check(table) => {
            let add = format!(
                "ALTER TABLE {} ADD CONSTRAINT {quoted} CHECK ({text}) NOT VALID",
                table.sql()
            );
            client.batch_execute(&add).await.ok()?;
            let row = client
                .query_one("SELECT pg_get_expr(conbin, conrelid) FROM pg_constraint WHERE conname = $1 AND conrelid = $2::text::regclass", &[&name, &table.sql()])
                .await
                .ok();
            let _ = client
                .batch_execute(&format!(
                    "ALTER TABLE {} DROP CONSTRAINT {quoted}",
                    table.sql()
                ))
                .await;
            row?.get(0)
        }
        Probe::Default(table, data_type) => {
            let add = format!(
                "ALTER TABLE {} ADD COLUMN {quoted} {data_type} DEFAULT {text}",
                table.sql()
            );
            client.batch_execute(&add).await.ok()?;
            let row = client
                .query_one(
                    "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE a.attname = $1 AND d.adrelid = $2::text::regclass",
                    &[&name, &table.sql()],
                )
                .await
                .ok();
            let _ = client
                .batch_execute(&format!("ALTER TABLE {} DROP COLUMN {quoted}", table.sql()))
                .await;
            row?.get(0)
        }
    };
    Some(printed)
}

/// The fixpoint of an index's key text and predicate on `table`.
async fn index_fixpoint(
    scratch: &Scratch,
    table: &QualifiedName,
    index: &Index,
    n: usize,
    side: &str,
) -> Option<Index> {
    let mut current = index.clone();
    for round in 0..4 {
        let name = format!("pgdrift_fixpoint_{n}_{side}_{round}");
        // The scratch server may lack the index's tablespace, which the printed text never shows.
        let probe = Index {
            tablespace: None,
            ..current.clone()
        };
        let sql = crate::kinds::index::ddl::create_index_verbatim(table, &name, &probe);
        scratch.client.batch_execute(&sql).await.ok()?;
        let row = scratch
            .client
            .query_one(
                "SELECT pg_get_indexdef(i.indexrelid), pg_get_expr(i.indpred, i.indrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1 AND c.relnamespace = $2::text::regnamespace",
                &[&name, &quote_ident(&table.schema)],
            )
            .await
            .ok();
        let _ = scratch
            .client
            .batch_execute(&format!(
                "DROP INDEX {}",
                QualifiedName::new(table.schema.clone(), name.clone()).sql()
            ))
            .await;
        let row = row?;
        let definition: String = row.get(0);
        let predicate: Option<String> = row.get(1);
        let (_, _, parsed) = crate::load::parse_index_definition(&definition).ok()?;
        let printed = Index {
            columns: parsed.columns,
            include: parsed.include,
            predicate,
            ..current.clone()
        };
        if same_index_shape(&printed, &current) {
            return Some(printed);
        }
        current = printed;
    }
    Some(current)
}
