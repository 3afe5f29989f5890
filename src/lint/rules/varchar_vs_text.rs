//! `varchar-vs-text` (opt-in): `text` instead of `varchar(n)` / `char(n)`.

use crate::lint::keys::{alter_type, base_type};
use crate::lint::{Context, Hit, Level, Rule};
use crate::load::ObjectKey;

pub const RULE: Rule = Rule {
    id: "varchar-vs-text",
    default: Level::Off,
    why: "in PostgreSQL varchar(n) is text with a length check that cannot change without an \
          ACCESS EXCLUSIVE lock (and char(n) pads with spaces); text plus a CHECK is as fast and \
          easier to change",
    fix: "ALTER TABLE ... ALTER COLUMN ... TYPE text, plus CHECK (char_length(<column>) <= n) if \
          the limit is a rule",
    check,
};

fn check(cx: &Context) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (tq, table) in &cx.schema.tables {
        for (c, col) in &table.columns {
            let base = base_type(&col.data_type);
            if !(base.starts_with("character varying") || base.starts_with("character")) {
                continue;
            }
            let array = if col.data_type.trim_end().ends_with("[]") {
                "[]"
            } else {
                ""
            };
            hits.push(Hit {
                key: ObjectKey::Column(tq.clone(), c.clone()),
                message: format!("is {}; use text{array}", col.data_type),
                fix: Some(alter_type(tq, c, &format!("text{array}"))),
            });
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::testing::hits;

    #[test]
    fn flags_varchar_and_char() {
        let yaml = "tables:\n  t: {columns: {a: varchar(20), b: text, c: char(2), d: \"varchar[]\", e: \"\\\"char\\\"\"}}\n";
        assert_eq!(
            hits(check, yaml),
            vec![
                "column t.a: is character varying(20); use text",
                "column t.c: is character(2); use text",
                "column t.d: is character varying[]; use text[]",
            ]
        );
    }
}
