//! Validating declared publications: a name, no name twice, `all_tables` alone, each table
//! and schema once. Problems are placed at the publication's entry in schema.yaml. (What
//! PostgreSQL checks itself, such as a column list naming a real column, it reports when the
//! declaration is normalized, at the same place.)

use std::collections::HashSet;

use crate::load::{Cx, ObjectKey, MAX_IDENT_BYTES};
use crate::model::Schema;

pub(crate) fn validate(schema: &Schema, cx: &mut Cx) {
    let mut seen = HashSet::new();
    for p in &schema.publications {
        let key = ObjectKey::Publication(p.name.clone());
        if p.name.is_empty() || p.name.len() > MAX_IDENT_BYTES {
            let msg = format!("a publication name must have 1 to {MAX_IDENT_BYTES} bytes");
            cx.at(&key, msg);
        }
        if !seen.insert(p.name.as_str()) {
            cx.at(&key, "declared twice".into());
        }
        if p.all_tables && (!p.tables.is_empty() || !p.schemas.is_empty()) {
            let msg = "`all_tables: true` publishes every table: leave out `tables` and `schemas`";
            cx.at(&key, msg.into());
        }
        let mut tables = HashSet::new();
        for t in &p.tables {
            if !tables.insert(&t.table) {
                cx.at(&key, format!("table {} is listed twice", t.table));
            }
            if t.filter.as_deref().is_some_and(|f| f.trim().is_empty()) {
                cx.at(&key, format!("table {}: `where` is empty", t.table));
            }
        }
        let mut schemas = HashSet::new();
        for s in &p.schemas {
            if s.is_empty() || !schemas.insert(s) {
                cx.at(&key, format!("schema `{s}` is empty or listed twice"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::load::problem_lines as problems;

    #[test]
    fn valid_and_invalid() {
        let ok = "tables:\n  m:\n    columns:\n      id: bigint\npublications:\n  - name: realtime\n    tables: [{table: m, columns: [id], where: \"id > 0\"}]\n    publish: [insert]\n";
        assert!(problems(ok).is_empty(), "{:?}", problems(ok));
        let bad = "publications:\n  - name: a\n    all_tables: true\n    schemas: [app]\n  - name: a\n    tables: [{table: m}, {table: public.m}]\n";
        let p = problems(bad);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(
            p[0].starts_with("schema.yaml:2:5: publication a: `all_tables: true`"),
            "{p:?}"
        );
        assert!(p[1].contains("declared twice"), "{p:?}");
        assert!(p[2].contains("table m is listed twice"), "{p:?}");
        let unknown = "publications:\n  - name: a\n    every_table: true\n";
        let p = problems(unknown);
        assert!(p[0].starts_with("schema.yaml:3:5"), "{p:?}");
        assert!(p[0].contains("every_table"), "{p:?}");
    }
}
