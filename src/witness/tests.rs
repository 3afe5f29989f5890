//! Unit tests of the pg_dump witness that need no database (tests/witness.rs has those).

use super::*;

const DUMP: &str = "--\n-- PostgreSQL database dump\n--\n\n\\restrict AbC123\n\n\
SET statement_timeout = 0;\nSELECT pg_catalog.set_config('search_path', '', false);\n\n\
--\n-- Name: f(); Type: FUNCTION; Schema: public; Owner: -\n--\n\n\
CREATE FUNCTION public.f() RETURNS integer\n    LANGUAGE plpgsql\n    AS $_$\nBEGIN\n  -- one; two\n  RETURN 1; /* $$ */\nEND $_$;\n\n\
CREATE TABLE public.t (\n    a text DEFAULT E'it\\'s; -- not a comment'::text,\n    \"b;c\" integer /* x /* nested */ ; */\n);\n\n\
COMMENT ON TABLE public.t IS 'a; b';\n\n\\unrestrict AbC123\n\n";

#[test]
fn splits_statements_like_postgres() {
    let s = statements(DUMP);
    assert_eq!(s.len(), 3, "{s:#?}");
    assert!(s[0].starts_with("CREATE FUNCTION public.f()"));
    assert!(s[0].contains("-- one; two\n  RETURN 1; /* $$ */\nEND $_$"));
    assert!(s[1].contains("E'it\\'s; -- not a comment'::text"));
    assert!(s[1].contains("\"b;c\" integer \n)"), "{}", s[1]);
    assert_eq!(s[2], "COMMENT ON TABLE public.t IS 'a; b'");
    // A positional parameter is not a dollar quote.
    assert_eq!(
        statements("SELECT $1; SELECT 2"),
        vec!["SELECT $1", "SELECT 2"]
    );
}

#[test]
fn line_normalization_drops_noise() {
    let n = normalize_dump(DUMP);
    assert!(!n.contains("restrict") && !n.contains("SET ") && !n.contains("set_config"));
    assert!(n.starts_with("CREATE FUNCTION public.f()"));
    assert!(!n.contains("\n\n"));
}

#[test]
fn compares_as_multisets() {
    let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let a = v(&["CREATE TABLE a", "GRANT x", "GRANT x", "CREATE TABLE b"]);
    let b = v(&[
        "CREATE TABLE b",
        "GRANT x",
        "CREATE TABLE a",
        "CREATE VIEW v",
    ]);
    assert_eq!(
        differences(&a, &b),
        vec![
            Difference::OnlyInSource("GRANT x".into()),
            Difference::OnlyInRebuilt("CREATE VIEW v".into())
        ]
    );
    assert!(differences(&b, &b).is_empty());
    assert_eq!(
        summary(&differences(&a, &b)),
        "2 statement(s) differ (1 only in the source, 1 only in the rebuilt database)"
    );
}

#[test]
fn renders_readably_and_cuts_huge_statements() {
    let body: Vec<String> = (0..40).map(|i| format!("line {i}")).collect();
    let long = format!("CREATE FUNCTION big() AS $$\n{}\n$$", body.join("\n"));
    let wide = format!("GRANT {}", "x".repeat(500));
    let text = render(&[
        Difference::OnlyInSource(long),
        Difference::OnlyInRebuilt(wide),
    ]);
    assert!(text.starts_with("  source only:  CREATE FUNCTION big() AS $$\n"));
    assert!(text.contains("\n    line 8\n"));
    assert!(!text.contains("line 9\n"));
    assert!(text.contains("… (32 more lines)"));
    assert!(text.contains("  rebuilt only: GRANT xxx"));
    assert!(text.lines().all(|l| l.chars().count() < 230), "{text}");
    let many: Vec<Difference> = (0..105)
        .map(|i| Difference::OnlyInSource(format!("S{i}")))
        .collect();
    assert!(render(&many).ends_with("  … and 5 more statement(s)\n"));
}

#[test]
fn password_goes_to_the_environment_only() {
    let url = DbUrl::parse("postgres://u:s3cret@db.example:6543/app?sslmode=disable").unwrap();
    let pg_dump = PgDump {
        path: PathBuf::from("/nonexistent/pg_dump"),
        major: 16,
        version: "16.4".into(),
    };
    let target = DumpTarget {
        url,
        schemas: Some(vec!["public".into(), "My \"S\"".into()]),
        exclude_tables: vec![QualifiedName::new("public", "alembic_version")],
        no_privileges: false,
    };
    let cmd = command(&pg_dump, &target).unwrap();
    let args: Vec<String> = cmd
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        args,
        vec![
            "--schema-only",
            "--no-owner",
            "--schema=\"public\"",
            "--schema=\"My \"\"S\"\"\"",
            "--exclude-table=\"public\".\"alembic_version\""
        ]
    );
    // The password travels in the environment, and only there; inherited settings are
    // removed (the URL's libpq_env is tested in conn).
    let envs: Vec<_> = cmd.get_envs().collect();
    let pw = envs
        .iter()
        .find(|(k, _)| *k == "PGPASSWORD")
        .and_then(|(_, v)| *v);
    assert_eq!(pw.and_then(|v| v.to_str()), Some("s3cret"));
    assert!(envs.iter().any(|(k, v)| *k == "PGSERVICE" && v.is_none()));
    let err = dump_blocking(&pg_dump, &target).unwrap_err().to_string();
    assert!(!err.contains("s3cret"), "{err}");
}
