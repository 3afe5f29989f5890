//! `timestamptz`: no `timestamp without time zone` and no `time with time zone`.

use crate::lint::keys::{alter_type, base_type};
use crate::lint::{Context, Hit, Level, Rule};
use crate::load::ObjectKey;
use crate::model::quote_ident;

pub const RULE: Rule = Rule {
    id: "timestamptz",
    default: Level::Error,
    why: "timestamp without time zone stores wall-clock readings whose zone is lost, so instants \
          compare wrongly across sessions and daylight saving; timetz cannot handle DST at all",
    fix: "ALTER TABLE ... ALTER COLUMN ... TYPE timestamptz USING <column> AT TIME ZONE 'UTC' \
          (the zone the values were written in)",
    check,
};

/// The replacement for a flagged type, or `None` when the type is fine.
fn replacement(t: &str) -> Option<&'static str> {
    let base = base_type(t);
    if base.starts_with("timestamp") && base.ends_with("without time zone") {
        Some("timestamp with time zone")
    } else if base.starts_with("time")
        && !base.starts_with("timestamp")
        && base.ends_with(" with time zone")
    {
        Some("time without time zone")
    } else {
        None
    }
}

fn check(cx: &Context) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (tq, table) in &cx.schema.tables {
        for (c, col) in &table.columns {
            let Some(better) = replacement(&col.data_type) else {
                continue;
            };
            let array = col.data_type.trim_end().ends_with("[]");
            let fix = if array || !better.starts_with("timestamp") {
                alter_type(tq, c, &format!("{better}{}", if array { "[]" } else { "" }))
            } else {
                format!(
                    "{} USING {} AT TIME ZONE 'UTC'; -- the zone the values were written in",
                    alter_type(tq, c, better).trim_end_matches(';'),
                    quote_ident(c)
                )
            };
            hits.push(Hit {
                key: ObjectKey::Column(tq.clone(), c.clone()),
                message: format!("is {}; use {better}", col.data_type),
                fix: Some(fix),
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
    fn flags_zoneless_timestamps_and_timetz() {
        let yaml = "
tables:
  t:
    columns:
      id: bigint
      a: timestamp
      b: timestamp(3) without time zone
      c: timestamptz
      d: timetz
      e: time
      f: \"timestamp[]\"
      g: date
    primary_key: [id]
";
        assert_eq!(
            hits(check, yaml),
            vec![
                "column t.a: is timestamp without time zone; use timestamp with time zone",
                "column t.b: is timestamp(3) without time zone; use timestamp with time zone",
                "column t.d: is time with time zone; use time without time zone",
                "column t.f: is timestamp without time zone[]; use timestamp with time zone",
            ]
        );
    }
}
