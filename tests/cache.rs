//! The normalization cache against a real PostgreSQL: after editing one table, `check` creates
//! only what changed in the scratch database (observable through `PGDRIFT_TRACE=1`; an edited or
//! new view too, with the relations its text names, and a new table), and every
//! change of a dependency (a domain, a function, a column type under a view, an enum's labels)
//! is reported exactly as `--no-cache` reports it. A corrupt cache falls back to a full run.

mod common;

use std::path::{Path, PathBuf};

/// A project of `n` tables `t00 …`, each with a foreign key to the one before, the live
/// database built from the same declaration, and a cache folder of its own.
struct Project {
    dir: PathBuf,
    cache: PathBuf,
    db: common::TestDb,
}

const TABLES: usize = 40;

/// The tables, with the default of `n` in table `t<i>` set as `defaults` says (else 0).
fn tables_yaml(defaults: &[(usize, &str)]) -> String {
    let mut y = String::from("tables:\n");
    for i in 0..TABLES {
        let default = defaults
            .iter()
            .find(|(t, _)| *t == i)
            .map_or("0", |(_, d)| *d);
        y.push_str(&format!(
            "  t{i:02}:\n    columns:\n      id: {{type: bigint, nullable: false}}\n      n: {{type: integer, default: {default}}}\n    primary_key: [id]\n"
        ));
        if i > 0 {
            y.push_str(&format!(
                "    foreign_keys:\n      t{i:02}_prev_fk: {{columns: [id], references: t{:02}(id)}}\n",
                i - 1
            ));
        }
    }
    y
}

fn tables_sql() -> String {
    let mut sql = String::new();
    for i in 0..TABLES {
        sql.push_str(&format!(
            "CREATE TABLE t{i:02} (id bigint NOT NULL PRIMARY KEY, n integer DEFAULT 0);\n"
        ));
        if i > 0 {
            sql.push_str(&format!(
                "ALTER TABLE t{i:02} ADD CONSTRAINT t{i:02}_prev_fk FOREIGN KEY (id) REFERENCES t{:02}(id);\n",
                i - 1
            ));
        }
    }
    sql
}

impl Project {
    /// Just the tables, and `views` (`(file, body)`); `sql` builds the live side of what a test
    /// adds to them.
    async fn new(hint: &str, views: &[(&str, &str)], sql: &str) -> Project {
        let dir = common::temp_dir("cache", hint);
        let db = common::test_db(hint).await;
        db.exec(&format!("{}{sql}", tables_sql())).await;
        let p = Project {
            cache: dir.join("cache"),
            dir,
            db,
        };
        p.write(&tables_yaml(&[]), views);
        p
    }

    fn write(&self, yaml: &str, views: &[(&str, &str)]) {
        std::fs::write(self.dir.join("schema.yaml"), yaml).expect("schema.yaml");
        let vdir = self.dir.join("views");
        let _ = std::fs::remove_dir_all(&vdir);
        std::fs::create_dir_all(&vdir).expect("views");
        for (file, body) in views {
            std::fs::write(vdir.join(file), body).expect("view file");
        }
    }

    /// `check` with the cache; returns the output and the trace line.
    fn check(&self, extra: &[&str]) -> (common::Output, String) {
        let mut args = vec!["check", "--db", &self.db.url];
        args.extend_from_slice(extra);
        let cache = self.cache.to_string_lossy().to_string();
        let env = [
            ("PGDRIFT_CACHE_DIR", cache.as_str()),
            ("PGDRIFT_TRACE", "1"),
        ];
        let out = common::run_pgdrift(&args, Some(&self.dir), &env);
        let trace = out
            .stderr
            .lines()
            .find(|l| l.starts_with("pgdrift: normalized"))
            .unwrap_or_default()
            .to_string();
        (out, trace)
    }

    /// Checks `before` (no drift: the live side is built from it), then `after` (drift), each
    /// with and without the cache; returns the cached run of `after` and its trace.
    fn edit(&self, before: &str, after: &str, views: &[(&str, &str)]) -> (common::Output, String) {
        self.write(before, views);
        self.check_both().0.assert_code(0);
        self.write(after, views);
        let (out, trace) = self.check_both();
        if before != after {
            out.assert_code(1);
        }
        (out, trace)
    }

    /// Checks with the cache, then with `--no-cache`: both must give the same output byte for
    /// byte; returns the cached run's output and trace.
    fn check_both(&self) -> (common::Output, String) {
        let (cached, trace) = self.check(&[]);
        let (fresh, _) = self.check(&["--no-cache"]);
        // Errors too, but for the trace lines.
        let errors = |o: &common::Output| {
            let trace = |l: &&str| l.starts_with("pgdrift: ") || l.starts_with("pgdrift trace: ");
            let lines = o.stderr.lines().filter(|l| !trace(l));
            lines.collect::<Vec<_>>().join("\n")
        };
        assert_eq!(
            (cached.code, &cached.stdout, errors(&cached)),
            (fresh.code, &fresh.stdout, errors(&fresh)),
            "cached and --no-cache checks differ\n--- cached stderr ---\n{}",
            cached.stderr
        );
        (cached, trace)
    }
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn editing_one_table_normalizes_only_it_and_reports_the_edit() {
    let view = ("v.sql", "CREATE VIEW v AS SELECT id, n FROM t07;\n");
    let p = Project::new("edit", &[view], "CREATE VIEW v AS SELECT id, n FROM t07;").await;
    let (out, trace) = p.check(&[]);
    out.assert_code(0);
    assert_eq!(trace, "pgdrift: normalized 41 of 41 objects (0 cached)");
    let (out, trace) = p.check(&[]);
    out.assert_code(0);
    assert_eq!(
        trace,
        "pgdrift: normalized 0 objects (the whole project is cached)"
    );

    // One default of the one table nothing else reads: only that table is created again.
    p.write(&tables_yaml(&[(39, "5")]), &[view]);
    let (out, trace) = p.check_both();
    out.assert_code(1);
    assert_eq!(trace, "pgdrift: normalized 1 of 41 objects (40 cached)");
    assert!(out
        .stdout
        .contains("column t39.n: default is 5 in the declaration but 0"));
    assert!(out.stdout.contains("drift: 1 difference"), "{}", out.stdout);

    // A table a view reads and another table points at: the table, the view over it and the
    // table whose foreign key resolves against it.
    p.write(&tables_yaml(&[(39, "5"), (7, "7")]), &[view]);
    let (out, trace) = p.check_both();
    out.assert_code(1);
    assert_eq!(trace, "pgdrift: normalized 3 of 41 objects (38 cached)");
    assert!(out
        .stdout
        .contains("column t07.n: default is 7 in the declaration but 0"));
    assert!(
        out.stdout.contains("drift: 2 differences"),
        "{}",
        out.stdout
    );

    // A default PostgreSQL rejects: the incremental run fails in the scratch database, and the
    // whole project is normalized again to report it exactly as without the cache.
    p.write(&tables_yaml(&[(39, "no_such_function()")]), &[view]);
    let (out, _) = p.check_both();
    out.assert_code(2);
    assert!(out.stderr.contains("t39"), "{}", out.stderr);

    // A changed view file: created again with the relations its text names (t07).
    let wider = (
        "v.sql",
        "CREATE VIEW v AS SELECT id, n, n + 1 AS m FROM t07;\n",
    );
    p.write(&tables_yaml(&[(39, "5"), (7, "7")]), &[wider]);
    let (out, trace) = p.check_both();
    out.assert_code(1);
    assert_eq!(trace, "pgdrift: normalized 1 of 41 objects (40 cached)");
}

#[tokio::test]
async fn an_edited_or_new_view_is_created_with_what_its_text_names_and_its_dependents() {
    let v1 = ("v1.sql", "CREATE VIEW v1 AS SELECT id, n FROM t05;\n");
    let v2 = ("v2.sql", "CREATE VIEW v2 AS SELECT id FROM v1;\n");
    let live = "CREATE VIEW v1 AS SELECT id, n FROM t05; CREATE VIEW v2 AS SELECT id FROM v1;";
    let p = Project::new("views", &[v1, v2], live).await;
    let (out, trace) = p.check(&[]);
    out.assert_code(0);
    assert_eq!(trace, "pgdrift: normalized 42 of 42 objects (0 cached)");

    // v1 now reads another table too: v1 and the view over it are created again (with t05,
    // t06 and v1 to read), the tables come from the cache.
    let joined = (
        "v1.sql",
        "CREATE VIEW v1 AS SELECT t05.id, t06.n FROM t05 JOIN t06 USING (id);\n",
    );
    p.write(&tables_yaml(&[]), &[joined, v2]);
    let (out, trace) = p.check_both();
    out.assert_code(1);
    assert_eq!(trace, "pgdrift: normalized 2 of 42 objects (40 cached)");
    assert!(out.stdout.contains("v1"), "{}", out.stdout);

    // A new view over a table and a view: only it is created.
    let v3 = (
        "v3.sql",
        "CREATE VIEW v3 AS SELECT v2.id FROM v2 JOIN t10 USING (id);\n",
    );
    p.write(&tables_yaml(&[]), &[joined, v2, v3]);
    let (out, trace) = p.check_both();
    out.assert_code(1);
    assert_eq!(
        trace, "pgdrift: normalized 1 of 43 objects (42 cached)",
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("v3"), "{}", out.stdout);

    // The table under v1 changes: the table, the tables whose keys point at it, v1 and v2 and v3.
    p.write(&tables_yaml(&[(6, "6")]), &[joined, v2, v3]);
    let (out, trace) = p.check_both();
    out.assert_code(1);
    assert!(
        out.stdout.contains("column t06.n: default is 6"),
        "{}",
        out.stdout
    );
    assert_eq!(trace, "pgdrift: normalized 5 of 43 objects (38 cached)");

    // A new table: created, and so are the views whose text holds its name (`t0` is in
    // `t05`: what a name resolves to may have changed) and the views reading those.
    let extra = "  t0:\n    columns:\n      id: bigint\n";
    p.write(
        &format!("{}{extra}", tables_yaml(&[(6, "6")])),
        &[joined, v2, v3],
    );
    let (out, trace) = p.check_both();
    out.assert_code(1);
    assert!(out.stdout.contains("t0"), "{}", out.stdout);
    assert_eq!(trace, "pgdrift: normalized 4 of 44 objects (40 cached)");
}

#[tokio::test]
async fn a_changed_domain_under_a_column_is_not_served_stale() {
    let yaml = "domains:\n  pos: {type: integer, checks: {pos_check: \"VALUE > 0\"}}\n";
    let sql = "CREATE DOMAIN pos AS integer CONSTRAINT pos_check CHECK (VALUE > 0); CREATE TABLE uses_pos (p pos);";
    let table = "  uses_pos:\n    columns:\n      p: pos\n";
    let p = Project::new("domain", &[], sql).await;
    let full = |dom: &str| format!("{}{table}{dom}", tables_yaml(&[]));
    let after = full(&yaml.replace("> 0", ">= 0"));
    let (out, _) = p.edit(&full(yaml), &after, &[]);
    assert!(out.stdout.contains("domain pos"), "{}", out.stdout);
}

#[tokio::test]
async fn a_changed_function_under_a_view_is_not_served_stale() {
    let f = "CREATE FUNCTION twice(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x * 2 $$;\n";
    let body = "CREATE VIEW w AS SELECT id, twice(n) AS n2 FROM t03;\n";
    let p = Project::new("function", &[], &format!("{f}{body}")).await;
    let fdir = p.dir.join("functions");
    std::fs::create_dir_all(&fdir).expect("functions");
    std::fs::write(fdir.join("twice.sql"), f).expect("function file");
    let yaml = tables_yaml(&[]);
    p.edit(&yaml, &yaml, &[("w.sql", body)]);
    std::fs::write(fdir.join("twice.sql"), f.replace("x * 2", "x * 3")).expect("function file");
    let (out, _) = p.check_both();
    out.assert_code(1);
    assert!(out.stdout.contains("twice"), "{}", out.stdout);
}

#[tokio::test]
async fn a_changed_column_type_under_a_view_is_not_served_stale() {
    // Over varchar the IN list deparses with casts; over text it does not: the view's normalized
    // text changes although its file did not.
    let table = "  st:\n    columns:\n      status: varchar(10)\n";
    let body = "CREATE VIEW sv AS SELECT status FROM st WHERE status IN ('a', 'b');\n";
    let p = Project::new(
        "coltype",
        &[],
        &format!("CREATE TABLE st (status varchar(10)); {body}"),
    )
    .await;
    let before = format!("{}{table}", tables_yaml(&[]));
    let after = before.replace("varchar(10)", "text");
    let (out, trace) = p.edit(&before, &after, &[("sv.sql", body)]);
    assert_eq!(trace, "pgdrift: normalized 2 of 42 objects (40 cached)");
    assert!(out.stdout.contains("st.status"), "{}", out.stdout);
}

#[tokio::test]
async fn a_changed_enum_under_a_column_is_not_served_stale() {
    let yaml = "enums:\n  mood: [sad, ok]\n";
    let table = "  moods:\n    columns:\n      m: {type: mood, default: \"'ok'::mood\"}\n";
    let sql =
        "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE moods (m mood DEFAULT 'ok'::mood);";
    let p = Project::new("enum", &[], sql).await;
    let full = |e: &str| format!("{e}{}{table}", tables_yaml(&[]));
    let (out, _) = p.edit(&full(yaml), &full(&yaml.replace("ok]", "ok, happy]")), &[]);
    assert!(out.stdout.contains("happy"), "{}", out.stdout);
}

#[tokio::test]
async fn a_truncated_cache_falls_back_to_a_full_run() {
    let p = Project::new("corrupt", &[], "").await;
    let (out, _) = p.check(&[]);
    out.assert_code(0);
    let files = cache_files(&p.cache);
    assert!(files.len() >= 2, "{files:?}");
    for f in files {
        let bytes = std::fs::read(&f).expect("cache file");
        std::fs::write(&f, &bytes[..bytes.len() / 2]).expect("truncate");
    }
    p.write(&tables_yaml(&[(7, "3")]), &[]);
    let (out, trace) = p.check_both();
    out.assert_code(1);
    assert_eq!(trace, "pgdrift: normalized 40 of 40 objects (0 cached)");
    assert!(out.stdout.contains("t07"), "{}", out.stdout);
}

#[tokio::test]
async fn settled_fixpoints_of_a_migration_built_database_are_cached() {
    // Built by "migrations" from hand-written SQL; the declared file holds what the database
    // prints (as `inspect` writes it), which prints differently once created again.
    let sql = "CREATE TABLE st (status varchar(10));
        CREATE VIEW vals AS SELECT * FROM (VALUES (1), (2)) AS x(a);
        CREATE VIEW sv AS SELECT status FROM st WHERE status IN ('a', 'b');";
    let p = Project::new("settle", &[], sql).await;
    let client = p.db.client().await;
    let mut views = Vec::new();
    for v in ["vals", "sv"] {
        let row = client
            .query_one("SELECT pg_get_viewdef($1::text::regclass, true)", &[&v])
            .await
            .expect("viewdef");
        let body: String = row.get(0);
        views.push((format!("{v}.sql"), format!("CREATE VIEW {v} AS\n{body}\n")));
    }
    let views: Vec<(&str, &str)> = views
        .iter()
        .map(|(f, b)| (f.as_str(), b.as_str()))
        .collect();
    let yaml = format!(
        "{}  st:\n    columns:\n      status: varchar(10)\n",
        tables_yaml(&[])
    );
    p.write(&yaml, &views);
    // The first check settles what differs only by deparsing: PostgreSQL's text of `sv` is not
    // at its fixpoint, while the declared side is created at it (every emitter settles its
    // expressions), so the declared view needs no settling of its own.
    let (out, _) = p.check(&[]);
    out.assert_code(0);
    // Unchanged project, unchanged database: no scratch database at all.
    let (out, trace) = p.check_both();
    out.assert_code(0);
    assert_eq!(
        trace,
        "pgdrift: normalized 0 objects (the whole project is cached)"
    );
    assert!(
        !out.stderr.contains("pgdrift trace: scratch database"),
        "an unchanged project made a scratch database:\n{}",
        out.stderr
    );
    // An edit elsewhere keeps the other objects and the view's fixpoint cached; the edited
    // default is settled in the scratch database that holds only the edited table, without a
    // second, full normalization.
    let edited = yaml.replace(&tables_yaml(&[]), &tables_yaml(&[(39, "4")]));
    p.write(&edited, &views);
    let (out, trace) = p.check_both();
    out.assert_code(1);
    assert_eq!(
        trace, "pgdrift: normalized 1 of 43 objects (42 cached)",
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.matches("pgdrift: normalized").count(), 1);
    assert!(
        out.stdout.contains("column t39.n: default is 4"),
        "{}",
        out.stdout
    );
}

/// The whole-project path cuts the declared model down to what is carried onto the read-back
/// before reading it (`normalize::keep_for_finish`): the result must be exactly the unslimmed
/// normalization's, with every declared-only thing (renames of each member kind, column
/// grants, policy roles, table grants) carried.
#[tokio::test]
async fn slimming_the_declared_model_changes_nothing_normalized() {
    use pgdrift::normalize::{self, cache, DevServer, Scratch};
    let db = common::test_db("slim").await;
    db.exec(
        "DO $$ BEGIN CREATE ROLE pgdrift_slim_ro; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
    )
    .await;
    let dir = common::temp_dir("pgdrift-slim", "project");
    let yaml = r#"tables:
  "Orders ü":
    renamed_from: orders_old
    columns:
      id: bigint
      "Total": {type: "numeric(10,2)", renamed_from: total_old, default: "0"}
      note: {type: text, comment: plain}
      code: varchar(8)
    primary_key: [id]
    unique:
      orders_code_key: {columns: [code], renamed_from: old_code_key}
      orders_note_key: [note]
    checks:
      total_positive: {expression: '"Total" >= 0', renamed_from: old_check}
      code_upper: "code = upper(code)"
    foreign_keys:
      orders_parent_fk: {columns: [id], references: {table: parent, columns: [id]}, renamed_from: old_fk}
    indexes:
      orders_note_idx: {columns: [note], renamed_from: old_note_idx}
      orders_lower_idx: {columns: [lower(code)]}
    statistics:
      orders_stats: {columns: [id, code], renamed_from: old_stats}
    grants: {pgdrift_slim_ro: [select]}
    column_grants:
      note: {pgdrift_slim_ro: [update]}
    row_level_security: true
    policies:
      mine: {roles: [pgdrift_slim_ro], using: "id > 0"}
  parent:
    columns:
      id: {type: bigint, identity: always}
    primary_key: [id]
sequence_grants:
  parent_id_seq: {pgdrift_slim_ro: [usage]}
"#;
    std::fs::write(dir.join("schema.yaml"), yaml).expect("write schema.yaml");
    let declared = pgdrift::load::load_project(&dir.join("schema.yaml"), &dir.join("views"))
        .expect("the project loads");
    let dev = DevServer::Url(pgdrift::conn::DbUrl::parse(&db.url).expect("url"));
    let whole = Scratch::create(&dev).await.expect("scratch");
    let expected = normalize::normalize(&declared, &whole)
        .await
        .expect("normalize");
    whole.drop_now().await;
    let slim = Scratch::create(&dev).await.expect("scratch");
    let got = cache::normalize_full(declared, &slim, None)
        .await
        .expect("normalize_full");
    slim.drop_now().await;
    assert_eq!(got, expected);
    let t = &got.tables[&pgdrift::model::QualifiedName::parse("\"Orders ü\"").expect("name")];
    assert_eq!(t.renamed_from.as_deref(), Some("orders_old"));
    assert_eq!(
        t.columns["Total"].renamed_from.as_deref(),
        Some("total_old")
    );
    assert_eq!(
        t.unique["orders_code_key"].renamed_from.as_deref(),
        Some("old_code_key")
    );
    assert_eq!(
        t.checks["total_positive"].renamed_from.as_deref(),
        Some("old_check")
    );
    assert_eq!(
        t.foreign_keys["orders_parent_fk"].renamed_from.as_deref(),
        Some("old_fk")
    );
    assert_eq!(
        t.indexes["orders_note_idx"].renamed_from.as_deref(),
        Some("old_note_idx")
    );
    assert_eq!(
        t.statistics["orders_stats"].renamed_from.as_deref(),
        Some("old_stats")
    );
    assert!(
        t.column_grants.contains_key("note"),
        "{:?}",
        t.column_grants
    );
    assert_eq!(
        t.policies["mine"].roles,
        vec!["pgdrift_slim_ro".to_string()]
    );
    db.drop_now().await;
}

/// A routine is read back on every run, so what calls it from a cached relation must come from
/// the cache: else a plan from an empty database creates the view before the routine it calls
/// (a `BEGIN ATOMIC` routine that reads a view is created after the views).
#[tokio::test]
async fn a_cached_view_calling_a_routine_still_comes_after_it_in_a_plan() {
    let my_orgs = (
        "my_orgs.sql",
        "CREATE VIEW my_orgs AS SELECT id FROM t03;\n",
    );
    let summary = (
        "summary.sql",
        "CREATE VIEW summary AS SELECT n_rows() AS n;\n",
    );
    let routine = "CREATE FUNCTION n_rows() RETURNS bigint LANGUAGE sql STABLE\nBEGIN ATOMIC SELECT count(*) FROM my_orgs; END;\n";
    let live = format!("CREATE VIEW my_orgs AS SELECT id FROM t03;\n{routine}CREATE VIEW summary AS SELECT n_rows() AS n;");
    let p = Project::new("calls", &[my_orgs, summary], &live).await;
    let functions = p.dir.join("functions");
    std::fs::create_dir_all(&functions).expect("functions folder");
    std::fs::write(functions.join("n_rows.sql"), routine).expect("routine file");
    let (out, trace) = p.check(&[]);
    out.assert_code(0);
    assert_eq!(trace, "pgdrift: normalized 42 of 42 objects (0 cached)");

    // The table under my_orgs edited: it, the table pointing at it and my_orgs are created
    // again, the routine too (always), and summary comes from the cache.
    p.write(&tables_yaml(&[(3, "5")]), &[my_orgs, summary]);
    let empty = common::test_db("calls_empty").await;
    let cache = p.cache.to_string_lossy().to_string();
    let env = [
        ("PGDRIFT_CACHE_DIR", cache.as_str()),
        ("PGDRIFT_TRACE", "1"),
    ];
    let out = common::run_pgdrift(&["apply", "--db", &empty.url, "--yes"], Some(&p.dir), &env);
    assert!(
        out.stderr
            .contains("pgdrift: normalized 3 of 42 objects (39 cached)"),
        "{}",
        out.stderr
    );
    out.assert_code(0);
    let check = ["check", "--db", &empty.url, "--no-cache"];
    common::run_pgdrift(&check, Some(&p.dir), &[]).assert_code(0);
}
