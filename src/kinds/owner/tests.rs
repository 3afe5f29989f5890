use super::*;
use crate::load::load_schema_str;

fn declared(yaml: &str) -> Schema {
    match load_schema_str(yaml, "schema.yaml") {
        Ok(d) => d.schema,
        Err(e) => panic!("{e}"),
    }
}

const YAML: &str = "
schemas: [billing]
owner: app
owners: {table billing.audit_log: \"Audit Team\", schema billing: billing_admin}
sequences:
  s: {}
  t_id_seq: {type: integer, owned_by: t.id}
enums: {mood: [a]}
tables:
  t: {columns: {id: int}}
  billing.audit_log: {columns: {id: int}}
";

#[test]
fn canonical_keys() {
    let ok = |k: &str| canonical_key(k).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ok("table public.audit_log"), "table audit_log");
    assert_eq!(ok("TABLE  app.\"Odd Name\""), "table app.Odd Name");
    assert_eq!(ok("table app.Odd Name"), "table app.Odd Name");
    assert_eq!(ok("table \"a.b\""), "table \"a.b\"");
    assert_eq!(ok("materialized view mv"), "view mv");
    assert_eq!(ok("procedure app.p()"), "function app.p()");
    assert_eq!(ok("domain public.email"), "type email");
    assert_eq!(ok("schema Billing"), "schema Billing");
    assert!(canonical_key("index i").is_err());
    assert!(canonical_key("table").is_err());
}

#[test]
fn expand_gives_every_object_an_owner_but_owned_sequences_and_public() {
    let mut s = declared(YAML);
    expand(&mut s);
    assert_eq!(s.owner, None);
    let keys: Vec<&str> = s.owners.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "schema billing",
            "type mood",
            "sequence s",
            "table t",
            "table billing.audit_log"
        ]
    );
    assert_eq!(s.owners["table billing.audit_log"], "Audit Team");
    assert_eq!(s.owners["schema billing"], "billing_admin");
    assert_eq!(s.owners["table t"], "app");
}

#[test]
fn compress_is_the_inverse_of_expand() {
    let original = declared(YAML);
    let mut s = original.clone();
    expand(&mut s);
    compress(&mut s);
    assert_eq!(s.owner.as_deref(), Some("app"));
    let mut want = original.owners.clone();
    want.sort_keys();
    assert_eq!(s.owners, want);
}

#[test]
fn ignored_roles_leave_owners_out() {
    let mut s = declared(YAML);
    expand(&mut s);
    without_roles(&mut s, &["Audit*".to_string()]);
    assert!(!s.owners.contains_key("table billing.audit_log"));
    assert!(s.owners.contains_key("table t"));
    assert_eq!(
        roles(&declared(YAML)),
        ["Audit Team", "app", "billing_admin"]
    );
}

#[test]
fn diff_and_plan() {
    let mut d = declared(YAML);
    expand(&mut d);
    let mut l = d.clone();
    l.owners.insert("table t".into(), "Someone Else".into());
    l.owners.shift_remove("sequence s");
    let mut out = Vec::new();
    diff::diff(&d, &l, &mut out);
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(out[0].category, crate::diff::Category::Owner);
    assert_eq!(out[0].object.to_string(), "owner table t");
    let mut changes = out.clone();
    let missing = |kind, name: &str| {
        let object = crate::diff::ObjectRef::top(kind, &QualifiedName::new("public", name));
        let severity = crate::diff::Severity::Error;
        let presence = crate::diff::Presence::Missing;
        crate::diff::Change::one_side(presence, severity, object, "".into())
    };
    changes.push(missing(crate::diff::ObjectKind::Sequence, "s"));
    let plan = |live: &Schema, changes: &[crate::diff::Change], prior: &[String]| {
        let steps = diff::plan(&d, live, changes, prior);
        steps.into_iter().map(|s| s.sql).collect::<Vec<_>>()
    };
    assert_eq!(
        plan(&l, &changes, &[]),
        [
            "ALTER SEQUENCE \"public\".\"s\" OWNER TO \"app\"",
            "ALTER TABLE \"public\".\"t\" OWNER TO \"app\""
        ]
    );
    // An owner finding an ignore rule removed is not planned; a missing object an ignore rule
    // removed is not created, so it gets no owner either.
    assert!(plan(&l, &[], &[]).is_empty());
    let prior = ["DROP TYPE \"public\".\"mood\"".to_string()];
    assert_eq!(
        plan(&d, &[], &prior),
        ["ALTER TYPE \"public\".\"mood\" OWNER TO \"app\""]
    );
    // A schema drop is not a drop of the tables in it.
    let prior = ["DROP SCHEMA \"billing\" CASCADE".to_string()];
    assert_eq!(plan(&d, &[], &prior).len(), 1);
}

#[test]
fn owner_findings_follow_ignore_rules_of_kind_owner() {
    let yaml = format!("{YAML}ignore: [{{kind: owner, name: 'table *', reason: tables move}}]\n");
    let mut d = declared(&yaml);
    expand(&mut d);
    let mut l = d.clone();
    l.owners.insert("table t".into(), "x".into());
    l.owners.insert("type mood".into(), "x".into());
    let mut changes = Vec::new();
    diff::diff(&d, &l, &mut changes);
    let (kept, ignored) = crate::diff::apply_ignores(changes, &d.ignore);
    assert_eq!(ignored.len(), 1);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].object.name, "type mood");
}
