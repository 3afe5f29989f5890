//! Fuzz targets: each takes arbitrary bytes and drives one reader of user input the way the
//! binary does, then exercises what is downstream of it. A target may return early on input the
//! reader rejects (that is the answer a user gets, as a typed error); it panics only when
//! pgdrift would: that, or a broken invariant, is the bug the fuzzer finds.
//!
//! They live in the library, behind nothing, so that two drivers share them: `fuzz/` runs them
//! under libFuzzer (`cargo +nightly fuzz run loader`), and `tests/fuzz_smoke.rs` runs them on
//! stable over the committed corpus plus mutations with a fixed seed.

use std::path::{Path, PathBuf};

use crate::conn::{dotenv_lookup, redact, DbUrl};
use crate::diff::{apply_ignores, diff};
use crate::model::{Column, IgnoreRule, QualifiedName, Schema, Table, DEFAULT_SCHEMA};

/// A fuzz target: arbitrary bytes in, a panic only on a bug.
pub type Target = fn(&[u8]);

/// Files given as (path, text), as the loader takes them.
pub type Files = Vec<(PathBuf, String)>;

/// Every target by name, as `fuzz/fuzz_targets/<name>.rs` and `fuzz/corpus/<name>/` call them.
pub const TARGETS: &[(&str, Target)] = &[
    ("loader", loader),
    ("url", url),
    ("dotenv", dotenv),
    ("ignore_rule", ignore_rule),
    ("plan_json", plan_json),
    ("snapshot", snapshot),
];

/// Inputs larger than this are cut: the readers scale linearly, and a fuzzer spending its time
/// on megabyte inputs finds nothing more.
const MAX_INPUT: usize = 64 * 1024;

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(&data[..data.len().min(MAX_INPUT)]).ok()
}

/// A project in one input: schema.yaml first, then files each introduced by a line
/// `--- views/name.sql` (or `functions/…`, `triggers/…`, `rules/…`). The loader reads the files the same
/// way whether they come from disk or from here.
pub fn split_project(text: &str) -> (String, Files, Files) {
    let mut parts = text.split("\n--- ");
    let schema = parts.next().unwrap_or_default().to_string();
    let (mut views, mut routines) = (Vec::new(), Vec::new());
    for part in parts {
        let (name, body) = part.split_once('\n').unwrap_or((part, ""));
        let path = PathBuf::from(name.trim());
        if path.starts_with("views") {
            views.push((path, body.to_string()));
        } else {
            routines.push((path, body.to_string()));
        }
    }
    (schema, views, routines)
}

/// schema.yaml plus view, function and trigger files, as `check` loads them.
pub fn loader(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let (schema, views, routines) = split_project(text);
    let file = Path::new("schema.yaml");
    if let Ok(declared) = crate::load::load_parts_with(&schema, file, &views, &routines) {
        // What `check` does next with a valid declaration, short of a database.
        let _ = diff(&declared.schema, &Schema::default());
        let _ = crate::squash::script(&declared.schema, crate::squash::ViewsOutput::Inline);
    }
}

/// A `--db` URL: parsed, redacted, turned into libpq settings and a scratch database's URL.
/// Invariant: the password never survives redaction.
pub fn url(data: &[u8]) {
    let Some(raw) = text(data) else { return };
    let shown = redact(raw);
    let Ok(url) = DbUrl::parse(raw) else { return };
    let _ = url.libpq_env();
    let _ = url.dbname();
    if let Ok(other) = url.with_dbname("pgdrift_scratch_ÿ \"x\"") {
        let _ = other.config();
    }
    let password = url.config().ok().and_then(|c| {
        c.get_password()
            .map(|p| String::from_utf8_lossy(p).into_owned())
    });
    if let Some(pw) = password {
        // Only a password that cannot be part of anything else in the URL can be looked for.
        let distinctive = pw.len() >= 6
            && pw.chars().all(|c| c.is_ascii_alphanumeric())
            && raw.matches(pw.as_str()).count() == 1;
        if distinctive {
            assert!(!shown.contains(&pw), "redact() kept the password");
            assert!(
                !url.redacted().contains(&pw),
                "redacted() kept the password"
            );
            let said = url.scrub(&format!("connecting with {raw}"));
            assert!(!said.contains(&pw), "scrub() kept the password");
        }
    }
}

/// A `.env` file: `DATABASE_URL` looked up, then parsed as a URL.
pub fn dotenv(data: &[u8]) {
    let Some(text) = text(data) else { return };
    if let Some(value) = dotenv_lookup(text, "DATABASE_URL") {
        url(value.as_bytes());
    }
}

/// `--ignore KIND:PATTERN=REASON`, then matched against objects named by the input itself
/// (the glob matcher backtracks: a hostile pattern must stay fast).
pub fn ignore_rule(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let (rule, names) = text.split_once('\n').unwrap_or((text, "a.b"));
    let Ok(rule) = IgnoreRule::parse_cli(rule) else {
        return;
    };
    let schema = one_table_per_name(names);
    let changes = diff(&Schema::default(), &schema);
    let _ = apply_ignores(changes, std::slice::from_ref(&rule));
}

/// A schema with one table per line of `names` (`schema.table` or `table`), one column each.
/// Lines are cut to 3 × 63 bytes: names come from PostgreSQL, which cuts each part to 63 (the
/// glob matcher is O(pattern × name), so unbounded names would only measure that).
fn one_table_per_name(names: &str) -> Schema {
    let mut schema = Schema::default();
    for line in names.lines().take(64) {
        let cut = (0..=line.len().min(189))
            .rev()
            .find(|&i| line.is_char_boundary(i))
            .unwrap_or(0);
        let line = &line[..cut];
        let name =
            QualifiedName::parse(line).unwrap_or_else(|_| QualifiedName::new(DEFAULT_SCHEMA, line));
        let mut table = Table::default();
        table
            .columns
            .insert(line.to_string(), Column::of_type("text"));
        schema.tables.insert(name, table);
    }
    schema
}

/// `apply --plan FILE`: read, then shown and written again; what is read back must be the same.
pub fn plan_json(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let path = Path::new("plan.json");
    let Ok(plan) = crate::plan::parse_json(text, path) else {
        return;
    };
    let _ = crate::plan::render_human(&plan, false);
    let again = crate::plan::render_json(&plan);
    match crate::plan::parse_json(&again, path) {
        Ok(back) => assert!(back == plan, "a plan written and read back changed"),
        Err(e) => panic!("a plan pgdrift wrote is unreadable: {e}"),
    }
}

/// A snapshot (`--against`, `squash --from`): read, compared both ways, squashed, written again.
pub fn snapshot(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let Ok(schema) = crate::load::load_snapshot_str(text, Path::new("snap.yaml")) else {
        return;
    };
    let _ = diff(&schema, &Schema::default());
    let changes = diff(&Schema::default(), &schema);
    let plan_opts = crate::plan::PlanOptions::default();
    let _ = crate::plan::build_plan(&Schema::default(), &schema, &changes, &plan_opts);
    let _ = crate::squash::script(&schema, crate::squash::ViewsOutput::Separate);
    let _ = crate::app::snapshot_yaml(&schema);
}
