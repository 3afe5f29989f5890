//! Nothing silently ignored: the issue's ordinary application schema (a trigger function, RLS, a
//! policy, a grant, extended statistics on a materialized view, a rule, a text search
//! configuration, a second schema) through every command that reads a database. What the model
//! does not cover is named as `unsupported`, never passed over (the trigger function, its
//! trigger, RLS, the policy, the grant and the rule are modelled now, and so are declared by
//! `inspect`; statistics on a table are too, but not on a materialized view, and text search
//! configurations are not).

mod common;

use std::path::PathBuf;

const APP_SQL: &str = r#"
DO $$ BEGIN CREATE ROLE pgdrift_app_ro; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, mail text NOT NULL,
                    updated_at timestamptz DEFAULT now());
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $f$BEGIN NEW.updated_at := now(); RETURN NEW; END$f$;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON users USING (id = current_setting('app.uid')::bigint);
GRANT SELECT ON users TO pgdrift_app_ro;
CREATE TABLE events (id bigint, at timestamptz NOT NULL);
CREATE MATERIALIZED VIEW events_mv AS SELECT id, at FROM events;
CREATE STATISTICS events_stats ON id, at FROM events_mv;
CREATE RULE events_ignore AS ON DELETE TO events DO INSTEAD NOTHING;
CREATE TEXT SEARCH CONFIGURATION events_search (COPY = pg_catalog.simple);
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id bigint PRIMARY KEY);
"#;

const UNSUPPORTED: [&str; 2] = [
    "statistics events_stats",
    "text_search_configuration events_search",
];

fn temp_dir(tag: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("pgdrift_unsupported_{tag}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[tokio::test]
async fn squash_verify_refuses_what_it_cannot_rebuild() {
    let db = common::test_db("unsupported_squash").await;
    db.exec(APP_SQL).await;
    let out = common::run_pgdrift(
        &[
            "squash",
            "--from-db",
            &db.url,
            "--schema",
            "public",
            "--verify",
        ],
        None,
        &[],
    );
    out.assert_code(1);
    assert!(!out.stderr.contains("verified: 0"), "{}", out.stderr);
    for object in UNSUPPORTED {
        let (kind, name) = object.split_once(' ').unwrap_or_default();
        assert!(
            out.stderr.contains(&format!("unsupported {kind} {name}")),
            "{object} not named:\n{}",
            out.stderr
        );
    }
    // A team may accept the gap knowingly; the objects are still listed.
    let out = common::run_pgdrift(
        &[
            "squash",
            "--from-db",
            &db.url,
            "--schema",
            "public",
            "--verify",
            "--allow-unsupported",
        ],
        None,
        &[],
    );
    assert!(
        out.stderr.contains("extended statistics events_stats"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--allow-unsupported"), "{}", out.stderr);
}

#[tokio::test]
async fn check_after_drops_and_inspect_comment_block() {
    let db = common::test_db("unsupported_check").await;
    db.exec(APP_SQL).await;
    let dir = temp_dir("check");
    let out = common::run_pgdrift(
        &[
            "inspect",
            "--db",
            &db.url,
            "--out",
            dir.to_str().unwrap_or("."),
        ],
        None,
        &[],
    );
    out.assert_code(0);
    assert!(
        out.stderr.contains("not written: 2 object(s)"),
        "{}",
        out.stderr
    );
    let yaml = std::fs::read_to_string(dir.join("schema.yaml")).expect("schema.yaml");
    assert!(yaml.contains("# NOT WRITTEN"), "{yaml}");
    assert!(
        yaml.contains("#   - extended statistics events_stats"),
        "{yaml}"
    );
    assert!(!yaml.contains("\nunsupported:"), "{yaml}");
    // The rule is modelled: inspect declares it in rules/, as SQL.
    let rules = std::fs::read_to_string(dir.join("rules/events.sql")).expect("rules/events.sql");
    assert!(rules.contains("CREATE RULE events_ignore AS"), "{rules}");

    // A snapshot keeps the inventory as data, so a check against it names what went missing.
    let snap = dir.join("snap.yaml");
    common::run_pgdrift(
        &[
            "snapshot",
            "--db",
            &db.url,
            "--out",
            snap.to_str().unwrap_or(""),
        ],
        None,
        &[],
    )
    .assert_code(0);
    db.exec(
        "DROP POLICY own ON users;
         REVOKE SELECT ON users FROM pgdrift_app_ro; ALTER TABLE users DISABLE ROW LEVEL SECURITY;",
    )
    .await;
    for args in [
        vec!["check", "--db", &db.url, "--no-cache"],
        vec!["check", "--db", &db.url],
    ] {
        let out = common::run_pgdrift(&args, Some(&dir), &[]);
        out.assert_code(1);
        assert!(out.stdout.contains("unsupported"), "{}", out.stdout);
        assert!(
            out.stdout.contains("statistics events_stats"),
            "{}",
            out.stdout
        );
        assert!(!out.stdout.contains("no drift"), "{}", out.stdout);
        // What was declared by inspect and dropped since is drift in its own category.
        assert!(out.stdout.contains("policy"), "{}", out.stdout);
        assert!(out.stdout.contains("privilege"), "{}", out.stdout);
    }
    let out = common::run_pgdrift(
        &[
            "diff",
            snap.to_str().unwrap_or(""),
            &db.url,
            "--format",
            "json",
        ],
        None,
        &[],
    );
    out.assert_code(1);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json report");
    let findings: Vec<String> = json["changes"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|c| c["category"] == "unsupported")
                .map(|c| {
                    format!(
                        "{} {}",
                        c["object"]["kind"].as_str().unwrap_or(""),
                        c["object"]["name"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    for object in UNSUPPORTED {
        assert!(
            findings.contains(&object.to_string()),
            "{object} missing from {findings:?}"
        );
    }
    // --warn-on makes it a choice, not a blind spot.
    let out = common::run_pgdrift(
        &[
            "check",
            "--db",
            &db.url,
            "--warn-on",
            "unsupported,policy,privilege",
        ],
        Some(&dir),
        &[],
    );
    out.assert_code(0);
    assert!(
        out.stdout.contains("statistics events_stats"),
        "{}",
        out.stdout
    );
}

#[tokio::test]
async fn plan_warns_and_never_claims_a_match() {
    let db = common::test_db("unsupported_plan").await;
    db.exec(APP_SQL).await;
    let dir = temp_dir("plan");
    common::run_pgdrift(
        &[
            "inspect",
            "--db",
            &db.url,
            "--out",
            dir.to_str().unwrap_or("."),
        ],
        None,
        &[],
    )
    .assert_code(0);
    let out = common::run_pgdrift(
        &["plan", "--db", &db.url, "--format", "human"],
        Some(&dir),
        &[],
    );
    out.assert_code(0);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(!text.contains("the database matches"), "{text}");
    assert!(text.contains("extended statistics events_stats"), "{text}");
    assert!(text.contains("not modelled by pgdrift"), "{text}");
}

/// A user mapping is reported, but its options hold a password: only their names may appear in
/// any output (check in every format, inspect's comment block, a snapshot).
#[tokio::test]
async fn a_user_mapping_is_named_and_its_password_never_shown() {
    let db = common::test_db("unsupported_user_mapping").await;
    db.exec(
        "CREATE FOREIGN DATA WRAPPER um_fdw;
         CREATE SERVER um_srv FOREIGN DATA WRAPPER um_fdw;
         CREATE USER MAPPING FOR PUBLIC SERVER um_srv OPTIONS (user 'bob', password 'hunter2-secret');",
    )
    .await;
    let dir = temp_dir("user_mapping");
    let path = |f: &str| dir.join(f).to_string_lossy().into_owned();
    std::fs::write(dir.join("schema.yaml"), "tables: {}\n").expect("schema.yaml");
    let mut seen = String::new();
    for format in ["human", "json", "markdown", "sarif", "github"] {
        let out = common::run_pgdrift(
            &["check", "--db", &db.url, "--format", format],
            Some(&dir),
            &[],
        );
        out.assert_code(1);
        seen.push_str(&out.stdout);
        seen.push_str(&out.stderr);
    }
    assert!(
        seen.contains("user mapping for public on server um_srv"),
        "{seen}"
    );
    assert!(seen.contains("user, password"), "{seen}");
    let project = path("project");
    let snap = path("snap.yaml");
    common::run_pgdrift(&["inspect", "--db", &db.url, "--out", &project], None, &[]).assert_code(0);
    common::run_pgdrift(&["snapshot", "--db", &db.url, "--out", &snap], None, &[]).assert_code(0);
    seen.push_str(&std::fs::read_to_string(dir.join("project/schema.yaml")).expect("schema.yaml"));
    seen.push_str(&std::fs::read_to_string(&snap).expect("snapshot"));
    assert!(!seen.contains("hunter2"), "a password was shown:\n{seen}");
}
