use super::*;

fn c(t: &str) -> String {
    canonical_type(
        t,
        &[
            QualifiedName::new("public", "Mood"),
            QualifiedName::new("audit", "level"),
        ],
    )
    .unwrap_or_else(|e| panic!("{t}: {e}"))
}

#[test]
fn aliases() {
    assert_eq!(c("INT"), "integer");
    assert_eq!(c(" varchar ( 100 ) "), "character varying(100)");
    assert_eq!(c("char"), "character(1)");
    assert_eq!(c("decimal(10, 2)"), "numeric(10,2)");
    assert_eq!(c("numeric(10)"), "numeric(10,0)");
    assert_eq!(c("timestamptz"), "timestamp with time zone");
    assert_eq!(
        c("timestamp(3) with time zone"),
        "timestamp(3) with time zone"
    );
    assert_eq!(c("timestamptz(3)"), "timestamp(3) with time zone");
    assert_eq!(c("TIME"), "time without time zone");
    assert_eq!(c("text[][]"), "text[]");
    assert_eq!(c("integer[3]"), "integer[]");
    assert_eq!(c("Mood"), "\"Mood\"");
    assert_eq!(c("Mood[]"), "\"Mood\"[]");
    assert_eq!(c("audit.level"), "audit.level");
    assert_eq!(c("interval day to second(3)"), "interval day to second(3)");
    assert_eq!(c("double   precision"), "double precision");
    assert_eq!(c("float(10)"), "real");
    assert_eq!(c("pg_catalog.int8"), "bigint");
    assert_eq!(c("PG_CATALOG.varchar(5)"), "character varying(5)");
    assert_eq!(c("\"pg_catalog\".text[]"), "text[]");
    assert_eq!(c("_int4"), "integer[]");
    assert_eq!(c("_Mood"), "\"Mood\"[]");
    assert!(canonical_type_ext("_nosuch", &[], false)
        .unwrap_err()
        .contains("`_nosuch`"));
}

#[test]
fn errors() {
    let e = canonical_type("txt", &[]).unwrap_err();
    assert!(e.contains("did you mean `text`"), "{e}");
    assert!(canonical_type("varchar(abc)", &[]).is_err());
    assert!(canonical_type("numeric(1,2,3)", &[]).is_err());
    assert!(canonical_type("varchar(10", &[]).is_err());
    assert!(canonical_type("mood", &[QualifiedName::new("public", "Mood")]).is_err());
}

#[test]
fn other_databases_spellings_say_what_to_write() {
    let e = |t: &str| canonical_type_ext(t, &[], false).unwrap_err();
    assert!(e("timestamp with timezone").contains("write `timestamptz`"));
    assert!(e("DATETIME").contains("write `timestamptz`"));
    assert!(e("varchar2(10)").contains("write `varchar(n)`"));
    assert!(e("string").contains("write `text`"));
    assert!(e("int(11)").contains("write `int`"));
    assert!(e("bigint(20)").contains("write `bigint`"));
    assert!(!e("bool(1)").contains("display width"));
    let serial = e("serial[]");
    assert!(
        serial.contains("write `integer`") && !serial.contains("did you mean"),
        "{serial}"
    );
    assert!(e("bigserial primary key").contains("`primary key` belongs under `primary_key:`"));
    assert!(e("text not null").contains("`nullable: false`"));
    // With extensions declared, the hint still wins over passing the name to the server.
    assert!(canonical_type_ext("datetime", &[], true)
        .unwrap_err()
        .contains("write"));
}

#[test]
fn quoting_like_the_server() {
    assert_eq!(quote_ident_if_needed("genes"), "genes");
    assert_eq!(quote_ident_if_needed("user"), "\"user\"");
    assert_eq!(quote_ident_if_needed("Genes"), "\"Genes\"");
    assert_eq!(quote_ident_if_needed("1x"), "\"1x\"");
}

#[test]
fn extension_types_pass_through_when_extensions_are_declared() {
    let ext = |t: &str| canonical_type_ext(t, &[], true);
    assert_eq!(ext("isbn13").as_deref(), Ok("isbn13"));
    assert_eq!(ext("ISBN13[]").as_deref(), Ok("isbn13[]"));
    assert_eq!(ext("ext.citext").as_deref(), Ok("ext.citext"));
    assert_eq!(
        ext("\"My Ext\".\"Odd Type\"").as_deref(),
        Ok("\"My Ext\".\"Odd Type\"")
    );
    assert_eq!(ext("vector(3)").as_deref(), Ok("vector(3)"));
    // Typos of built-in types stay errors, and so do words that are not one name.
    assert!(ext("intger").unwrap_err().contains("did you mean"));
    assert!(ext("foo bar").is_err());
    // Without declared extensions, an unknown name is an error.
    assert!(canonical_type_ext("isbn13", &[], false).is_err());
}
