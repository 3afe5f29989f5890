//! Diff rules for extended statistics: missing, extra, renamed (or possibly renamed), defined
//! differently, target and comment; and a column's statistics target.
//!
//! Statistics only steer the planner's estimates, so every difference is a `warning` of
//! category `statistics` (a comment's is `comment`): queries return the same rows either way,
//! as with a plain index.

use crate::diff::{
    cols, comment_change, diff_members, differs, Aspects, Category, Change, MemberRules,
    ObjectKind, ObjectRef, Severity,
};
use crate::kinds::policy::diff::live_table;
use crate::model::{Column, Schema};

use super::Statistics;

impl Aspects for Statistics {
    fn aspects(&self) -> Vec<(&'static str, String)> {
        vec![
            ("the column list", format!("({})", cols(&self.columns))),
            ("kinds", kinds_text(self)),
            (
                "the schema",
                self.schema.clone().unwrap_or_else(|| "the table's".into()),
            ),
        ]
    }
}

fn kinds_text(s: &Statistics) -> String {
    if s.kinds.is_empty() {
        return "all".to_string();
    }
    let k: Vec<&str> = s.kinds.iter().map(|k| k.sql()).collect();
    k.join(", ")
}

/// The object as `CREATE STATISTICS` spells it after the name (and its schema, when not the
/// table's): `(ndistinct) ON a, lower(b)`.
pub(crate) fn stats_text(s: &Statistics) -> String {
    let mut t = String::new();
    if let Some(schema) = &s.schema {
        t.push_str(&format!("in schema {schema} "));
    }
    if !s.kinds.is_empty() {
        t.push_str(&format!("({}) ", kinds_text(s)));
    }
    t.push_str(&format!("ON {}", cols(&s.columns)));
    t
}

fn target_text(t: Option<i32>) -> String {
    t.map(|n| n.to_string())
        .unwrap_or_else(|| "the default".into())
}

/// Every declared table's statistics against its live table's (through a pending rename).
pub fn diff(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let rules = MemberRules {
        kind: ObjectKind::Statistics,
        differs: (Category::Statistics, Severity::Warning),
        missing: |_| Severity::Warning,
        renamed_from: |s: &Statistics| s.renamed_from.as_ref(),
        text: stats_text,
        also: |obj, d, l| comment_change(obj, &d.comment, &l.comment),
    };
    for (name, d) in &declared.tables {
        let Some(l) = live_table(name, d, live) else {
            continue;
        };
        diff_members(name, &d.statistics, &l.statistics, &rules, out);
        for (sname, ds) in &d.statistics {
            let Some(ls) = l.statistics.get(sname) else {
                continue;
            };
            if ds.target != ls.target && stats_text(ds) == stats_text(ls) {
                let obj = ObjectRef::member(ObjectKind::Statistics, name, sname);
                out.push(target_change(obj, ds.target, ls.target));
            }
        }
    }
}

fn target_change(obj: ObjectRef, d: Option<i32>, l: Option<i32>) -> Change {
    let (dt, lt) = (target_text(d), target_text(l));
    let summary = differs("the statistics target", &dt, &lt);
    Change::new(Category::Statistics, Severity::Warning, obj, summary)
        .values(d.map(|n| n.to_string()), l.map(|n| n.to_string()))
}

/// A column's `statistics_target` that differs (called by the column's diff rules).
pub(crate) fn column_target_change(obj: &ObjectRef, d: &Column, l: &Column) -> Option<Change> {
    (d.statistics_target != l.statistics_target)
        .then(|| target_change(obj.clone(), d.statistics_target, l.statistics_target))
}

#[cfg(test)]
mod tests {
    use crate::diff::fixtures::*;
    use crate::diff::{diff, Category, Presence, Severity};
    use crate::kinds::statistics::{Statistics, StatisticsKind};

    fn stats(columns: &[&str]) -> Statistics {
        Statistics {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn missing_extra_changed_target_comment_rename() {
        let mut t = genes();
        t.statistics.insert("s_a".into(), stats(&["id", "symbol"]));
        t.statistics.insert("s_b".into(), stats(&["lower(symbol)"]));
        let declared = with_table("genes", t.clone());
        let (m, x) = both(&declared, &with_table("genes", genes()));
        assert!(m.iter().all(|c| c.category == Category::Statistics
            && c.presence == Presence::Missing
            && c.severity == Severity::Warning));
        assert_eq!(m.len(), 2);
        assert_eq!(x.len(), 2);

        let mut l = t.clone();
        l.statistics[0].kinds = vec![StatisticsKind::Mcv];
        l.statistics[1].target = Some(10);
        l.statistics[1].comment = Some("c".into());
        let d = diff(&declared, &with_table("genes", l));
        let lines: Vec<String> = d.iter().map(|c| c.line()).collect();
        assert_eq!(
            lines,
            [
                "statistics statistics s_a",
                "comment statistics s_b",
                "statistics statistics s_b"
            ]
        );
        assert_eq!(
            d[0].summary,
            "kinds is all in the declaration but mcv in the database"
        );

        // Same definition under another name: one possible rename; `renamed_from` makes it one.
        let mut renamed = t.clone();
        let (_, s) = renamed.statistics.shift_remove_index(0).unwrap();
        renamed.statistics.insert("s_old".into(), s);
        let d = diff(&declared, &with_table("genes", renamed.clone()));
        assert_eq!(d.len(), 1, "{d:#?}");
        assert!(d[0].possible_rename.is_some());
        let mut t2 = t.clone();
        t2.statistics[0].renamed_from = Some("s_old".into());
        let d = diff(&with_table("genes", t2), &with_table("genes", renamed));
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].renamed_from.as_deref(), Some("s_old"));
    }
}
