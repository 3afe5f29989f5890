//! Property-based round trips (issue 15), with proptest on a real PostgreSQL.
//!
//! A random valid schema (enums, a sequence, tables with random column types, defaults, NOT
//! NULL, identities, primary and foreign keys, unique and check constraints, plain, partial and
//! gin indexes, comments, a view; names drawn from a pool of
//! identifiers that need quoting: capitals, spaces, quotes, dots, reserved words, non-ASCII, 63
//! bytes, names equal after case folding) is built with SQL in database A and inspected into a
//! project. Then:
//!
//! 1. the project is planned and applied to an empty database B, and `check` is clean;
//! 2. inspecting B writes the same files, byte for byte;
//! 3. `squash --verify` of B passes (model comparison and the pg_dump witness);
//! 4. a random mutation of the schema (built in C and inspected) is planned and applied to B
//!    (`--allow-destructive`): `check` is clean and a second plan is empty.
//!
//! CI runs a fixed seed and `PROPTEST_CASES` (default 4) cases; `PROPTEST_CASES=200 cargo test
//! --test properties` runs longer, `PGDRIFT_PROPTEST_SEED=<n>` another seed. A failure is
//! shrunk and printed as the SQL of both schemas: keep it as a fixture under
//! tests/corpus/roundtrip or tests/corpus/converge.

mod common;

use std::path::{Path, PathBuf};

use pgdrift::app::{self, CompareOptions, Source};
use pgdrift::apply::{apply_plan, ApplyOptions};
use pgdrift::conn::DbUrl;
use pgdrift::plan::{self, PlanOptions};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

/// Identifiers that break naive code. Two fold to the same lower case.
const NAMES: &[&str] = &[
    "id",
    "name",
    "Order",
    "select",
    "a b",
    "x\"y",
    "bıgınt",
    "dot.ted",
    "MiXed",
    "mixed",
    "user",
    "Ünïcode ünd",
    "lllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllll",
];

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Ty {
    Int,
    BigInt,
    Text,
    Varchar(u8),
    Numeric(u8, u8),
    Bool,
    Timestamptz,
    Date,
    Jsonb,
    Uuid,
    IntArray,
    /// The first enum.
    Enum,
}

impl Ty {
    fn sql(self, enum_name: Option<&str>) -> String {
        match self {
            Ty::Int => "integer".into(),
            Ty::BigInt => "bigint".into(),
            Ty::Text => "text".into(),
            Ty::Varchar(n) => format!("varchar({n})"),
            Ty::Numeric(p, s) => format!("numeric({p},{s})"),
            Ty::Bool => "boolean".into(),
            Ty::Timestamptz => "timestamp with time zone".into(),
            Ty::Date => "date".into(),
            Ty::Jsonb => "jsonb".into(),
            Ty::Uuid => "uuid".into(),
            Ty::IntArray => "integer[]".into(),
            Ty::Enum => enum_name.map(quote).unwrap_or_else(|| "text".into()),
        }
    }

    fn default(self, label: Option<&str>) -> String {
        match self {
            Ty::Int => "42".into(),
            Ty::BigInt => "(-7)".into(),
            Ty::Text => literal("hé'llo"),
            Ty::Varchar(_) => literal("v"),
            Ty::Numeric(..) => "1.5".into(),
            Ty::Bool => "true".into(),
            Ty::Timestamptz => "now()".into(),
            Ty::Date => "CURRENT_DATE".into(),
            Ty::Jsonb => "'{\"a\": 1}'::jsonb".into(),
            Ty::Uuid => "gen_random_uuid()".into(),
            Ty::IntArray => "'{1,2}'::integer[]".into(),
            Ty::Enum => label.map(literal).unwrap_or_else(|| literal("x")),
        }
    }
}

fn ty() -> impl Strategy<Value = Ty> {
    prop_oneof![
        Just(Ty::Int),
        Just(Ty::BigInt),
        Just(Ty::Text),
        (1u8..40).prop_map(Ty::Varchar),
        (5u8..12, 0u8..4).prop_map(|(p, s)| Ty::Numeric(p, s)),
        Just(Ty::Bool),
        Just(Ty::Timestamptz),
        Just(Ty::Date),
        Just(Ty::Jsonb),
        Just(Ty::Uuid),
        Just(Ty::IntArray),
        Just(Ty::Enum),
    ]
}

#[derive(Debug, Clone)]
struct Col {
    name: String,
    ty: Ty,
    not_null: bool,
    default: bool,
}

#[derive(Debug, Clone)]
struct Table {
    name: String,
    cols: Vec<Col>,
    pk: bool,
    unique: Option<usize>,
    check: Option<usize>,
    index: Option<(usize, bool)>,
    /// A partial index on this column (`WHERE col IS NOT NULL`).
    partial: Option<usize>,
    /// A comment on the table and on its first column.
    comment: bool,
    /// A bigint identity column.
    identity: bool,
    /// A foreign key to the first table's primary key (when it has one of the same type).
    fk: bool,
}

#[derive(Debug, Clone)]
struct Gen {
    enum_labels: Vec<String>,
    sequence: bool,
    tables: Vec<Table>,
    view: bool,
}

/// Distinct names from the pool (a suffix when the pool runs out).
fn names(picks: &[usize]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, p) in picks.iter().enumerate() {
        let mut n = NAMES[p % NAMES.len()].to_string();
        if out.contains(&n) {
            n = format!("c{i}");
        }
        out.push(n);
    }
    out
}

fn table(tname: String) -> impl Strategy<Value = Table> {
    prop::collection::vec((0usize..100, ty(), any::<bool>(), any::<bool>()), 1..6).prop_flat_map(
        move |cols| {
            let picks: Vec<usize> = cols.iter().map(|c| c.0).collect();
            let cols: Vec<Col> = names(&picks)
                .into_iter()
                .zip(cols)
                .map(|(name, (_, ty, not_null, default))| Col {
                    name,
                    ty,
                    not_null,
                    default,
                })
                .collect();
            let n = cols.len();
            let tname = tname.clone();
            (
                any::<bool>(),
                prop::option::of(0..n),
                prop::option::of(0..n),
                prop::option::of((0..n, any::<bool>())),
                prop::option::of(0..n),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
            )
                .prop_map(
                    move |(pk, unique, check, index, partial, comment, identity, fk)| Table {
                        name: tname.clone(),
                        cols: cols.clone(),
                        pk,
                        unique,
                        check,
                        index,
                        partial,
                        comment,
                        identity,
                        fk,
                    },
                )
        },
    )
}

fn schema() -> impl Strategy<Value = Gen> {
    (
        prop::collection::vec(0usize..100, 1..4),
        prop::collection::vec("[a-z]{1,6}", 1..4),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_flat_map(|(tpicks, labels, sequence, view)| {
            let mut labels = labels;
            labels.sort();
            labels.dedup();
            let tables: Vec<_> = names(&tpicks).into_iter().map(table).collect();
            (tables, Just(labels), Just(sequence), Just(view)).prop_map(
                |(tables, enum_labels, sequence, view)| Gen {
                    enum_labels,
                    sequence,
                    tables,
                    view,
                },
            )
        })
}

const ENUM: &str = "Mood enum";
const SEQ: &str = "seq.uence";
const VIEW: &str = "vue \"all\"";

impl Gen {
    fn sql(&self) -> String {
        let mut s = format!(
            "CREATE TYPE {} AS ENUM ({});\n",
            quote(ENUM),
            self.enum_labels
                .iter()
                .map(|l| literal(l))
                .collect::<Vec<_>>()
                .join(", ")
        );
        if self.sequence {
            s.push_str(&format!(
                "CREATE SEQUENCE {} START 5 INCREMENT 3;\n",
                quote(SEQ)
            ));
        }
        for t in &self.tables {
            // The identity column first: columns a mutation adds come last, and pgdrift does not
            // reorder columns (a documented limit, reported as a warning).
            let mut items: Vec<String> = Vec::new();
            if t.identity {
                items.push(format!(
                    "{} bigint GENERATED BY DEFAULT AS IDENTITY",
                    quote(&format!("ident {}", t.name))
                ));
            }
            items.extend(t.cols.iter().map(|c| {
                let mut d = format!("{} {}", quote(&c.name), c.ty.sql(Some(ENUM)));
                if c.not_null {
                    d.push_str(" NOT NULL");
                }
                if c.default {
                    d.push_str(&format!(
                        " DEFAULT {}",
                        c.ty.default(self.enum_labels.first().map(String::as_str))
                    ));
                }
                d
            }));
            if t.pk {
                items.push(format!("PRIMARY KEY ({})", quote(&t.cols[0].name)));
            }
            let first = &self.tables[0];
            if t.fk && t.name != first.name && first.pk {
                let target_ty = first.cols[0].ty;
                if let Some(c) = t.cols.iter().find(|c| c.ty == target_ty) {
                    items.push(format!(
                        "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({}) ON DELETE CASCADE",
                        quote(&format!("fk {}", t.name)),
                        quote(&c.name),
                        quote(&first.name),
                        quote(&first.cols[0].name)
                    ));
                }
            }
            if let Some(u) = t.unique.filter(|u| !(t.pk && *u == 0)) {
                if !matches!(t.cols[u].ty, Ty::Jsonb) {
                    items.push(format!("UNIQUE ({})", quote(&t.cols[u].name)));
                }
            }
            if let Some(c) = t.check {
                if matches!(t.cols[c].ty, Ty::Int | Ty::BigInt | Ty::Numeric(..)) {
                    items.push(format!("CHECK ({} > -100)", quote(&t.cols[c].name)));
                }
            }
            s.push_str(&format!(
                "CREATE TABLE {} (\n  {}\n);\n",
                quote(&t.name),
                items.join(",\n  ")
            ));
            if let Some(i) = t.partial {
                s.push_str(&format!(
                    "CREATE INDEX {} ON {} ({}) WHERE {} IS NOT NULL;\n",
                    quote(&format!("part {}", t.name)),
                    quote(&t.name),
                    quote(&t.cols[i].name),
                    quote(&t.cols[i].name)
                ));
            }
            if t.comment {
                s.push_str(&format!(
                    "COMMENT ON TABLE {} IS {};\nCOMMENT ON COLUMN {}.{} IS {};\n",
                    quote(&t.name),
                    literal("a table's \"comment\", ünicode"),
                    quote(&t.name),
                    quote(&t.cols[0].name),
                    literal("it's the first")
                ));
            }
            if let Some((i, desc)) = t.index {
                let using = if matches!(t.cols[i].ty, Ty::Jsonb | Ty::IntArray) {
                    "gin"
                } else {
                    "btree"
                };
                let order = if desc && using == "btree" {
                    " DESC"
                } else {
                    ""
                };
                s.push_str(&format!(
                    "CREATE INDEX {} ON {} USING {using} ({}{order});\n",
                    quote(&format!("ix {}", t.name)),
                    quote(&t.name),
                    quote(&t.cols[i].name)
                ));
            }
        }
        if self.view {
            if let Some(t) = self.tables.first() {
                let cols: Vec<String> = t.cols.iter().map(|c| quote(&c.name)).collect();
                s.push_str(&format!(
                    "CREATE VIEW {} AS SELECT {} FROM {} WHERE true;\n",
                    quote(VIEW),
                    cols.join(", "),
                    quote(&t.name)
                ));
            }
        }
        s
    }

    /// A random change: `ops` picks what, `at` where.
    fn mutate(&self, ops: &[(u8, usize, Ty)]) -> Gen {
        let mut g = self.clone();
        for (op, at, ty) in ops {
            let ti = at % g.tables.len();
            let t = &mut g.tables[ti];
            let ci = at % t.cols.len();
            match op % 8 {
                0 => t.cols[ci].not_null = !t.cols[ci].not_null,
                1 => t.cols[ci].default = !t.cols[ci].default,
                2 => t.cols.push(Col {
                    name: format!("added {at}"),
                    ty: *ty,
                    not_null: false,
                    default: true,
                }),
                3 if t.cols.len() > 1 && ci > 0 => {
                    t.cols.remove(ci);
                    t.unique = None;
                    t.check = None;
                    t.index = None;
                    t.partial = None;
                }
                4 => {
                    // Widening changes that keep every value.
                    t.cols[ci].ty = match t.cols[ci].ty {
                        Ty::Int => Ty::BigInt,
                        Ty::Varchar(_) => Ty::Text,
                        Ty::Numeric(p, s) => Ty::Numeric(p + 2, s),
                        other => other,
                    }
                }
                5 => {
                    t.index = if t.index.is_some() {
                        None
                    } else {
                        Some((ci, false))
                    }
                }
                6 => g.enum_labels.push(format!("zz{at}")),
                7 if at % 2 == 0 => t.comment = !t.comment,
                _ => g.view = !g.view,
            }
        }
        g
    }
}

fn url(s: &str) -> DbUrl {
    match DbUrl::parse(s) {
        Ok(u) => u,
        Err(e) => panic!("{e}"),
    }
}

fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in rd.flatten() {
            let path = entry.path();
            if path.file_name().is_some_and(|n| n == ".cache") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .map(|p| p.to_string_lossy().into_owned())
                    .unwrap_or_default();
                files.push((rel, std::fs::read(&path).unwrap_or_default()));
            }
        }
    }
    files.sort();
    files
}

fn declared(dir: &Path) -> Source {
    Source::Declared {
        schema_file: dir.join("schema.yaml"),
        views_dir: dir.join("views"),
    }
}

async fn inspect_into(db: &str, dir: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    let r = app::read_db(&url(db), &[])
        .await
        .map_err(|e| format!("inspect: {e}"))?;
    pgdrift::write::write_project(&r.schema, dir).map_err(|e| format!("write: {e}"))
}

async fn drift(dir: &Path, db: &str, cache: &Path) -> Result<Vec<String>, String> {
    let cmp = app::compare_with(
        &declared(dir),
        &Source::Db(url(db)),
        None,
        &[],
        &CompareOptions {
            cache_dir: Some(cache.to_path_buf()),
            ..Default::default()
        },
    )
    .await
    .map_err(|e| format!("check: {e}"))?;
    let (left, _) = pgdrift::diff::apply_ignores(cmp.changes, &cmp.left.schema.ignore);
    Ok(left
        .iter()
        .map(|c| format!("{}: {}", c.object.describe(), c.summary))
        .collect())
}

async fn plan_and_apply(dir: &Path, db: &str, cache: &Path) -> Result<usize, String> {
    let opts = PlanOptions {
        cache_dir: Some(cache.to_path_buf()),
        ..Default::default()
    };
    let (p, _) = plan::plan_for(&declared(dir), &url(db), None, &[], &opts)
        .await
        .map_err(|e| format!("plan: {e}"))?;
    let n = p.steps.len();
    let text = plan::render_sql(&p);
    apply_plan(
        &url(db),
        &p,
        &ApplyOptions {
            allow_destructive: true,
            ..Default::default()
        },
    )
    .await
    .map_err(|e| format!("apply: {e}\n{text}"))?;
    Ok(n)
}

async fn round_trip(g: &Gen, m: &Gen, work: &Path) -> Result<(), String> {
    let sql = g.sql();
    let ctx = |e: String| format!("{e}\n--- schema ---\n{sql}\n--- mutated ---\n{}", m.sql());
    let a = common::test_db("prop_a").await;
    let client = a.client().await;
    client
        .batch_execute(&sql)
        .await
        .map_err(|e| ctx(format!("building A: {}", common::pg_error_text(&e))))?;
    drop(client);
    let b = common::test_db("prop_b").await;
    let cache = work.join(".cache");
    let p1 = work.join("p1");
    let p2 = work.join("p2");
    let p3 = work.join("p3");
    inspect_into(&a.url, &p1).await.map_err(ctx)?;
    // 1. declared -> apply to an empty database -> check clean.
    plan_and_apply(&p1, &b.url, &cache).await.map_err(ctx)?;
    let d = drift(&p1, &b.url, &cache).await.map_err(ctx)?;
    if !d.is_empty() {
        return Err(ctx(format!(
            "drift after applying to an empty database: {d:#?}"
        )));
    }
    // 2. inspect -> the same files byte for byte.
    inspect_into(&b.url, &p2).await.map_err(ctx)?;
    if read_tree(&p1) != read_tree(&p2) {
        return Err(ctx(format!(
            "inspect of the applied database differs:\n--- A ---\n{}\n--- B ---\n{}",
            std::fs::read_to_string(p1.join("schema.yaml")).unwrap_or_default(),
            std::fs::read_to_string(p2.join("schema.yaml")).unwrap_or_default()
        )));
    }
    // 3. squash --verify (with the pg_dump witness).
    let out = common::run_pgdrift(
        &[
            "squash",
            "--from-db",
            &b.url,
            "--verify",
            "--dev-url",
            &b.server_url(),
        ],
        Some(work),
        &[("PGDRIFT_CACHE_DIR", &cache.to_string_lossy())],
    );
    if out.code != 0 {
        return Err(ctx(format!(
            "squash --verify: exit {}\n{}",
            out.code, out.stderr
        )));
    }
    // 4. a mutation -> plan + apply -> check clean, second plan empty.
    let c = common::test_db("prop_c").await;
    let client = c.client().await;
    client
        .batch_execute(&m.sql())
        .await
        .map_err(|e| ctx(format!("building C: {}", common::pg_error_text(&e))))?;
    drop(client);
    inspect_into(&c.url, &p3).await.map_err(ctx)?;
    plan_and_apply(&p3, &b.url, &cache).await.map_err(ctx)?;
    let d = drift(&p3, &b.url, &cache).await.map_err(ctx)?;
    if !d.is_empty() {
        return Err(ctx(format!("drift after the mutation was applied: {d:#?}")));
    }
    let n = plan_and_apply(&p3, &b.url, &cache).await.map_err(ctx)?;
    if n != 0 {
        return Err(ctx(format!("a second plan has {n} steps")));
    }
    for db in [&a, &b, &c] {
        db.drop_now().await;
    }
    Ok(())
}

#[test]
fn random_schemas_round_trip() {
    let cases: u32 = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let seed: u64 = std::env::var("PGDRIFT_PROPTEST_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let config = Config {
        cases,
        max_shrink_iters: 32,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(
        config,
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => panic!("runtime: {e}"),
    };
    let work_root: PathBuf =
        std::env::temp_dir().join(format!("pgdrift-prop-{}", std::process::id()));
    let counter = std::sync::atomic::AtomicUsize::new(0);
    let strategy = (
        schema(),
        prop::collection::vec((any::<u8>(), 0usize..64, ty()), 1..4),
    );
    let result = runner.run(&strategy, |(g, ops)| {
        let m = g.mutate(&ops);
        let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let work = work_root.join(n.to_string());
        let _ = std::fs::create_dir_all(&work);
        let r = rt.block_on(round_trip(&g, &m, &work));
        let _ = std::fs::remove_dir_all(&work);
        if let Err(e) = &r {
            // Ready to become a converge fixture (old.sql, new.sql) or a round-trip one.
            let keep = std::env::temp_dir().join(format!("pgdrift-prop-failure-{n}"));
            let _ = std::fs::create_dir_all(&keep);
            let _ = std::fs::write(keep.join("old.sql"), g.sql());
            let _ = std::fs::write(keep.join("new.sql"), m.sql());
            let _ = std::fs::write(keep.join("failure.txt"), e);
            eprintln!("failing case kept in {}", keep.display());
        }
        r.map_err(TestCaseError::fail)
    });
    let _ = std::fs::remove_dir_all(&work_root);
    if let Err(e) = result {
        panic!("{e}");
    }
}
