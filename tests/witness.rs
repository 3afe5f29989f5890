//! The pg_dump witness (`pgdrift::witness`) against a real PostgreSQL: two databases built from
//! the same SQL dump identically; an object pgdrift's model does not hold (a function, a
//! trigger, a grant) is invisible to the model but not to the witness; passwords never show.

mod common;

use pgdrift::app::{self, Source};
use pgdrift::conn::DbUrl;
use pgdrift::diff::{Category, Presence};
use pgdrift::witness::{self, Difference, DumpTarget};

/// Tables, an index, a view, a comment, an enum: what the model holds.
const MODELLED: &str = "
CREATE TYPE mood AS ENUM ('ok', 'bad');
CREATE TABLE gene (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE,
  mood mood DEFAULT 'ok', note text CHECK (note <> ''));
CREATE INDEX gene_lower ON gene (lower(name));
CREATE VIEW gene_names AS SELECT name FROM gene WHERE note IS NOT NULL;
COMMENT ON TABLE gene IS 'genes; one per row';
";

/// What it does not hold: a plpgsql function (with `;` and `--` inside its body), a trigger
/// calling it, a grant.
const UNMODELLED: &str = "
CREATE FUNCTION w_bump_note() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  -- a comment; with a semicolon
  NEW.note := coalesce(NEW.note, '') || ';';
  RETURN NEW;
END $body$;
CREATE TRIGGER gene_bump BEFORE UPDATE ON gene FOR EACH ROW EXECUTE FUNCTION w_bump_note();
GRANT SELECT ON gene TO PUBLIC;
";

fn target(db: &common::TestDb) -> DumpTarget {
    DumpTarget::whole(DbUrl::parse(&db.url).expect("test URL"))
}

#[tokio::test]
async fn same_sql_same_dump_and_unmodelled_objects_are_seen() {
    let pg_dump = common::pg_dump();
    assert!(pg_dump.major >= common::server_major(), "{pg_dump:?}");
    let a = common::test_db("witness_a").await;
    let b = common::test_db("witness_b").await;
    let c = common::test_db("witness_c").await;
    a.exec(MODELLED).await;
    a.exec(UNMODELLED).await;
    b.exec(MODELLED).await;
    b.exec(UNMODELLED).await;
    c.exec(MODELLED).await;

    // The same SQL: no difference, although the two databases' OIDs and names differ.
    let same = witness::compare_databases(&pg_dump, &target(&a), &target(&b))
        .await
        .expect("dumping a and b");
    assert_eq!(same, vec![]);
    let statements = witness::statements(&witness::dump(&pg_dump, &target(&a)).await.unwrap());
    let function = statements
        .iter()
        .find(|s| s.starts_with("CREATE FUNCTION public.w_bump_note()"))
        .expect("the function is one statement");
    assert!(
        function.contains("-- a comment; with a semicolon"),
        "{function}"
    );
    assert!(statements
        .iter()
        .all(|s| !s.starts_with("SET ") && !s.starts_with('\\') && !s.starts_with("--")));

    // pgdrift's model sees the function, the trigger and the grant as missing from c (it
    // models them all now) ...
    let cmp = app::compare(
        &Source::Db(DbUrl::parse(&a.url).unwrap()),
        &Source::Db(DbUrl::parse(&c.url).unwrap()),
        None,
        &[],
    )
    .await
    .expect("comparing a and c");
    assert!(
        cmp.changes
            .iter()
            .all(|c| c.presence == Presence::Missing || c.category == Category::Privilege),
        "{:?}",
        cmp.changes
    );
    // ... the witness sees exactly the three unmodelled statements, on the source's side.
    let diff = witness::compare_databases(&pg_dump, &target(&a), &target(&c))
        .await
        .expect("dumping a and c");
    let only_in_a: Vec<&str> = diff
        .iter()
        .map(|d| match d {
            Difference::OnlyInSource(s) => s.as_str(),
            Difference::OnlyInRebuilt(s) => panic!("only in c: {s}"),
        })
        .collect();
    assert_eq!(only_in_a.len(), 3, "{only_in_a:#?}");
    assert!(only_in_a[0].starts_with("CREATE FUNCTION public.w_bump_note() RETURNS trigger"));
    assert_eq!(
        only_in_a[1],
        "CREATE TRIGGER gene_bump BEFORE UPDATE ON public.gene FOR EACH ROW EXECUTE FUNCTION public.w_bump_note()"
    );
    assert_eq!(only_in_a[2], "GRANT SELECT ON TABLE public.gene TO PUBLIC");
    // The other way round, the same statements are on the other side.
    let reverse = witness::compare_databases(&pg_dump, &target(&c), &target(&a))
        .await
        .unwrap();
    assert_eq!(reverse.len(), 3);
    assert!(reverse
        .iter()
        .all(|d| matches!(d, Difference::OnlyInRebuilt(_))));
    let text = witness::render(&diff);
    assert!(text.contains("  source only:  GRANT SELECT ON TABLE public.gene TO PUBLIC;"));
    assert_eq!(
        witness::summary(&diff),
        "3 statement(s) differ (3 only in the source, 0 only in the rebuilt database)"
    );

    // A schema selection dumps only those schemas.
    a.exec("CREATE SCHEMA side; CREATE FUNCTION side.f() RETURNS int LANGUAGE sql AS 'SELECT 1';")
        .await;
    let mut public_only = target(&a);
    public_only.schemas = Some(vec!["public".into()]);
    let mut b_public = target(&b);
    b_public.schemas = Some(vec!["public".into()]);
    let selected = witness::compare_databases(&pg_dump, &public_only, &b_public)
        .await
        .unwrap();
    assert_eq!(selected, vec![]);
    let whole = witness::compare_databases(&pg_dump, &target(&a), &target(&b))
        .await
        .unwrap();
    assert!(
        whole.iter().any(|d| d.statement() == "CREATE SCHEMA side"),
        "{whole:#?}"
    );
}

#[tokio::test]
async fn passwords_never_show_in_errors() {
    let pg_dump = common::pg_dump();
    let secret = "s3cr3t-Pa55";
    // Nobody listens on port 1: pg_dump fails to connect.
    let url = DbUrl::parse(&format!("postgres://someone:{secret}@127.0.0.1:1/nowhere")).unwrap();
    let err = witness::dump(&pg_dump, &DumpTarget::whole(url.clone()))
        .await
        .expect_err("nothing listens on port 1");
    let text = err.to_string();
    assert!(!text.contains(secret), "{text}");
    assert!(text.contains("someone:***@127.0.0.1:1/nowhere"), "{text}");
    assert!(text.contains("pg_dump"), "{text}");
    assert!(!format!("{err:?}").contains(secret));

    // A real server, a database that does not exist: pg_dump's own message comes through, still
    // without the password (the throw-away server trusts; one that checks passwords refuses it).
    let db = common::test_db("witness_pw").await;
    let config = DbUrl::parse(&db.server_url()).unwrap().config().unwrap();
    let Some(tokio_postgres::config::Host::Tcp(host)) = config.get_hosts().first() else {
        return; // a Unix-socket DATABASE_URL: the port-1 case above stands
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user().unwrap_or("postgres");
    let missing = DbUrl::parse(&format!(
        "postgres://{user}:{secret}@{host}:{port}/no_such_db_{}",
        std::process::id()
    ))
    .unwrap();
    let err = witness::dump(&pg_dump, &DumpTarget::whole(missing))
        .await
        .expect_err("the database does not exist");
    let text = err.to_string();
    assert!(
        text.contains("does not exist") || text.contains("password authentication failed"),
        "{text}"
    );
    assert!(!text.contains(secret), "{text}");
}
