//! DDL PostgreSQL 18 added to the kinds pgdrift models: each is either modelled (checked clean
//! on 18, refused at its file:line on older servers) or reported as `unsupported`, never read as
//! something else. The default major (15) sees the refusals; PGDRIFT_TEST_PG=18 the rest.

mod common;

/// Runs `check` of `yaml` against a fresh database holding `live`.
async fn check(tag: &str, yaml: &str, live: &str) -> common::Output {
    let db = common::test_db(tag).await;
    db.exec(live).await;
    let dir = common::temp_dir(tag, "check");
    std::fs::write(dir.join("schema.yaml"), yaml).expect("schema.yaml");
    common::run_pgdrift(&["check", "--db", &db.url, "--no-cache"], Some(&dir), &[])
}

/// `text` is a refusal (exit 2) at the line of `yaml` holding `marker`, saying `needs`.
fn assert_refused(out: &common::Output, yaml: &str, marker: &str, needs: &str) {
    out.assert_code(2);
    let line = yaml
        .lines()
        .position(|l| l.contains(marker))
        .map_or(0, |i| i + 1);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(text.contains(&format!("schema.yaml:{line}:")), "{text}");
    assert!(text.contains(needs), "{text}");
    assert!(!text.contains("panicked"), "{text}");
}

const VIRTUAL_YAML: &str = r#"tables:
  gv:
    columns:
      a: {type: integer, nullable: false}
      stored: {type: integer, generated: "a * 2"}
      "Odd Virtual": {type: integer, generated: {expression: "a * 3", kind: virtual}}
"#;

/// A virtual generated column: clean against the same table on 18 (and `generated: "expr"`
/// stays STORED there), a `generated` finding against a STORED one, refused before 18.
#[tokio::test]
async fn virtual_generated_columns_checked_or_refused_by_major() {
    let major = common::server_major();
    let kind = if major >= 18 { "VIRTUAL" } else { "STORED" };
    let live = format!(
        r#"CREATE TABLE gv (a int NOT NULL, stored int GENERATED ALWAYS AS (a * 2) STORED,
             "Odd Virtual" int GENERATED ALWAYS AS (a * 3) {kind});"#
    );
    let out = check("gen_virtual", VIRTUAL_YAML, &live).await;
    if major < 18 {
        assert_refused(
            &out,
            VIRTUAL_YAML,
            "Odd Virtual",
            "needs PostgreSQL 18 or later",
        );
        return;
    }
    out.assert_code(0);
    // Both the other way round: each column's kind is drift of its own.
    let swapped = r#"CREATE TABLE gv (a int NOT NULL, stored int GENERATED ALWAYS AS (a * 2) VIRTUAL,
         "Odd Virtual" int GENERATED ALWAYS AS (a * 3) STORED);"#;
    let out = check("gen_swapped", VIRTUAL_YAML, swapped).await;
    out.assert_code(1);
    for line in [
        "generation is GENERATED ALWAYS AS ((a * 2)) STORED in the declaration but GENERATED ALWAYS AS ((a * 2)) VIRTUAL",
        "generation is GENERATED ALWAYS AS ((a * 3)) VIRTUAL in the declaration but GENERATED ALWAYS AS ((a * 3)) STORED",
    ] {
        assert!(out.stdout.contains(line), "{line}\n{}", out.stdout);
    }
}

const NOT_ENFORCED_YAML: &str = r#"tables:
  parent:
    columns:
      id: {type: integer, nullable: false}
    primary_key: [id]
  child:
    columns:
      parent_id: integer
      qty: integer
    checks:
      qty_positive: {expression: "qty > 0", not_enforced: true}
    foreign_keys:
      Child Parent:
        columns: [parent_id]
        references: parent(id)
        not_enforced: true
"#;

/// NOT ENFORCED checks and foreign keys: clean against the same constraints on 18, a finding
/// against enforced ones, refused before 18.
#[tokio::test]
async fn not_enforced_constraints_checked_or_refused_by_major() {
    let major = common::server_major();
    let live = |enforced: &str| {
        format!(
            r#"CREATE TABLE parent (id int PRIMARY KEY);
               CREATE TABLE child (parent_id int, qty int,
                 CONSTRAINT qty_positive CHECK (qty > 0){enforced},
                 CONSTRAINT "Child Parent" FOREIGN KEY (parent_id) REFERENCES parent (id){enforced});"#
        )
    };
    if major < 18 {
        let out = check("not_enforced", NOT_ENFORCED_YAML, &live("")).await;
        assert_refused(
            &out,
            NOT_ENFORCED_YAML,
            "qty_positive",
            "needs PostgreSQL 18 or later",
        );
        return;
    }
    check("not_enforced", NOT_ENFORCED_YAML, &live(" NOT ENFORCED"))
        .await
        .assert_code(0);
    let out = check("enforced", NOT_ENFORCED_YAML, &live("")).await;
    out.assert_code(1);
    for what in ["check qty_positive", "foreign_key Child Parent"] {
        let line = format!("{what}: enforcement is NOT ENFORCED in the declaration but ENFORCED");
        assert!(out.stdout.contains(&line), "{line}\n{}", out.stdout);
    }
}

/// NOT VALID says nothing of a constraint that is never checked: refused on every major.
#[tokio::test]
async fn not_enforced_and_not_valid_refused() {
    let yaml = NOT_ENFORCED_YAML.replace(
        "not_enforced: true}",
        "not_enforced: true, not_valid: true}",
    );
    let out = check("enf_valid", &yaml, "").await;
    assert_refused(&out, &yaml, "qty_positive", "do not go together");
}
