//! Diff rules for foreign servers, paired by name: missing, extra, and each difference of a
//! server both sides have as its own finding (category `foreign_server`; the comment is
//! `comment`).

use super::{ddl, ForeignServer};
use crate::diff::{diff_named, Category, Change, NamedObject, ObjectKind, ObjectRef, Severity};
use crate::model::Schema;

pub fn server_ref(name: &str) -> ObjectRef {
    ObjectRef {
        kind: ObjectKind::ForeignServer,
        table: None,
        name: name.to_string(),
        member: None,
        qualified: None,
    }
}

fn change(name: &str, summary: String, d: Option<String>, l: Option<String>) -> Change {
    Change::new(
        Category::ForeignServer,
        Severity::Warning,
        server_ref(name),
        summary,
    )
    .values(d, l)
}

fn shown(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "none".into())
}

/// Whether `d` and `l` differ in what `ALTER SERVER` cannot change (wrapper, type).
pub fn needs_rebuild(d: &ForeignServer, l: &ForeignServer) -> bool {
    d.wrapper != l.wrapper || d.server_type != l.server_type
}

/// The differences of one server both sides have, comment aside.
pub fn differences(d: &ForeignServer, l: &ForeignServer) -> Vec<Change> {
    let name = &d.name;
    if needs_rebuild(d, l) {
        let summary = "its wrapper or type differs (the server is created again)".to_string();
        return vec![change(
            name,
            summary,
            Some(ddl::create(d)),
            Some(ddl::create(l)),
        )];
    }
    let mut out = Vec::new();
    if d.version != l.version {
        let (dv, lv) = (shown(&d.version), shown(&l.version));
        let summary = format!("version is {dv} in the declaration but {lv} in the database");
        out.push(change(name, summary, d.version.clone(), l.version.clone()));
    }
    if d.options != l.options {
        let keys = d.options.keys().chain(l.options.keys());
        let mut differ: Vec<&String> = keys
            .filter(|k| d.options.get(*k) != l.options.get(*k))
            .collect();
        differ.sort();
        differ.dedup();
        let list: Vec<&str> = differ.iter().map(|k| k.as_str()).collect();
        let summary = format!("options differ: {}", list.join(", "));
        let (ds, ls) = (
            ddl::options_clause(&d.options),
            ddl::options_clause(&l.options),
        );
        out.push(change(
            name,
            summary,
            Some(ds.trim().into()),
            Some(ls.trim().into()),
        ));
    }
    out
}

impl NamedObject for ForeignServer {
    fn name(&self) -> &str {
        &self.name
    }
    fn comment(&self) -> &Option<String> {
        &self.comment
    }
    fn object(&self) -> ObjectRef {
        server_ref(&self.name)
    }
    fn create(&self) -> String {
        ddl::create(self)
    }
}

/// Declared servers in declared order, then the ones only the database has.
pub fn diff(declared: &Schema, live: &Schema, out: &mut Vec<Change>) {
    let (d, l) = (&declared.foreign_servers, &live.foreign_servers);
    diff_named(d, l, differences, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings() {
        let mut d = ForeignServer {
            name: "s".into(),
            wrapper: "postgres_fdw".into(),
            version: Some("1".into()),
            ..Default::default()
        };
        d.options.insert("host".into(), "a".into());
        d.options.insert("port".into(), "1".into());
        let mut l = d.clone();
        l.version = None;
        l.options.insert("host".into(), "b".into());
        l.options.insert("dbname".into(), "x".into());
        let got: Vec<String> = differences(&d, &l)
            .iter()
            .map(|c| c.summary.clone())
            .collect();
        assert_eq!(
            got,
            vec![
                "version is 1 in the declaration but none in the database",
                "options differ: dbname, host",
            ]
        );
        l.wrapper = "file_fdw".into();
        assert_eq!(differences(&d, &l).len(), 1);
        let mut a = Schema::default();
        let mut b = Schema::default();
        a.foreign_servers.push(d);
        b.foreign_servers.push(ForeignServer {
            name: "q".into(),
            wrapper: "w".into(),
            ..Default::default()
        });
        let mut out = Vec::new();
        diff(&a, &b, &mut out);
        let got: Vec<String> = out.iter().map(|c| c.line()).collect();
        assert_eq!(
            got,
            vec![
                "foreign_server missing foreign_server s",
                "foreign_server extra foreign_server q"
            ]
        );
    }
}
