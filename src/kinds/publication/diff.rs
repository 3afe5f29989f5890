//! Diff rules for publications, paired by name: missing, extra, and each difference of a
//! publication both sides have as its own finding (category `publication`; the comment is
//! `comment`).
//!
//! A table joining or leaving a publication is a change *of the publication*, one finding per
//! table, rather than a finding about the table: `ALTER PUBLICATION` is what changes, an ignore
//! rule on the publication covers its members, and the report then reads
//! `publication supabase_realtime: table messages is published only in the database`.

use super::{ddl, Publication};
use crate::diff::{diff_named, Category, Change, NamedObject, ObjectKind, ObjectRef, Severity};
use crate::model::Schema;

pub fn publication_ref(name: &str) -> ObjectRef {
    ObjectRef {
        kind: ObjectKind::Publication,
        table: None,
        name: name.to_string(),
        member: None,
        qualified: None,
    }
}

fn change(name: &str, summary: String, d: Option<String>, l: Option<String>) -> Change {
    Change::new(
        Category::Publication,
        Severity::Warning,
        publication_ref(name),
        summary,
    )
    .values(d, l)
}

fn words(ops: &Publication) -> String {
    let ops = super::model::canonical_operations(&ops.publish);
    if ops.is_empty() {
        return "nothing".into();
    }
    let names: Vec<&str> = ops.iter().map(|o| o.as_str()).collect();
    names.join(", ")
}

/// The differences of one publication both sides have, comment aside.
pub fn differences(d: &Publication, l: &Publication) -> Vec<Change> {
    let name = &d.name;
    if d.all_tables != l.all_tables {
        let (yes, no) = if d.all_tables {
            ("declaration", "database")
        } else {
            ("database", "declaration")
        };
        let summary = format!("it is FOR ALL TABLES in the {yes} but not in the {no}");
        // Planned as a new CREATE: one finding, whose values show every other difference.
        let (ds, ls) = (ddl::create(d), ddl::create(l));
        return vec![change(name, summary, Some(ds), Some(ls))];
    }
    let mut out = member_differences(d, l);
    if !d.same_operations(l) {
        let (dw, lw) = (words(d), words(l));
        let summary = format!("it publishes {dw} in the declaration but {lw} in the database");
        out.push(change(name, summary, Some(dw), Some(lw)));
    }
    if d.via_partition_root != l.via_partition_root {
        let (dv, lv) = (d.via_partition_root, l.via_partition_root);
        let summary = format!(
            "publish_via_partition_root is {dv} in the declaration but {lv} in the database"
        );
        out.push(change(
            name,
            summary,
            Some(dv.to_string()),
            Some(lv.to_string()),
        ));
    }
    out
}

/// Tables and schemas joining or leaving, and members with another column list or row filter.
fn member_differences(d: &Publication, l: &Publication) -> Vec<Change> {
    let name = &d.name;
    let mut out = Vec::new();
    for t in &d.tables {
        let shown = t.table.display_name();
        match l.member(&t.table) {
            None => {
                let summary = format!("table {shown} is not published in the database");
                out.push(change(name, summary, Some(ddl::member_sql(t)), None));
            }
            Some(lt) if lt != t => {
                let what = match (t.columns == lt.columns, t.filter == lt.filter) {
                    (false, false) => "column list and row filter differ",
                    (false, true) => "column list differs",
                    _ => "row filter differs",
                };
                let summary = format!("table {shown}: {what}");
                let (ds, ls) = (ddl::member_sql(t), ddl::member_sql(lt));
                out.push(change(name, summary, Some(ds), Some(ls)));
            }
            Some(_) => {}
        }
    }
    for lt in l.tables.iter().filter(|t| d.member(&t.table).is_none()) {
        let shown = lt.table.display_name();
        let summary = format!("table {shown} is published only in the database");
        out.push(change(name, summary, None, Some(ddl::member_sql(lt))));
    }
    for s in d.schemas_not_in(l) {
        let summary = format!("the tables in schema {s} are not published in the database");
        out.push(change(name, summary, Some(s.clone()), None));
    }
    for s in l.schemas_not_in(d) {
        let summary = format!("the tables in schema {s} are published only in the database");
        out.push(change(name, summary, None, Some(s.clone())));
    }
    out
}

impl NamedObject for Publication {
    fn name(&self) -> &str {
        &self.name
    }
    fn comment(&self) -> &Option<String> {
        &self.comment
    }
    fn object(&self) -> ObjectRef {
        publication_ref(&self.name)
    }
    fn create(&self) -> String {
        ddl::create(self)
    }
}

/// Declared publications in declared order, then the ones only the database has.
pub fn diff(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    diff_named(&declared.publications, &live.publications, differences, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::publication::{Operation, PublishedTable};
    use crate::model::QualifiedName;

    fn member(t: &str, filter: Option<&str>) -> PublishedTable {
        PublishedTable {
            table: QualifiedName::new("public", t),
            columns: vec![],
            filter: filter.map(str::to_string),
        }
    }

    #[test]
    fn findings() {
        let d = Publication {
            name: "p".into(),
            tables: vec![member("a", Some("(x > 1)")), member("b", None)],
            publish: vec![Operation::Insert],
            ..Default::default()
        };
        let l = Publication {
            name: "p".into(),
            tables: vec![member("a", None), member("c", None)],
            schemas: vec!["app".into()],
            via_partition_root: true,
            ..Default::default()
        };
        let got: Vec<String> = differences(&d, &l)
            .iter()
            .map(|c| c.summary.clone())
            .collect();
        assert_eq!(
            got,
            vec![
                "table a: row filter differs",
                "table b is not published in the database",
                "table c is published only in the database",
                "the tables in schema app are published only in the database",
                "it publishes insert in the declaration but insert, update, delete, truncate in the database",
                "publish_via_partition_root is false in the declaration but true in the database",
            ]
        );
        let mut all = l.clone();
        all.all_tables = true;
        let one = differences(&all, &l);
        assert_eq!(one.len(), 1, "{one:?}");
        assert!(one[0]
            .summary
            .starts_with("it is FOR ALL TABLES in the declaration"));
        let mut a = Schema::default();
        let mut b = Schema::default();
        a.publications.push(d);
        b.publications.push(Publication {
            name: "q".into(),
            ..Default::default()
        });
        let mut out = Vec::new();
        diff(&a, &b, &mut out);
        let got: Vec<String> = out.iter().map(|c| c.line()).collect();
        assert_eq!(
            got,
            vec![
                "publication missing publication p",
                "publication extra publication q"
            ]
        );
    }
}
