//! Row-level security, policies and privileges end to end through the binary: a Supabase-like
//! database (an `auth` schema, RLS enabled and forced, permissive and restrictive policies,
//! grants to `anon`/`authenticated`/`service_role`-like roles, default privileges) is inspected,
//! checks clean, squashes and verifies; drift on the live side is an error in its category; and
//! `squash --verify` on a throw-away cluster creates the roles it needs.

mod common;

use std::path::PathBuf;

const ROLES: &str = "
DO $$ BEGIN CREATE ROLE pgdrift_pol_anon; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_pol_authenticated; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE pgdrift_pol_service; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;";

const SUPABASE_LIKE: &str = "
CREATE SCHEMA auth;
CREATE TABLE auth.users (id uuid PRIMARY KEY, email text);
CREATE TABLE profiles (id uuid PRIMARY KEY REFERENCES auth.users(id), name text, org int NOT NULL);
CREATE TABLE posts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, author uuid NOT NULL, body text, public boolean NOT NULL DEFAULT false);
ALTER TABLE profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE profiles FORCE ROW LEVEL SECURITY;
ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_profile ON profiles FOR ALL TO pgdrift_pol_authenticated
  USING (id = (current_setting('request.jwt.claim.sub', true))::uuid)
  WITH CHECK (id = (current_setting('request.jwt.claim.sub', true))::uuid);
CREATE POLICY same_org ON profiles AS RESTRICTIVE FOR SELECT TO pgdrift_pol_authenticated
  USING (org = (current_setting('app.org', true))::int);
CREATE POLICY read_public ON posts FOR SELECT TO pgdrift_pol_anon, pgdrift_pol_authenticated USING (public);
CREATE POLICY write_own ON posts FOR INSERT TO pgdrift_pol_authenticated
  WITH CHECK (author = (current_setting('request.jwt.claim.sub', true))::uuid);
GRANT USAGE ON SCHEMA auth TO pgdrift_pol_service;
GRANT ALL ON auth.users TO pgdrift_pol_service;
GRANT SELECT ON posts TO pgdrift_pol_anon;
GRANT SELECT, INSERT, UPDATE, DELETE ON posts, profiles TO pgdrift_pol_authenticated;
GRANT SELECT (email) ON auth.users TO pgdrift_pol_authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE pgdrift_pol_service IN SCHEMA public GRANT SELECT ON TABLES TO pgdrift_pol_anon;";

fn temp_dir(hint: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pgdrift_access_{hint}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn s(p: &std::path::Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[tokio::test]
async fn supabase_like_round_trip_and_drift() {
    let db = common::test_db("access_round_trip").await;
    db.exec(&format!("{ROLES}{SUPABASE_LIKE}")).await;
    let dir = temp_dir("round_trip");
    let schema = dir.join("schema.yaml");
    common::run_pgdrift(&["inspect", "--db", &db.url, "--out", s(&dir)], None, &[]).assert_code(0);
    let text = std::fs::read_to_string(&schema).expect("schema.yaml");
    for needle in [
        "row_level_security: true",
        "force_row_level_security: true",
        "own_profile:",
        "permissive: false",
        "column_grants:",
        "default_privileges:",
        "schema_grants:",
    ] {
        assert!(text.contains(needle), "{needle} missing from\n{text}");
    }
    assert!(!text.contains("unsupported"), "{text}");
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "--db", db.url.as_str(), "--no-cache"];
        args.extend_from_slice(extra);
        common::run_pgdrift(&args, Some(&dir), &[])
    };
    check(&[]).assert_code(0);
    let out = common::run_pgdrift(
        &[
            "squash",
            "--verify",
            "--dev-url",
            &db.server_url(),
            "--out",
            "squash.sql",
        ],
        Some(&dir),
        &[],
    );
    out.assert_code(0);
    assert!(
        out.stderr.contains("verified: 0 differences"),
        "{}",
        out.stderr
    );
    let sql = std::fs::read_to_string(dir.join("squash.sql")).expect("squash.sql");
    let (rls, grant) = (sql.find("ENABLE ROW LEVEL SECURITY"), sql.find("GRANT "));
    assert!(rls.is_some() && grant.is_some() && rls < grant, "{sql}");

    // Drift on the live side: each an error in its category.
    db.exec(
        "ALTER TABLE posts DISABLE ROW LEVEL SECURITY;
             DROP POLICY same_org ON profiles;
             ALTER POLICY read_public ON posts USING (true);
             REVOKE SELECT ON posts FROM pgdrift_pol_anon;
             GRANT DELETE ON auth.users TO pgdrift_pol_anon;",
    )
    .await;
    let out = check(&["--format", "json"]);
    out.assert_code(1);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("json report");
    let changes = report["changes"].as_array().cloned().unwrap_or_default();
    let found = |category: &str, name: &str| {
        changes.iter().any(|c| {
            c["category"] == category && c["object"]["name"] == name && c["severity"] == "error"
        })
    };
    assert!(found("policy", "posts"), "{changes:#?}");
    assert!(found("policy", "same_org"), "{changes:#?}");
    assert!(found("policy", "read_public"), "{changes:#?}");
    assert!(found("privilege", "table posts"), "{changes:#?}");
    assert!(found("privilege", "table auth.users"), "{changes:#?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// On a throw-away cluster the roles a squash grants to do not exist; `--verify` creates them
/// (NOLOGIN) there, and only there.
#[tokio::test]
async fn squash_verify_on_ephemeral_creates_roles() {
    let dir = temp_dir("ephemeral");
    std::fs::write(
        dir.join("schema.yaml"),
        "tables:
  notes:
    columns: {id: bigint, body: text}
    row_level_security: true
    policies:
      mine: {roles: [pgdrift_pol_nobody_yet], using: id > 0}
    grants: {pgdrift_pol_nobody_yet: [select, insert]}
",
    )
    .expect("write schema.yaml");
    let out = common::run_pgdrift(
        &[
            "squash",
            "--verify",
            "--dev-url",
            "ephemeral",
            "--out",
            "squash.sql",
        ],
        Some(&dir),
        &[],
    );
    out.assert_code(0);
    assert!(
        out.stderr.contains("verified: 0 differences"),
        "{}",
        out.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Grants on a `SECURITY DEFINER` function, an overload, a type and a view's column: inspected,
/// clean; a lost `REVOKE ... FROM PUBLIC` is drift, planned and applied back; `--no-privileges`
/// leaves all of it out of check and plan.
#[tokio::test]
async fn routine_and_type_grants_end_to_end() {
    let db = common::test_db("access_routines").await;
    db.exec(&format!(
        "{ROLES}
CREATE SCHEMA app;
CREATE TYPE app.\"Mood é\" AS ENUM ('a');
REVOKE USAGE ON TYPE app.\"Mood é\" FROM PUBLIC;
GRANT USAGE ON TYPE app.\"Mood é\" TO pgdrift_pol_authenticated;
CREATE FUNCTION app.touch() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'select 1';
REVOKE EXECUTE ON FUNCTION app.touch() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.touch() TO pgdrift_pol_service WITH GRANT OPTION;
CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'select a';
CREATE FUNCTION f(a text) RETURNS int LANGUAGE sql AS 'select 1';
REVOKE ALL ON FUNCTION f(text) FROM PUBLIC;
CREATE TABLE t (id int PRIMARY KEY, n int);
CREATE VIEW v AS SELECT id, n FROM t;
GRANT SELECT (n) ON v TO pgdrift_pol_anon;"
    ))
    .await;
    let dir = temp_dir("routines");
    common::run_pgdrift(&["inspect", "--db", &db.url, "--out", s(&dir)], None, &[]).assert_code(0);
    let text = std::fs::read_to_string(dir.join("schema.yaml")).expect("schema.yaml");
    for needle in ["function_grants:", "type_grants:", "view_column_grants:"] {
        assert!(text.contains(needle), "{needle} missing from\n{text}");
    }
    assert!(!text.contains("unsupported"), "{text}");
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--db", db.url.as_str(), "--no-cache"]);
        common::run_pgdrift(&all, Some(&dir), &[])
    };
    run(&["check"]).assert_code(0);

    // The classic: PUBLIC may execute the SECURITY DEFINER function again.
    db.exec("GRANT EXECUTE ON FUNCTION app.touch() TO PUBLIC; GRANT EXECUTE ON FUNCTION f(text) TO pgdrift_pol_anon;")
        .await;
    let out = run(&["check", "--format", "json"]);
    out.assert_code(1);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("json report");
    let names: Vec<String> = report["changes"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter(|c| c["category"] == "privilege" && c["severity"] == "error")
        .filter_map(|c| c["object"]["name"].as_str().map(str::to_string))
        .collect();
    assert_eq!(
        names,
        ["function app.touch()", "function f(text)"],
        "{}",
        out.stdout
    );
    run(&["check", "--no-privileges"]).assert_code(0);
    let plan = run(&["plan", "--no-privileges"]);
    plan.assert_code(0);
    assert!(
        !plan.stdout.contains("REVOKE") && !plan.stdout.contains("GRANT"),
        "{}",
        plan.stdout
    );
    let plan = run(&["plan"]);
    plan.assert_code(0);
    for needle in [
        "REVOKE EXECUTE ON FUNCTION \"app\".\"touch\"() FROM PUBLIC",
        "REVOKE EXECUTE ON FUNCTION \"public\".\"f\"(text) FROM \"pgdrift_pol_anon\"",
    ] {
        assert!(
            plan.stdout.contains(needle),
            "{needle} not in\n{}",
            plan.stdout
        );
    }
    run(&["apply", "--yes"]).assert_code(0);
    run(&["check"]).assert_code(0);
    // Squashed with and without privileges; both verified by the pg_dump witness.
    for (flag, grants) in [(None, true), (Some("--no-privileges"), false)] {
        let mut args = vec!["squash", "--verify", "--dev-url"];
        let server = db.server_url();
        args.push(&server);
        args.extend(["--out", "squash.sql"]);
        args.extend(flag);
        let out = common::run_pgdrift(&args, Some(&dir), &[]);
        out.assert_code(0);
        assert!(
            out.stderr.contains("verified: 0 differences"),
            "{}",
            out.stderr
        );
        let sql = std::fs::read_to_string(dir.join("squash.sql")).expect("squash.sql");
        let revoke = "REVOKE EXECUTE ON FUNCTION \"app\".\"touch\"() FROM PUBLIC";
        assert_eq!(sql.contains(revoke), grants, "{sql}");
        assert_eq!(sql.contains("GRANT "), grants, "{sql}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A role named by a declared grant or policy that the target lacks: `plan` warns, `apply`
/// refuses before running anything (exit 2), both naming the role and its file:line.
#[tokio::test]
async fn missing_role_plan_warns_apply_refuses() {
    let db = common::test_db("access_missing_role").await;
    let dir = temp_dir("missing_role");
    std::fs::write(
        dir.join("schema.yaml"),
        "tables:
  notes:
    columns: {id: bigint, body: text}
    row_level_security: true
    policies:
      mine: {roles: [pgdrift_pol_never_created_b], using: id > 0}
    grants:
      pgdrift_pol_never_created_a: [select]
",
    )
    .expect("write schema.yaml");
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--db", db.url.as_str(), "--no-cache"]);
        common::run_pgdrift(&all, Some(&dir), &[])
    };
    let plan = run(&["plan"]);
    plan.assert_code(0);
    for needle in [
        "schema.yaml:8:7: role pgdrift_pol_never_created_a does not exist",
        "schema.yaml:6:22: role pgdrift_pol_never_created_b does not exist",
    ] {
        assert!(
            plan.stderr.contains(needle),
            "{needle} not in\n{}",
            plan.stderr
        );
    }
    let apply = run(&["apply", "--yes"]);
    apply.assert_code(2);
    assert!(
        apply
            .stderr
            .contains("schema.yaml:8:7: role pgdrift_pol_never_created_a does not exist"),
        "{}",
        apply.stderr
    );
    // Nothing ran: the table is still missing.
    run(&["check"]).assert_code(1);
    let _ = std::fs::remove_dir_all(&dir);
}
