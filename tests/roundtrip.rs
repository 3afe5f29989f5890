//! The round-trip corpus: every SQL-defined case of the test corpora, run through pgdrift both
//! ways against a real PostgreSQL.
//!
//! A case is a piece of SQL: each `tests/corpus/converge/<case>/old.sql` and `new.sql`, each
//! `tests/corpus/check/<case>/live.sql`, and each `tests/corpus/roundtrip/<case>/schema.sql`
//! (cases added for coverage; the first line of each says what it covers). For every case:
//!
//! 1. **build**: the SQL runs in a fresh database A;
//! 2. **inspect**: A is inspected into a temporary project folder (all of A's user schemas);
//! 3. **check**: the project shows no drift against A;
//! 4. **plan/apply**: a plan from an empty database B to the project is applied, the project
//!    then shows no drift against B, and `pg_dump --schema-only` of A and B hold the same
//!    statements;
//! 5. **squash**: `squash --verify` of A finds no difference, and the rebuilt database has the
//!    fingerprint the squash records (or differs only in view text PostgreSQL prints differently
//!    once rebuilt, which `squash --verify` reports as a note); not for a convergence case's
//!    `new.sql`, which tests/squash.rs squashes, rebuilds, compares and takes down already;
//! 6. **down**: when every step passed, the squash's down migration runs on B (without CASCADE)
//!    and leaves no user relation, routine or type behind.
//!
//! Where pg_dump of A and B differ, B must still equal A restored from its own dump: PostgreSQL's
//! view deparser is not always a fixpoint, and pgdrift cannot do better than pg_dump there.
//!
//! Objects pgdrift does not model are findings of category `unsupported`. A case that holds some
//! declares them (check cases: the `unsupported ...` lines of `expected`; round-trip cases: an
//! `unsupported` file with the same kind of lines). For such a case step 3 must report exactly
//! those findings and nothing else, step 4 skips the dump comparison (B cannot hold what the
//! project cannot declare), and step 5 must fail verification with only unsupported findings.
//! A case that declares none must report none.
//!
//! A case folder's `min_major` (one number) skips the case, with a note, on older servers.
//!
//! Cases run four at a time, each in its own databases; all failures are reported at once with
//! the case and the step. Cases whose SQL is byte-identical to an earlier case's run once, and a
//! case whose statements all appear in a larger case runs only there (`ROUNDTRIP_ALL=1`: it runs too).
//!
//! Environment:
//! * `ROUNDTRIP_FILTER=text`: only the cases whose id (`converge/add_column/new`,
//!   `check/quoted_names`, `roundtrip/identifiers`) contains `text` (`a,b`: either).
//! * `ROUNDTRIP_KNOWN=1`: also run the cases listed in tests/corpus/roundtrip/KNOWN_FAILURES
//!   (skipped by default with a printed note), and fail if one of them now passes.
//! * `ROUNDTRIP_ALL=1`: also run the cases a larger case covers.
//! * `ROUNDTRIP_TIMING=1`: print each case's time, step by step.
//! * `ROUNDTRIP_PARALLEL=n`: cases at once (default 4).
//! * `ROUNDTRIP_SHOW_PROJECT=1`: a failure also shows the inspected schema.yaml.

mod common;

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use pgdrift::app::{self, CompareOptions, Source};
use pgdrift::apply::{apply_plan, ApplyOptions};
use pgdrift::conn::DbUrl;
use pgdrift::diff::Category;
use pgdrift::normalize::DevServer;
use pgdrift::plan::{self, PlanOptions};
use pgdrift::squash::{self, ViewsOutput};

/// Cases running at once (the machine has two cores; PostgreSQL does most of the work).
const PARALLEL: usize = 4;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// One SQL-defined case.
#[derive(Debug, Clone)]
struct Case {
    /// `converge/<case>/old`, `converge/<case>/new`, `check/<case>`, `roundtrip/<case>`.
    id: String,
    sql: String,
    /// The `unsupported <kind> <name>` findings the case must report (empty: none allowed).
    unsupported: BTreeSet<String>,
    /// What the server must have for the case to run (`extension citext`, `collation und-x-icu`,
    /// from a round-trip case's `requires` file); a case whose needs are missing is skipped.
    requires: Vec<(String, String)>,
    /// The case folder's `min_major`: older servers lack what it uses, so it is skipped there.
    min_major: Option<u32>,
}

fn read_opt(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

fn subdirs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        panic!("no corpus folder {}", dir.display());
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn dir_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The `unsupported <kind> <name>` lines of a case; a check case's lines also carry the
/// presence (`unsupported extra rule r on t`), which the round trip does not compare.
fn unsupported_lines(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix("unsupported "))
        .map(|rest| {
            let rest = ["extra ", "missing ", "changed "]
                .iter()
                .find_map(|p| rest.strip_prefix(p))
                .unwrap_or(rest);
            format!("unsupported {rest}")
        })
        .collect()
}

/// Every case of the three corpora, in a stable order.
fn all_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for dir in subdirs(&corpus().join("converge")) {
        let name = dir_name(&dir);
        for side in ["old", "new"] {
            if let Some(sql) = read_opt(&dir.join(format!("{side}.sql"))) {
                cases.push(Case {
                    id: format!("converge/{name}/{side}"),
                    sql,
                    unsupported: BTreeSet::new(),
                    requires: Vec::new(),
                    min_major: min_major(&dir),
                });
            }
        }
    }
    for dir in subdirs(&corpus().join("check")) {
        if let Some(sql) = read_opt(&dir.join("live.sql")) {
            cases.push(Case {
                id: format!("check/{}", dir_name(&dir)),
                sql,
                unsupported: unsupported_lines(
                    &read_opt(&dir.join("expected")).unwrap_or_default(),
                ),
                requires: Vec::new(),
                min_major: min_major(&dir),
            });
        }
    }
    for dir in subdirs(&corpus().join("roundtrip")) {
        let name = dir_name(&dir);
        let Some(sql) = read_opt(&dir.join("schema.sql")) else {
            panic!("roundtrip/{name} has no schema.sql");
        };
        cases.push(Case {
            id: format!("roundtrip/{name}"),
            sql,
            unsupported: unsupported_lines(&read_opt(&dir.join("unsupported")).unwrap_or_default()),
            requires: requirements(&dir),
            min_major: min_major(&dir),
        });
    }
    cases
}

/// A case folder's `min_major` file (one number), as the check and convergence corpora use it.
fn min_major(dir: &Path) -> Option<u32> {
    let text = read_opt(&dir.join("min_major"))?;
    match text.trim().parse() {
        Ok(m) => Some(m),
        Err(e) => panic!("{}: {e}", dir.join("min_major").display()),
    }
}

/// A round-trip case's `requires` file: `extension NAME` or `collation NAME` per line.
fn requirements(dir: &Path) -> Vec<(String, String)> {
    read_opt(&dir.join("requires"))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(' ') {
            Some((kind, name)) if kind == "extension" || kind == "collation" => {
                (kind.to_string(), name.trim().to_string())
            }
            _ => panic!(
                "{}: `{l}` is not `extension NAME` or `collation NAME`",
                dir.join("requires").display()
            ),
        })
        .collect()
}

/// `case id -> reason` from tests/corpus/roundtrip/KNOWN_FAILURES (`id reason...` per line).
fn known_failures() -> Vec<(String, String)> {
    read_opt(&corpus().join("roundtrip/KNOWN_FAILURES"))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((id, reason)) => (id.to_string(), reason.trim().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// One case

fn url(s: &str) -> Result<DbUrl, String> {
    DbUrl::parse(s).map_err(|e| e.to_string())
}

static DIRS: AtomicU64 = AtomicU64::new(0);

/// A temporary folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(hint: &str) -> TempDir {
        let n = DIRS.fetch_add(1, Ordering::Relaxed);
        let safe: String = hint
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let dir = std::env::temp_dir().join(format!(
            "pgdrift-roundtrip-{}-{n}-{safe}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("creating {}: {e}", dir.display());
        }
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn declared(dir: &Path) -> Source {
    Source::Declared {
        schema_file: dir.join("schema.yaml"),
        views_dir: dir.join("views"),
    }
}

/// The first of the case's requirements the server cannot meet, if any.
async fn missing_requirement(
    case: &Case,
    client: &tokio_postgres::Client,
) -> Result<Option<String>, String> {
    if let Some(min) = case.min_major {
        let major = common::server_major();
        if major < min {
            return Ok(Some(format!(
                "it needs PostgreSQL {min} or newer (the server runs {major})"
            )));
        }
    }
    for (kind, name) in &case.requires {
        let sql = match kind.as_str() {
            "extension" => "SELECT 1 FROM pg_available_extensions WHERE name = $1",
            "collation" => "SELECT 1 FROM pg_collation WHERE collname = $1",
            _ => return Err(format!("requires: unknown kind `{kind}`")),
        };
        let found = client
            .query_opt(sql, &[name])
            .await
            .map_err(|e| common::pg_error_text(&e))?;
        if found.is_none() {
            return Ok(Some(format!("the server has no {kind} {name}")));
        }
    }
    Ok(None)
}

/// The user schemas of a database (`public` first), so a case's objects are all read.
async fn user_schemas(client: &tokio_postgres::Client) -> Result<Vec<String>, String> {
    let rows = client
        .query(
            "SELECT nspname::text FROM pg_namespace
             WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
             ORDER BY nspname <> 'public', nspname",
            &[],
        )
        .await
        .map_err(|e| common::pg_error_text(&e))?;
    Ok(rows.iter().map(|r| r.get::<_, String>(0)).collect())
}

/// The findings of comparing the project with `db`, checked against what the case expects.
async fn check_clean(
    project: &Path,
    db: &str,
    schemas: &[String],
    expect_unsupported: &BTreeSet<String>,
    cache: &CompareOptions,
) -> Result<(), String> {
    let cmp = app::compare_with(
        &declared(project),
        &Source::Db(url(db)?),
        None,
        schemas,
        cache,
    )
    .await
    .map_err(|e| e.to_string())?;
    let other: Vec<&pgdrift::diff::Change> = cmp
        .changes
        .iter()
        .filter(|c| c.category != Category::Unsupported)
        .collect();
    let unsupported: BTreeSet<String> = cmp
        .changes
        .iter()
        .filter(|c| c.category == Category::Unsupported)
        .map(|c| format!("{} {}", c.category.as_str(), c.object))
        .collect();
    let mut problems = Vec::new();
    if !other.is_empty() {
        problems.push(format!(
            "drift:\n    {}",
            other
                .iter()
                .map(|c| format!("{} {}: {}", c.category.as_str(), c.object, c.summary))
                .collect::<Vec<_>>()
                .join("\n    ")
        ));
    }
    if &unsupported != expect_unsupported {
        problems.push(format!(
            "unsupported findings differ from the case's list\n    expected: {expect_unsupported:?}\n    got:      {unsupported:?}"
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n  "))
    }
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
    if !cur.is_empty() {
        out.push(cur);
    }
    out.sort();
    out
}

/// `pg_dump --schema-only` of one database (see `common::dump_schema`), off the async threads.
async fn dump(url: &str) -> Result<String, String> {
    let url = url.to_string();
    tokio::task::spawn_blocking(move || common::dump_schema(&url))
        .await
        .map_err(|e| format!("pg_dump: {e}"))
}

/// Both dumps, taken at once.
async fn dumps(a: &str, b: &str) -> Result<(String, String), String> {
    let (a, b) = tokio::join!(dump(a), dump(b));
    Ok((a?, b?))
}

/// A unified diff of two sorted dumps, for a failure message.
fn dump_difference(a: &[String], b: &[String]) -> String {
    let (a, b) = (a.concat(), b.concat());
    similar::TextDiff::from_lines(&a, &b)
        .unified_diff()
        .context_radius(2)
        .header("A (source)", "B (applied)")
        .to_string()
}

/// Step 4: plan from the empty B to the project, apply, no drift, same pg_dump as A.
async fn plan_apply_step(
    case: &Case,
    a: &common::TestDb,
    b: &common::TestDb,
    project: &Path,
    schemas: &[String],
    cache: &CompareOptions,
) -> Result<(), String> {
    let opts = PlanOptions {
        cache_dir: cache.cache_dir.clone(),
        ..Default::default()
    };
    let (plan, _) = plan::plan_for(&declared(project), &url(&b.url)?, None, schemas, &opts)
        .await
        .map_err(|e| format!("plan: {e}"))?;
    let text = plan::render_sql(&plan);
    let apply_opts = ApplyOptions {
        allow_destructive: true,
        ..Default::default()
    };
    apply_plan(&url(&b.url)?, &plan, &apply_opts)
        .await
        .map_err(|e| format!("apply: {e}\n--- plan ---\n{text}"))?;
    check_clean(project, &b.url, schemas, &BTreeSet::new(), cache)
        .await
        .map_err(|e| format!("check of B after apply: {e}\n--- plan ---\n{text}"))?;
    if !case.unsupported.is_empty() {
        return Ok(());
    }
    same_column_order(a, b).await?;
    let (dump_a, dump_b) = dumps(&a.url, &b.url).await?;
    let (sa, sb) = (sorted_dump(&dump_a), sorted_dump(&dump_b));
    if sa == sb {
        return Ok(());
    }
    // PostgreSQL's view deparser is not always a fixpoint: a view created from
    // `pg_get_viewdef` text can print differently from the original (pg_dump itself has this
    // property). B may then differ from A only as much as A restored from its own dump does.
    let restored = common::test_db(&format!("rt_{}_c", case.id)).await;
    let restore = restored.client().await.batch_execute(&dump_a).await;
    let same_as_restored = match restore {
        Ok(()) => sorted_dump(&dump(&restored.url).await?) == sb,
        Err(_) => false,
    };
    restored.drop_now().await;
    if same_as_restored {
        return Ok(());
    }
    Err(format!(
        "pg_dump of A and B differ (and B is not A restored from its own dump either)\n{}--- plan ---\n{text}",
        dump_difference(&sa, &sb)
    ))
}

/// Every table's columns in physical order, inherited ones included (pg_dump does not print an
/// inheritance child's inherited columns, so it cannot tell their order).
async fn column_orders(db: &common::TestDb) -> Result<Vec<String>, String> {
    let rows = db
        .client()
        .await
        .query(
            "SELECT c.oid::regclass::text || ': ' || string_agg(a.attname::text, ', ' ORDER BY a.attnum)
             FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
               AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
             GROUP BY c.oid ORDER BY 1",
            &[],
        )
        .await
        .map_err(|e| common::pg_error_text(&e))?;
    Ok(rows.iter().map(|r| r.get::<_, String>(0)).collect())
}

/// B's tables have A's columns in A's order.
async fn same_column_order(a: &common::TestDb, b: &common::TestDb) -> Result<(), String> {
    let (oa, ob) = (column_orders(a).await?, column_orders(b).await?);
    if oa == ob {
        return Ok(());
    }
    let differ: Vec<String> = oa
        .iter()
        .filter(|l| !ob.contains(l))
        .map(|l| format!("A {l}"))
        .chain(
            ob.iter()
                .filter(|l| !oa.contains(l))
                .map(|l| format!("B {l}")),
        )
        .collect();
    Err(format!(
        "column order differs:\n    {}",
        differ.join("\n    ")
    ))
}

/// Whether two schemas are the same but for the text of some views. PostgreSQL's view deparser
/// is not always a fixpoint (`FROM (VALUES ...)` prints as `FROM ( VALUES ...)` once rebuilt),
/// so the fingerprint of a database rebuilt from a squash may differ in view text only;
/// `squash --verify` says so in a note. Anything else is a real difference.
fn differs_only_in_view_text(
    source: &pgdrift::model::Schema,
    rebuilt: &pgdrift::model::Schema,
) -> bool {
    let mut rebuilt = rebuilt.clone();
    for (name, view) in rebuilt.views.iter_mut() {
        if let Some(v) = source.views.get(name) {
            view.definition = v.definition.clone();
        }
    }
    squash::fingerprint(source) == squash::fingerprint(&rebuilt)
}

/// Step 5: squash --verify of A.
async fn squash_step(
    case: &Case,
    a: &common::TestDb,
    schemas: &[String],
    built: &mut Option<squash::Script>,
) -> Result<(), String> {
    let dev = DevServer::Url(url(&a.server_url())?);
    let src = squash::resolve_source(&Source::Db(url(&a.url)?), Some(&dev), schemas)
        .await
        .map_err(|e| e.to_string())?;
    let script = squash::script(&src.schema, ViewsOutput::Inline).map_err(|e| e.to_string())?;
    *built = Some(script.clone());
    let v = squash::verify(&src, &script, &dev)
        .await
        .map_err(|e| e.to_string())?;
    let mut lines: Vec<String> = v.differences.iter().map(|c| c.summary.clone()).collect();
    lines.extend(v.extra_differences.clone());
    if v.rebuilt_fingerprint != squash::fingerprint(&src.schema)
        && !differs_only_in_view_text(&src.schema, &v.rebuilt)
    {
        lines.push("fingerprint of the rebuilt database differs".into());
    }
    let about_unsupported = |l: &String| l.contains("not modelled by pgdrift");
    let ok = if case.unsupported.is_empty() {
        lines.is_empty()
    } else {
        // Every unmodelled object is a difference (and so is the fingerprint, which counts
        // them); nothing else may be.
        lines.iter().any(about_unsupported)
            && lines
                .iter()
                .all(|l| about_unsupported(l) || l.starts_with("fingerprint"))
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "verification: {}\n--- squash ---\n{}",
            lines.join("\n    "),
            pgdrift::ddl::render_script(&script.migration)
        ))
    }
}

/// User objects left in a database: relations, routines and types outside the system schemas
/// (array types and the row types of relations go with what they belong to).
/// Runs the round trip of one case; returns every failed step, or why the case was skipped.
async fn run_case(case: Case, cache: Arc<CompareOptions>) -> Result<Option<String>, String> {
    let id = case.id.as_str();
    let fail = |step: &str, e: String| format!("{id}: step {step}: {e}");
    let mut timing = Timing::new(id);
    // 1. build
    let (hint_a, hint_b) = (format!("rt_{id}_a"), format!("rt_{id}_b"));
    let (a, b) = tokio::join!(common::test_db(&hint_a), common::test_db(&hint_b));
    let client = a.client().await;
    match missing_requirement(&case, &client).await {
        Ok(None) => {}
        Ok(Some(why)) => {
            tokio::join!(a.drop_now(), b.drop_now());
            return Ok(Some(why));
        }
        Err(e) => return Err(fail("1 (build A)", e)),
    }
    if let Err(e) = client.batch_execute(&case.sql).await {
        return Err(fail("1 (build A)", common::pg_error_text(&e)));
    }
    let schemas = user_schemas(&client)
        .await
        .map_err(|e| fail("1 (build A)", e))?;
    drop(client);
    timing.lap("build");
    // 2. inspect
    let project = TempDir::new(id);
    app::inspect(&url(&a.url)?, &schemas, &project.0)
        .await
        .map_err(|e| fail("2 (inspect A)", e.to_string()))?;
    timing.lap("inspect");
    let mut failures = Vec::new();
    // 3. check
    if let Err(e) = check_clean(&project.0, &a.url, &schemas, &case.unsupported, &cache).await {
        failures.push(fail("3 (check project vs A)", e));
    }
    timing.lap("check");
    // 4. plan + apply into an empty database
    if let Err(e) = plan_apply_step(&case, &a, &b, &project.0, &schemas, &cache).await {
        failures.push(fail("4 (plan/apply into empty B)", e));
    }
    timing.lap("plan/apply");
    // 5. squash --verify (a convergence case's new.sql: tests/squash.rs squashes, rebuilds and
    // compares it, and runs its down migration, already)
    let mut script = None;
    let squashed_elsewhere = id.starts_with("converge/") && id.ends_with("/new");
    if !squashed_elsewhere {
        if let Err(e) = squash_step(&case, &a, &schemas, &mut script).await {
            failures.push(fail("5 (squash --verify of A)", e));
        }
    }
    timing.lap("squash");
    // 6. the squash's down migration empties B (which holds the project when step 4 passed)
    if let (true, Some(script)) = (failures.is_empty(), &script) {
        let down = pgdrift::ddl::render_script(&script.down);
        if let Err(e) = common::down_leaves_nothing(&down, &b).await {
            failures.push(fail("6 (down migration on B)", e));
        }
    }
    timing.lap("down");
    timing.print();
    if failures.is_empty() {
        tokio::join!(a.drop_now(), b.drop_now());
        return Ok(None);
    }
    if std::env::var_os("ROUNDTRIP_SHOW_PROJECT").is_some() {
        if let Some(yaml) = read_opt(&project.0.join("schema.yaml")) {
            failures.push(format!("{id}: the inspected schema.yaml:\n{yaml}"));
        }
    }
    // The databases of a failed case stay for a look (the throw-away cluster goes at exit).
    failures.push(format!(
        "{id}: databases kept: A = {}, B = {}",
        a.name, b.name
    ));
    Err(failures.join("\n\n"))
}

/// Per-step times of one case, printed with ROUNDTRIP_TIMING.
struct Timing {
    id: String,
    started: Instant,
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Timing {
    fn new(id: &str) -> Timing {
        let now = Instant::now();
        Timing {
            id: id.to_string(),
            started: now,
            last: now,
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, step: &'static str) {
        let now = Instant::now();
        self.laps.push((step, now - self.last));
        self.last = now;
    }

    fn print(&self) {
        if std::env::var_os("ROUNDTRIP_TIMING").is_none() {
            return;
        }
        let laps: Vec<String> = self
            .laps
            .iter()
            .map(|(s, d)| format!("{s} {}", d.as_millis()))
            .collect();
        eprintln!(
            "{:>6} ms  {}  ({})",
            self.started.elapsed().as_millis(),
            self.id,
            laps.join(", ")
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The driver

/// Runs every case, at most `parallel` at a time; returns `(id, result)` per case, sorted by id.
async fn run_cases(
    cases: Vec<Case>,
    parallel: usize,
    cache: Arc<CompareOptions>,
) -> Vec<(String, Result<Option<String>, String>)> {
    let mut set = tokio::task::JoinSet::new();
    let mut results = Vec::new();
    type Done = (String, Result<Option<String>, String>);
    let mut collect = |r: Result<Done, tokio::task::JoinError>| match r {
        Ok(r) => results.push(r),
        Err(e) => results.push(("?".to_string(), Err(format!("a case panicked: {e}")))),
    };
    for case in cases {
        if set.len() >= parallel {
            if let Some(r) = set.join_next().await {
                collect(r);
            }
        }
        let cache = cache.clone();
        set.spawn(async move {
            let id = case.id.clone();
            // A panic inside a case (a helper of tests/common) names the case.
            let r = tokio::spawn(run_case(case, cache))
                .await
                .unwrap_or_else(|e| Err(format!("{id}: panicked: {e}")));
            (id, r)
        });
    }
    while let Some(r) = set.join_next().await {
        collect(r);
    }
    results.sort_by(|a, b| a.0.cmp(&b.0));
    results
}

/// The statements of a case's SQL, whitespace and `--` comments aside: split at `;` outside
/// quotes and dollar quotes (a function body stays one statement).
fn statements(sql: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut cur = String::new();
    let mut quote: Option<String> = None;
    let mut rest = sql;
    while let Some(c) = rest.chars().next() {
        if quote.is_none() && rest.starts_with("--") {
            rest = rest.find('\n').map_or("", |i| &rest[i..]);
            continue;
        }
        if let Some(q) = &quote {
            if rest.starts_with(q.as_str()) {
                cur.push_str(q);
                rest = &rest[q.len()..];
                quote = None;
                continue;
            }
        } else if c == '\'' || c == '"' {
            quote = Some(c.to_string());
        } else if c == '$' {
            let tag_end = rest[1..].find(|ch: char| !(ch.is_alphanumeric() || ch == '_'));
            if let Some(i) = tag_end.filter(|&i| rest[1 + i..].starts_with('$')) {
                let tag = &rest[..i + 2];
                cur.push_str(tag);
                rest = &rest[tag.len()..];
                quote = Some(tag.to_string());
                continue;
            }
        } else if c == ';' {
            let stmt = cur.split_whitespace().collect::<Vec<_>>().join(" ");
            if !stmt.is_empty() {
                out.insert(stmt);
            }
            cur.clear();
            rest = &rest[1..];
            continue;
        }
        cur.push(c);
        rest = &rest[c.len_utf8()..];
    }
    let stmt = cur.split_whitespace().collect::<Vec<_>>().join(" ");
    if !stmt.is_empty() {
        out.insert(stmt);
    }
    out
}

/// Leaves out each case whose statements all appear in one larger case that runs (an `old.sql`
/// that `new.sql` only adds to, a `new.sql` after a drop): every object it builds is round-tripped
/// there. Returns how many were left out; `ROUNDTRIP_ALL=1` keeps them.
fn drop_covered(cases: &mut Vec<Case>) -> usize {
    let sets: Vec<BTreeSet<String>> = cases.iter().map(|c| statements(&c.sql)).collect();
    let mut order: Vec<usize> = (0..cases.len()).collect();
    order.sort_by(|&a, &b| sets[b].len().cmp(&sets[a].len()).then(a.cmp(&b)));
    let mut kept: Vec<usize> = Vec::new();
    let mut keep = vec![true; cases.len()];
    for i in order {
        let covered = kept
            .iter()
            .any(|&k| cases[k].requires.is_empty() && sets[i].is_subset(&sets[k]));
        if covered {
            keep[i] = false;
        } else {
            kept.push(i);
        }
    }
    let before = cases.len();
    let mut i = 0;
    cases.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    before - cases.len()
}

#[test]
fn statements_split_outside_quotes() {
    let s = statements(
        "create table \"a;b\" (x text default ';'); -- a; comment\n\
         create function f() returns int language sql as $f$ select 1; $f$;\n  ",
    );
    let want: BTreeSet<String> = [
        "create table \"a;b\" (x text default ';')",
        "create function f() returns int language sql as $f$ select 1; $f$",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(s, want);
}

#[tokio::test]
async fn roundtrip_corpus() {
    let started = Instant::now();
    let all = all_cases();
    assert!(all.len() >= 150, "the corpus shrank: {} cases", all.len());
    let filter = std::env::var("ROUNDTRIP_FILTER").ok();
    let run_known = std::env::var_os("ROUNDTRIP_KNOWN").is_some();
    let known = known_failures();
    let ids: HashSet<&str> = all.iter().map(|c| c.id.as_str()).collect();
    for (id, _) in &known {
        assert!(
            ids.contains(id.as_str()),
            "KNOWN_FAILURES names `{id}`, which is no case"
        );
    }
    let is_known = |id: &str| known.iter().any(|(k, _)| k == id);

    let mut seen_sql = HashSet::new();
    let mut cases = Vec::new();
    let mut duplicates = 0;
    for case in all {
        if filter
            .as_ref()
            .is_some_and(|f| !f.split(',').any(|f| case.id.contains(f)))
        {
            continue;
        }
        if !seen_sql.insert(case.sql.clone()) {
            duplicates += 1;
            continue;
        }
        if is_known(&case.id) && !run_known {
            if let Some((_, reason)) = known.iter().find(|(k, _)| *k == case.id) {
                eprintln!("roundtrip: skipping {} (KNOWN_FAILURES: {reason})", case.id);
            }
            continue;
        }
        cases.push(case);
    }
    let covered = if std::env::var_os("ROUNDTRIP_ALL").is_some() {
        0
    } else {
        drop_covered(&mut cases)
    };
    let total = cases.len();
    assert!(total > 0, "no case matches ROUNDTRIP_FILTER={filter:?}");

    let cache_dir = TempDir::new("cache");
    let cache = Arc::new(CompareOptions {
        cache_dir: Some(cache_dir.0.clone()),
        ..Default::default()
    });
    let parallel = std::env::var("ROUNDTRIP_PARALLEL")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(PARALLEL);
    let results = run_cases(cases, parallel, cache).await;
    let mut failures = Vec::new();
    let mut now_passing = Vec::new();
    let mut skipped = 0;
    for (id, r) in results {
        match (r, is_known(&id)) {
            (Ok(Some(why)), _) => {
                skipped += 1;
                eprintln!("roundtrip: skipping {id}: {why}");
            }
            (Err(e), false) => failures.push(e),
            (Ok(None), true) => now_passing.push(id),
            (Err(e), true) => eprintln!("roundtrip: {id} still fails (known):\n{e}\n"),
            (Ok(None), false) => {}
        }
    }
    let elapsed: Duration = started.elapsed();
    eprintln!(
        "roundtrip: {total} cases ({duplicates} duplicate SQL texts run once, {covered} covered by a larger case, {skipped} skipped for the server) in {:.1} s, {} failed",
        elapsed.as_secs_f64(),
        failures.len()
    );
    assert!(
        now_passing.is_empty(),
        "listed in KNOWN_FAILURES but passing now (remove them): {now_passing:?}"
    );
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
