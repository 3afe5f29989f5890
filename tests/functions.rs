//! Functions, procedures, aggregates and triggers end to end, through the binary: the issue's
//! application schema goes inspect -> check (clean) -> drift on the live side reported by
//! category -> plan + apply converge -> squash --from-db --verify; and a declaration PostgreSQL
//! rejects is reported at its file:line.

mod common;

use std::path::PathBuf;

const APP_SQL: &str = r#"
CREATE SCHEMA audit;
CREATE TABLE audit.log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tbl text, op text,
                        at timestamptz DEFAULT now());
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated_at := now(); RETURN NEW; END$$;
CREATE FUNCTION audit.record() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$BEGIN INSERT INTO audit.log (tbl, op) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END$$;
CREATE SEQUENCE code_seq;
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$SELECT 'C' || nextval('code_seq')$$;
CREATE FUNCTION cents(n numeric) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN (n * 100)::bigint;
CREATE FUNCTION fmt(n integer) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT n::text';
CREATE FUNCTION fmt(n integer, width integer DEFAULT 8) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT lpad(n::text, width)';
CREATE FUNCTION longest_step(s text, v text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN length(v) > length(coalesce(s, '''')) THEN v ELSE s END';
CREATE AGGREGATE longest(text) (SFUNC = longest_step, STYPE = text);
CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, updated_at timestamptz);
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  code text NOT NULL DEFAULT next_code(),
  amount numeric NOT NULL,
  amount_cents bigint GENERATED ALWAYS AS (cents(amount)) STORED,
  closed boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz
);
CREATE TRIGGER customers_touch BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW
  WHEN (OLD.amount IS DISTINCT FROM NEW.amount OR OLD.closed <> NEW.closed) EXECUTE FUNCTION touch();
CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE OR DELETE ON orders FOR EACH STATEMENT EXECUTE FUNCTION audit.record();
CREATE FUNCTION check_amount() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN IF NEW.amount < 0 THEN RAISE EXCEPTION 'negative'; END IF; RETURN NULL; END$$;
CREATE CONSTRAINT TRIGGER orders_amount AFTER INSERT OR UPDATE OF amount ON orders
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_amount();
COMMENT ON TRIGGER orders_amount ON orders IS 'amounts are never negative';
CREATE PROCEDURE close_orders(cutoff timestamptz) LANGUAGE sql AS $$UPDATE orders SET closed = true WHERE created_at < cutoff$$;
CREATE VIEW open_orders AS SELECT id, customer_id, amount FROM orders WHERE NOT closed;
CREATE FUNCTION open_orders_ins() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN INSERT INTO orders (id, customer_id, amount) VALUES (NEW.id, NEW.customer_id, NEW.amount); RETURN NEW; END$$;
CREATE TRIGGER open_orders_ins INSTEAD OF INSERT ON open_orders FOR EACH ROW EXECUTE FUNCTION open_orders_ins();
"#;

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pgdrift_functions_{tag}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[tokio::test]
async fn application_schema_round_trip() {
    let db = common::test_db("functions_app").await;
    db.exec(APP_SQL).await;
    let dir = temp_dir("app");
    let d = dir.to_str().unwrap_or(".");
    common::run_pgdrift(&["inspect", "--db", &db.url, "--out", d], None, &[]).assert_code(0);
    assert!(dir.join("functions/fmt.sql").is_file());
    assert!(dir.join("triggers/orders.sql").is_file());
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "--db", db.url.as_str(), "--no-cache"];
        args.extend_from_slice(extra);
        common::run_pgdrift(&args, Some(&dir), &[])
    };
    check(&[]).assert_code(0);

    // Drift on the live side, each in its category.
    db.exec(
        "DROP TRIGGER customers_touch ON customers;
         ALTER TABLE orders DISABLE TRIGGER orders_audit;
         CREATE OR REPLACE FUNCTION cents(n numeric) RETURNS bigint LANGUAGE sql IMMUTABLE RETURN (n * 1000)::bigint;
         CREATE FUNCTION fmt(n bigint) RETURNS text LANGUAGE sql AS 'SELECT n::text';",
    )
    .await;
    let out = check(&["--format", "json"]);
    out.assert_code(1);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json report");
    let mut found: Vec<String> = json["changes"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|c| {
                    format!(
                        "{} {} {} {}",
                        c["category"].as_str().unwrap_or(""),
                        c["presence"].as_str().unwrap_or(""),
                        c["object"]["kind"].as_str().unwrap_or(""),
                        c["object"]["name"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    assert_eq!(
        found,
        vec![
            "function changed function cents(numeric)",
            "function extra function fmt(bigint)",
            "trigger changed trigger orders_audit on orders",
            "trigger missing trigger customers_touch on customers",
        ]
    );

    // plan + apply converge, and the second plan is empty.
    common::run_pgdrift(
        &["apply", "--db", &db.url, "--allow-destructive", "--yes"],
        Some(&dir),
        &[],
    )
    .assert_code(0);
    check(&[]).assert_code(0);
    let plan = common::run_pgdrift(&["plan", "--db", &db.url], Some(&dir), &[]);
    plan.assert_code(0);
    assert!(!plan.stdout.contains("CREATE"), "{}", plan.stdout);

    // squash from the database, proven by rebuilding it.
    let out = common::run_pgdrift(
        &[
            "squash",
            "--from-db",
            &db.url,
            "--verify",
            "--out",
            dir.join("squash.sql").to_str().unwrap_or(""),
        ],
        None,
        &[],
    );
    out.assert_code(0);
    let sql = std::fs::read_to_string(dir.join("squash.sql")).expect("squash.sql");
    assert!(sql.contains("SET check_function_bodies = off"), "{sql}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn rejected_declarations_name_file_and_line() {
    let db = common::test_db("functions_rejected").await;
    let dir = temp_dir("rejected");
    std::fs::write(
        dir.join("schema.yaml"),
        "tables:\n  t:\n    columns:\n      id: int\n",
    )
    .expect("write");
    std::fs::create_dir_all(dir.join("functions")).expect("mkdir");
    std::fs::write(
        dir.join("functions/bad.sql"),
        "CREATE FUNCTION ok() RETURNS int LANGUAGE sql AS 'SELECT 1';\n\n\
         CREATE FUNCTION bad() RETURNS int LANGUAGE sql\n  RETURN nosuchfunc(1);\n",
    )
    .expect("write");
    let out = common::run_pgdrift(&["check", "--db", &db.url, "--no-cache"], Some(&dir), &[]);
    out.assert_code(2);
    assert!(
        out.stderr.contains("functions/bad.sql:4:10"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("function bad()"), "{}", out.stderr);

    std::fs::write(
        dir.join("functions/bad.sql"),
        "CREATE FUNCTION ok() RETURNS int LANGUAGE sql AS 'SELECT 1';\nDROP TABLE t;\n",
    )
    .expect("write");
    let out = common::run_pgdrift(&["check", "--db", &db.url, "--no-cache"], Some(&dir), &[]);
    out.assert_code(2);
    assert!(
        out.stderr.contains("functions/bad.sql:2:1"),
        "{}",
        out.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A function whose result type changes is dropped and created anew; the view, default, check,
/// index and policy that call it are dropped before it and restored after, and the drop is
/// labelled with the `in_use` hazard.
#[tokio::test]
async fn recreated_function_takes_its_callers_along() {
    let db = common::test_db("functions_in_use").await;
    let old = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus/converge/fn_recreated_with_dependents/old.sql"),
    )
    .expect("case old.sql");
    db.exec(&old).await;
    let dir = temp_dir("in_use");
    let d = dir.to_str().unwrap_or(".");
    common::run_pgdrift(&["inspect", "--db", &db.url, "--out", d], None, &[]).assert_code(0);
    let score = dir.join("functions/Score.sql");
    let text = std::fs::read_to_string(&score).expect("inspect wrote Score.sql");
    let changed = text
        .replace("RETURNS integer", "RETURNS bigint")
        .replace("x * 2", "x::bigint * 2");
    assert_ne!(text, changed, "{text}");
    std::fs::write(&score, changed).expect("write Score.sql");
    let code = dir.join("functions/next_code.sql");
    let text = std::fs::read_to_string(&code).expect("inspect wrote next_code.sql");
    let changed = text
        .replace("RETURNS integer", "RETURNS bigint")
        .replace("select 7", "select 7::bigint");
    assert_ne!(text, changed, "{text}");
    std::fs::write(&code, changed).expect("write next_code.sql");
    let plan = common::run_pgdrift(
        &["plan", "--db", &db.url, "--format", "json"],
        Some(&dir),
        &[],
    );
    plan.assert_code(0);
    assert!(plan.stdout.contains("\"in_use\""), "{}", plan.stdout);
    for callers in [
        "DROP VIEW",
        "DROP DEFAULT",
        "DROP CONSTRAINT IF EXISTS",
        "DROP INDEX IF EXISTS",
        "DROP POLICY IF EXISTS",
        "SET DEFAULT",
        "CREATE POLICY",
    ] {
        assert!(plan.stdout.contains(callers), "{callers}: {}", plan.stdout);
    }
    common::run_pgdrift(&["apply", "--db", &db.url, "--yes"], Some(&dir), &[]).assert_code(0);
    let rows: i64 = db
        .client()
        .await
        .query_one("SELECT count(*) FROM t", &[])
        .await
        .expect("count")
        .get(0);
    assert_eq!(rows, 1);
    common::run_pgdrift(&["check", "--db", &db.url, "--no-cache"], Some(&dir), &[]).assert_code(0);
}
