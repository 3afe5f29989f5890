//! Validating declared foreign servers (a name and a wrapper, no name twice, option names not
//! empty) and foreign tables (a server, no grants). Problems are placed at the server's entry in schema.yaml. (A wrapper no declared
//! extension provides is PostgreSQL's to report when the declaration is normalized.)

use std::collections::HashSet;

use crate::load::{Cx, ObjectKey, MAX_IDENT_BYTES};
use crate::model::Schema;

pub(crate) fn validate(schema: &Schema, cx: &mut Cx) {
    let mut seen = HashSet::new();
    for s in &schema.foreign_servers {
        let key = ObjectKey::ForeignServer(s.name.clone());
        if s.name.is_empty() || s.name.len() > MAX_IDENT_BYTES {
            let msg = format!("a foreign server name must have 1 to {MAX_IDENT_BYTES} bytes");
            cx.at(&key, msg);
        }
        if !seen.insert(s.name.as_str()) {
            cx.at(&key, "declared twice".into());
        }
        if s.wrapper.is_empty() {
            cx.at(&key, "`wrapper` (the foreign-data wrapper) is empty".into());
        }
        if s.options.keys().any(|k| k.is_empty()) {
            cx.at(&key, "an option name is empty".into());
        }
    }
    for (name, t) in &schema.tables {
        let Some(f) = &t.foreign else { continue };
        let key = ObjectKey::Table(name.clone());
        if f.server.is_empty() {
            cx.at(&key, "`foreign.server` is empty".into());
        }
        if f.options.keys().any(|k| k.is_empty()) {
            cx.at(&key, "a foreign table option name is empty".into());
        }
        // The privilege kind does not read grants on foreign tables yet (the inventory reports
        // them): declared ones could never compare equal.
        if !t.grants.is_empty() || !t.column_grants.is_empty() {
            let msg = "grants on a foreign table are not modelled yet: leave out `grants` and `column_grants`";
            cx.at(&key, msg.into());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::load::problem_lines as problems;

    #[test]
    fn valid_and_invalid() {
        let ok = "extensions:\n  postgres_fdw: {}\nforeign_servers:\n  - name: remote\n    wrapper: postgres_fdw\n    options: {host: db, dbname: app}\n";
        assert!(problems(ok).is_empty(), "{:?}", problems(ok));
        let bad = "foreign_servers:\n  - name: a\n    wrapper: ''\n  - name: a\n    wrapper: w\n    options: {'': x}\n";
        let p = problems(bad);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(
            p[0].starts_with("schema.yaml:2:5: foreign server a: `wrapper`"),
            "{p:?}"
        );
        assert!(p[1].contains("declared twice"), "{p:?}");
        assert!(p[2].contains("option name is empty"), "{p:?}");
        let p = problems("foreign_servers:\n  - name: a\n    wrapper: w\n    host: x\n");
        assert!(p[0].starts_with("schema.yaml:4:5"), "{p:?}");
        let ft = "tables:\n  ft:\n    foreign: {server: '', options: {'': x}}\n    grants: {r: [select]}\n    columns:\n      id: bigint\n";
        let p = problems(ft);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(
            p[0].starts_with("schema.yaml:2:3: table ft: `foreign.server`"),
            "{p:?}"
        );
        assert!(p[2].contains("grants on a foreign table"), "{p:?}");
    }
}
