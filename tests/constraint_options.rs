//! Constraint options only some majors have: `ON DELETE SET NULL (columns)` (PostgreSQL 15) is
//! checked clean where the server has it and refused, naming its file:line, where it does not.
//! Run on 14 with PGDRIFT_TEST_PG=14 to see the refusal (the default major sees the clean check).

mod common;

const YAML: &str = r#"tables:
  Tenant Item:
    columns:
      Tenant: {type: integer, nullable: false}
      id: {type: integer, nullable: false}
    primary_key: [Tenant, id]
  tenant_ref:
    columns:
      Tenant: {type: integer, nullable: false}
      item "no": integer
    foreign_keys:
      Odd FK:
        columns: [Tenant, item "no"]
        references: {table: Tenant Item, columns: [Tenant, id]}
        on_delete: set null (item "no")
"#;

#[tokio::test]
async fn set_null_columns_checked_or_refused_by_major() {
    let major = common::server_major();
    let db = common::test_db("set_null_cols").await;
    // On 14 the live side cannot have the list; the declaration is refused before comparing.
    let list = if major >= 15 {
        r#" ("item ""no""")"#
    } else {
        ""
    };
    db.exec(&format!(
        r#"CREATE TABLE "Tenant Item" ("Tenant" int, id int, PRIMARY KEY ("Tenant", id));
           CREATE TABLE tenant_ref ("Tenant" int NOT NULL, "item ""no""" int,
             CONSTRAINT "Odd FK" FOREIGN KEY ("Tenant", "item ""no""")
               REFERENCES "Tenant Item" ON DELETE SET NULL{list});"#
    ))
    .await;
    let dir = common::temp_dir("set_null_cols", "check");
    std::fs::write(dir.join("schema.yaml"), YAML).expect("schema.yaml");
    let out = common::run_pgdrift(&["check", "--db", &db.url, "--no-cache"], Some(&dir), &[]);
    if major >= 15 {
        out.assert_code(0);
        return;
    }
    out.assert_code(2);
    let line = YAML
        .lines()
        .position(|l| l.trim() == "Odd FK:")
        .map(|i| i + 1)
        .unwrap_or(0);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(text.contains(&format!("schema.yaml:{line}:")), "{text}");
    assert!(
        text.contains("needs PostgreSQL 15 or later") && text.contains("Odd FK"),
        "{text}"
    );
    assert!(!text.contains("panicked"), "{text}");
    eprintln!("PostgreSQL {major} refuses it as expected: {}", text.trim());
}
