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
}
