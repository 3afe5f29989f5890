use super::*;

#[test]
fn qualified_names_parse_and_print() {
    let q = QualifiedName::parse("audit.events").unwrap();
    assert_eq!(q, QualifiedName::new("audit", "events"));
    assert_eq!(q.sql(), "\"audit\".\"events\"");
    assert_eq!(
        QualifiedName::parse("genes").unwrap().display_name(),
        "genes"
    );
    let dotted = QualifiedName::new("public", "my.table");
    assert_eq!(dotted.display_name(), "\"my.table\"");
    assert_eq!(QualifiedName::parse("\"my.table\"").unwrap(), dotted);
    assert!(QualifiedName::parse("a.b.c").is_err());
    assert!(QualifiedName::parse("\"open").is_err());
}

#[test]
fn quoting_doubles_quotes() {
    assert_eq!(quote_ident("we\"ird Name"), "\"we\"\"ird Name\"");
    assert_eq!(quote_literal("it's"), "'it''s'");
}

#[test]
fn references_parse() {
    let r = Reference::parse("audit.events(id, at)").unwrap();
    assert_eq!(r.table, QualifiedName::new("audit", "events"));
    assert_eq!(r.columns, vec!["id", "at"]);
    assert!(Reference::parse("genes").is_err());
    // A flow map `{references: ref.codes(a, b)}` hands over `ref.codes(a`.
    let cut = Reference::parse("ref.codes(a").unwrap_err();
    assert!(
        cut.contains("quote it (`references: \"ref.codes(a, ...)\"`)"),
        "{cut}"
    );
}

#[test]
fn clone_only_equals_a_whole_copy_cut_down_and_leaves_the_model_as_it_was() {
    let yaml = r#"
enums:
  mood: [sad, happy]
tables:
  a: {columns: {id: bigint, m: mood}}
  b: {columns: {id: bigint}}
  c: {columns: {id: bigint}}
"#;
    let mut schema = crate::load::load_schema_str(yaml, "schema.yaml")
        .expect("the fixture loads")
        .schema;
    let original = schema.clone();
    let keep = |n: &QualifiedName| n.name != "b";
    let only = schema.clone_only(&Only {
        tables: &keep,
        views: &|_| false,
        functions: &|_| true,
        triggers: &keep,
    });
    let mut expected = original.clone();
    expected.tables.retain(|n, _| keep(n));
    expected.views.clear();
    expected.triggers.retain(|n, _| keep(n));
    assert_eq!(only, expected);
    assert_eq!(
        only.tables
            .keys()
            .map(|n| n.name.as_str())
            .collect::<Vec<_>>(),
        ["a", "c"]
    );
    assert_eq!(schema, original, "the model was not put back as it was");
}
