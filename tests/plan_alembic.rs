//! `pgdrift plan --format alembic`: the revision's place in the history (the versions folder's
//! head, the refusal of several heads) and, when PGDRIFT_ALEMBIC is set, real Alembic: `alembic
//! upgrade head` converges a drifted database (`check` is clean), `alembic downgrade -1` brings
//! back the schema it had.

mod common;

use std::path::{Path, PathBuf};

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pgdrift-alembic-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("versions")).expect("temp dir");
    dir
}

fn revision_file(id: &str, down: Option<&str>) -> String {
    format!(
        "\"\"\"{id}\"\"\"\nrevision = '{id}'\ndown_revision = {}\nbranch_labels = None\ndepends_on = None\n\n\n\
         def upgrade() -> None:\n    pass\n\n\ndef downgrade() -> None:\n    pass\n",
        down.map(|d| format!("'{d}'")).unwrap_or_else(|| "None".into())
    )
}

fn py_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "py"))
        })
        .count()
}

/// The dump's statements, sorted, so statement order does not matter.
fn sorted_dump(dump: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in dump.lines() {
        cur.push_str(line);
        cur.push('\n');
        if line.trim_end().ends_with(';') {
            out.push(std::mem::take(&mut cur));
        }
    }
    out.push(cur);
    out.sort();
    out
}

/// Several heads in the versions folder: refused before anything is read, exit 2, both named.
#[test]
fn several_heads_are_refused() {
    let dir = scratch_dir("heads");
    let versions = dir.join("versions");
    std::fs::write(versions.join("a_base.py"), revision_file("a", None)).unwrap();
    std::fs::write(versions.join("b_one.py"), revision_file("b", Some("a"))).unwrap();
    std::fs::write(versions.join("c_two.py"), revision_file("c", Some("a"))).unwrap();
    let out = common::run_pgdrift(
        &[
            "plan",
            "--format",
            "alembic",
            "--db",
            "postgresql://nobody@127.0.0.1:1/none",
            "--alembic-dir",
            versions.to_str().unwrap(),
        ],
        Some(&dir),
        &[],
    );
    out.assert_code(2);
    assert!(
        out.stderr.contains("several Alembic heads (b, c)"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("alembic merge heads"), "{}", out.stderr);
    // A merge revision makes one head again: planning gets as far as connecting.
    std::fs::write(
        versions.join("m_merge.py"),
        "revision: str = \"m\"\ndown_revision: Union[str, Sequence[str], None] = (\"b\", \"c\")\n",
    )
    .unwrap();
    let out = common::run_pgdrift(
        &[
            "plan",
            "--format",
            "alembic",
            "--db",
            "postgresql://nobody@127.0.0.1:1/none",
            "--alembic-dir",
            versions.to_str().unwrap(),
        ],
        Some(&dir),
        &[],
    );
    out.assert_code(2);
    assert!(!out.stderr.contains("several"), "{}", out.stderr);
    // The Alembic options are refused with another format.
    let out = common::run_pgdrift(
        &[
            "plan",
            "--db",
            "postgresql://nobody@127.0.0.1:1/none",
            "-m",
            "x",
        ],
        Some(&dir),
        &[],
    );
    out.assert_code(2);
    assert!(
        out.stderr
            .contains("--message only applies to --format alembic"),
        "{}",
        out.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The schema the database has before the revision.
const ORIGINAL: &str = "
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE gene (id bigint PRIMARY KEY, name text NOT NULL, m mood, legacy int);
CREATE TABLE old_stuff (id int PRIMARY KEY, note text);
CREATE VIEW gene_names AS SELECT id, name FROM gene;
INSERT INTO gene VALUES (1, 'BRCA1', 'ok', 7);
INSERT INTO old_stuff VALUES (1, 'x');
";

/// The declared schema.
const DECLARED: &str = "
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE gene (id bigint PRIMARY KEY, full_name text NOT NULL, m mood DEFAULT 'happy',
    symbol varchar(20));
CREATE INDEX gene_symbol ON gene (symbol);
CREATE TABLE stuff (id int PRIMARY KEY, note text);
CREATE TABLE sample (id bigint PRIMARY KEY, gene_id bigint REFERENCES gene (id), label text);
CREATE VIEW gene_names AS SELECT id, full_name, symbol FROM gene;
COMMENT ON TABLE sample IS 'it''s 100% a sample: :not_a_bind';
";

const INI: &str = "[alembic]\nscript_location = %(here)s\n\n[loggers]\nkeys = root\n\n[handlers]\nkeys = console\n\n\
     [formatters]\nkeys = generic\n\n[logger_root]\nlevel = WARN\nhandlers = console\n\n\
     [handler_console]\nclass = StreamHandler\nargs = (sys.stderr,)\nlevel = NOTSET\nformatter = generic\n\n\
     [formatter_generic]\nformat = %%(levelname)s %%(message)s\n";

const ENV_PY: &str = "import os\nfrom alembic import context\nfrom sqlalchemy import create_engine\n\n\
     url = os.environ[\"PGDRIFT_TEST_SQLALCHEMY_URL\"]\n\
     if context.is_offline_mode():\n    \
     context.configure(url=url, target_metadata=None, literal_binds=True)\n    \
     with context.begin_transaction():\n        context.run_migrations()\n\
     else:\n    \
     engine = create_engine(url)\n    \
     with engine.connect() as connection:\n        \
     context.configure(connection=connection, target_metadata=None, transactional_ddl=True)\n        \
     with context.begin_transaction():\n            context.run_migrations()\n";

/// Runs alembic in `project` against `url`; panics with its output on failure.
fn alembic(bin: &str, project: &Path, url: &str, args: &[&str]) -> String {
    let sa_url = url
        .replacen("postgresql://", "postgresql+psycopg2://", 1)
        .replacen("postgres://", "postgresql+psycopg2://", 1);
    let out = std::process::Command::new(bin)
        .args(["-c", project.join("alembic.ini").to_str().unwrap()])
        .args(args)
        .env("PGDRIFT_TEST_SQLALCHEMY_URL", &sa_url)
        .current_dir(project)
        .output()
        .expect("running alembic");
    assert!(
        out.status.success(),
        "alembic {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Declared project for [`DECLARED`], written by `inspect` from a database built from it, with
/// the renames declared (`stuff` was `old_stuff`, `gene.full_name` was `name`).
async fn declared_project(dir: &Path) -> PathBuf {
    let b = common::test_db("alembic_declared").await;
    b.exec(DECLARED).await;
    let project = dir.join("project");
    common::run_pgdrift(
        &[
            "inspect",
            "--db",
            &b.url,
            "--out",
            project.to_str().unwrap(),
        ],
        None,
        &[],
    )
    .assert_code(0);
    b.drop_now().await;
    let file = project.join("schema.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    let renamed = yaml
        .replacen(
            "  stuff:\n    columns:\n",
            "  stuff:\n    renamed_from: old_stuff\n    columns:\n",
            1,
        )
        .replacen(
            "      full_name:\n",
            "      full_name:\n        renamed_from: name\n",
            1,
        );
    assert_eq!(renamed.matches("renamed_from").count(), 2, "{yaml}");
    std::fs::write(&file, renamed).unwrap();
    project
}

fn project_args(project: &Path) -> Vec<String> {
    vec![
        "--schema-file".into(),
        project.join("schema.yaml").display().to_string(),
        "--views".into(),
        project.join("views").display().to_string(),
    ]
}

#[tokio::test]
async fn alembic_upgrade_converges_and_downgrade_restores() {
    let Some(bin) = std::env::var("PGDRIFT_ALEMBIC")
        .ok()
        .filter(|s| !s.is_empty())
    else {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED alembic_upgrade_converges_and_downgrade_restores: PGDRIFT_ALEMBIC is not set (.ci/run sets it when pip can install alembic and psycopg2-binary)"
        );
        return;
    };
    let dir = scratch_dir("e2e");
    let versions = dir.join("versions");
    std::fs::write(dir.join("alembic.ini"), INI).unwrap();
    std::fs::write(dir.join("env.py"), ENV_PY).unwrap();
    std::fs::write(
        versions.join("base0001_base.py"),
        revision_file("base0001", None),
    )
    .unwrap();
    let project = declared_project(&dir).await;
    let live = common::test_db("alembic_live").await;
    live.exec(ORIGINAL).await;
    alembic(&bin, &dir, &live.url, &["upgrade", "head"]);
    let original = sorted_dump(&common::dump_schema(&live.url));

    let mut args: Vec<String> = ["plan", "--format", "alembic", "--online", "--db", &live.url]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(project_args(&project));
    args.extend(["--alembic-dir".into(), versions.display().to_string()]);
    args.extend([
        "-m".into(),
        "converge \"gene\" to the declared schema".into(),
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = common::run_pgdrift(&args, None, &[]);
    out.assert_code(0);
    let written: Vec<PathBuf> = std::fs::read_dir(&versions)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.ends_with("base0001_base.py") && p.extension().is_some_and(|x| x == "py"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}\n{}", out.stderr);
    let name = written[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        name.ends_with("_converge_gene_to_the_declared_schema.py"),
        "{name}"
    );
    let text = std::fs::read_to_string(&written[0]).unwrap();
    assert!(text.contains("down_revision = \"base0001\""), "{text}");
    let (upgrade, downgrade) = text.split_once("def downgrade").unwrap();
    assert!(upgrade.contains("autocommit_block()"), "{text}");
    assert!(upgrade.contains("CREATE INDEX CONCURRENTLY"), "{text}");
    assert!(!upgrade.contains("alembic_version"), "{text}");
    assert!(downgrade.contains("# WARNING: loses data"), "{text}");
    assert!(
        downgrade.contains("DROP TABLE \"public\".\"sample"),
        "{text}"
    );

    // Offline mode prints the statements verbatim, the autocommit block as COMMIT and BEGIN.
    let offline = alembic(
        &bin,
        &dir,
        &live.url,
        &["upgrade", "base0001:head", "--sql"],
    );
    assert!(
        offline.contains(
            "COMMENT ON TABLE \"public\".\"sample\" IS 'it''s 100% a sample: :not_a_bind';"
        ),
        "{offline}"
    );
    assert!(offline.contains("CREATE INDEX CONCURRENTLY"), "{offline}");

    alembic(&bin, &dir, &live.url, &["upgrade", "head"]);
    // Converged: nothing to plan, no revision written.
    let again = common::run_pgdrift(&args, None, &[]);
    again.assert_code(0);
    assert!(
        again.stderr.contains("No revision written"),
        "{}",
        again.stderr
    );
    assert_eq!(py_files(&versions), 2);
    let mut check: Vec<String> = vec!["check".into(), "--db".into(), live.url.clone()];
    check.extend(project_args(&project));
    check.extend(["--ignore".into(), "table:alembic_version=alembic's".into()]);
    let check: Vec<&str> = check.iter().map(String::as_str).collect();
    common::run_pgdrift(&check, None, &[]).assert_code(0);

    alembic(&bin, &dir, &live.url, &["downgrade", "-1"]);
    assert_eq!(sorted_dump(&common::dump_schema(&live.url)), original);
    let row = live
        .client()
        .await
        .query_one("SELECT name FROM gene WHERE id = 1", &[])
        .await
        .unwrap();
    assert_eq!(row.get::<_, String>(0), "BRCA1");
    // Without --alembic-dir: the revision revises the database's alembic_version, on stdout.
    let stdout_args: Vec<&str> = args
        .iter()
        .copied()
        .filter(|a| *a != "--alembic-dir" && !a.ends_with("versions"))
        .collect();
    let out = common::run_pgdrift(&stdout_args, None, &[]);
    out.assert_code(0);
    assert!(
        out.stdout.contains("down_revision = \"base0001\""),
        "{}",
        out.stdout
    );
    assert_eq!(py_files(&versions), 2);
    let _ = std::fs::remove_dir_all(&dir);
}
