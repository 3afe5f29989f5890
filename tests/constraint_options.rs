//! Options only some majors have: `ON DELETE SET NULL (columns)` and a publication's column
//! list, row filter and schemas (PostgreSQL 15) are checked clean where the server has them and
//! refused, naming their file:line, where it does not. Run on 14 with PGDRIFT_TEST_PG=14 to see
//! the refusals (the default major sees the clean checks).

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

const PUB_YAML: &str = r#"tables:
  Msgs:
    columns:
      id: bigint
      body: text
publications:
  - name: plain
    tables: [{table: Msgs}]
  - name: Odd "Pub"
    tables: [{table: Msgs, columns: [id], where: "id>0"}]
"#;

/// Builds `live` in a fresh database and checks `yaml` against it: clean on 15+; on older
/// majors exit 2 at the line holding `marker`, naming `object`.
async fn checked_or_refused(tag: &str, yaml: &str, live: &str, marker: &str, object: &str) {
    let major = common::server_major();
    let db = common::test_db(tag).await;
    db.exec(live).await;
    let dir = common::temp_dir(tag, "check");
    std::fs::write(dir.join("schema.yaml"), yaml).expect("schema.yaml");
    let out = common::run_pgdrift(&["check", "--db", &db.url, "--no-cache"], Some(&dir), &[]);
    if major >= 15 {
        out.assert_code(0);
        return;
    }
    out.assert_code(2);
    let line = yaml
        .lines()
        .position(|l| l.contains(marker))
        .map(|i| i + 1)
        .unwrap_or(0);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(text.contains(&format!("schema.yaml:{line}:")), "{text}");
    assert!(
        text.contains("needs PostgreSQL 15 or later") && text.contains(object),
        "{text}"
    );
    assert!(!text.contains("panicked"), "{text}");
    eprintln!("PostgreSQL {major} refuses it as expected: {}", text.trim());
}

#[tokio::test]
async fn set_null_columns_checked_or_refused_by_major() {
    // On 14 the live side cannot have the list; the declaration is refused before comparing.
    let list = if common::server_major() >= 15 {
        r#" ("item ""no""")"#
    } else {
        ""
    };
    let live = format!(
        r#"CREATE TABLE "Tenant Item" ("Tenant" int, id int, PRIMARY KEY ("Tenant", id));
           CREATE TABLE tenant_ref ("Tenant" int NOT NULL, "item ""no""" int,
             CONSTRAINT "Odd FK" FOREIGN KEY ("Tenant", "item ""no""")
               REFERENCES "Tenant Item" ON DELETE SET NULL{list});"#
    );
    checked_or_refused("set_null_cols", YAML, &live, "Odd FK:", "Odd FK").await;
}

#[tokio::test]
async fn publication_column_list_checked_or_refused_by_major() {
    let odd = if common::server_major() >= 15 {
        r#"CREATE PUBLICATION "Odd ""Pub""" FOR TABLE "Msgs" (id) WHERE (id > 0);"#
    } else {
        r#"CREATE PUBLICATION "Odd ""Pub""" FOR TABLE "Msgs";"#
    };
    let live = format!(
        r#"CREATE TABLE "Msgs" (id bigint, body text);
           CREATE PUBLICATION plain FOR TABLE "Msgs";
           {odd}"#
    );
    let marker = r#"name: Odd "Pub""#;
    checked_or_refused("pub_cols", PUB_YAML, &live, marker, "publication Odd").await;
}
