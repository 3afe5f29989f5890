//! An independent witness for `squash --verify`: `pg_dump --schema-only` of the source and of
//! the rebuilt database, compared statement by statement.
//!
//! `--verify` compares the two databases through pgdrift's own model, so whatever the model does
//! not hold (functions, triggers, policies, grants, partitioning, ...) is invisible to it and
//! would pass as "0 differences". pg_dump knows every object PostgreSQL can dump; if its two dumps
//! agree, the rebuild is exact as far as PostgreSQL itself can tell, and where they disagree the
//! statements say what the squash lost.
//!
//! A dump is compared as a multiset of statements: object order in a dump follows OIDs and
//! dependency sorting, which is not schema. Session setup (`SET`, `set_config`), comments and
//! psql meta-commands (`\restrict KEY`, random per run since pg_dump 15.14/16.10/17.6) are left
//! out. Everything here is deterministic: the same two databases give the same differences in the
//! same order.

use std::collections::{BTreeSet, HashMap};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::conn::{ConnError, DbUrl};
use crate::ephemeral;
use crate::model::{quote_ident, QualifiedName};

/// Statements listed by [`render`]; the rest are counted.
const MAX_LISTED: usize = 100;
/// Lines shown of one statement (a long function body is cut after this many).
const MAX_LINES: usize = 12;
/// Characters shown of one line.
const MAX_LINE_CHARS: usize = 200;
/// Lines of pg_dump's stderr kept in an error.
const STDERR_LINES: usize = 20;
/// Connection settings of the parent environment that would steer pg_dump elsewhere than the
/// URL says; each child gets exactly what the URL gives.
const LIBPQ_ENV: &str =
    "PGHOST PGHOSTADDR PGPORT PGUSER PGPASSWORD PGDATABASE PGOPTIONS PGAPPNAME \
    PGSSLMODE PGREQUIRESSL PGCONNECT_TIMEOUT PGTARGETSESSIONATTRS PGSERVICE PGCHANNELBINDING";

#[derive(Debug, thiserror::Error)]
pub enum WitnessError {
    #[error(transparent)]
    Conn(#[from] ConnError),
    #[error("running {}: {source}", path.display())]
    Spawn {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("pg_dump of {url} failed ({status}):\n{stderr}")]
    Failed {
        url: String,
        status: String,
        stderr: String,
    },
}

// ---------------------------------------------------------------------------------------------
// Finding pg_dump
// ---------------------------------------------------------------------------------------------

/// A pg_dump program and the version it reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgDump {
    pub path: PathBuf,
    pub major: u32,
    /// As `pg_dump --version` prints it, e.g. `16.4`.
    pub version: String,
}

/// Runs `<path> --version`; None when it does not run or does not say a PostgreSQL version.
pub fn probe(path: &Path) -> Option<PgDump> {
    if !ephemeral::is_executable(path) {
        return None;
    }
    let out = Command::new(path)
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    Some(PgDump {
        path: path.to_path_buf(),
        major: ephemeral::parse_version_output(&text)?,
        version: ephemeral::version_token(&text)?.to_string(),
    })
}

/// Where to look for pg_dump for a server of major `major`, in order: `$PGDRIFT_PG_DUMP`, `$PG_BIN`,
/// `$PG_BIN_<major>`, `/usr/lib/postgresql/<major>/bin`, `pg_config --bindir`, `pg_dump` on PATH,
/// then newer numbered installations (oldest first).
pub fn candidates(major: u32) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    for var in ["PG_BIN".to_string(), format!("PG_BIN_{major}")] {
        if let Some(v) = std::env::var_os(&var).filter(|v| !v.is_empty()) {
            dirs.push(PathBuf::from(v));
        }
    }
    dirs.push(PathBuf::from(format!("/usr/lib/postgresql/{major}/bin")));
    dirs.extend(ephemeral::pg_config_bindir());
    // `PGDRIFT_PG_DUMP`: one pg_dump program of any newer major dumps every older server (the
    // @embedded-postgres server packages carry none, so CI's matrix brings one this way).
    let mut out: Vec<PathBuf> = std::env::var_os("PGDRIFT_PG_DUMP")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .into_iter()
        .collect();
    out.extend(dirs.into_iter().map(|d| d.join("pg_dump")));
    if let Some(path) = std::env::var_os("PATH") {
        if let Some(found) = std::env::split_paths(&path)
            .map(|d| d.join("pg_dump"))
            .find(|p| ephemeral::is_executable(p))
        {
            out.push(found);
        }
    }
    for (n, dir) in ephemeral::versioned_bin_dirs() {
        if n > major {
            out.push(dir.join("pg_dump"));
        }
    }
    out
}

/// A pg_dump that can dump a server of major `major`: pg_dump refuses servers newer than itself,
/// and an older one would miss what the newer server has, so it must be at least `major`.
/// Exactly `major` is preferred (its output is what that server's users know); otherwise the
/// first newer one in [`candidates`] order.
pub fn find_pg_dump(major: u32) -> Option<PgDump> {
    let mut seen = BTreeSet::new();
    let mut newer = None;
    for path in candidates(major) {
        let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if !seen.insert(real) {
            continue;
        }
        let Some(found) = probe(&path) else {
            continue;
        };
        if found.major == major {
            return Some(found);
        }
        if found.major > major && newer.is_none() {
            newer = Some(found);
        }
    }
    newer
}

// ---------------------------------------------------------------------------------------------
// Dumping
// ---------------------------------------------------------------------------------------------

/// What to dump of one database.
#[derive(Debug, Clone)]
pub struct DumpTarget {
    pub url: DbUrl,
    /// Only these schemas (`--schema` each; pg_dump then dumps no extensions). None: the whole
    /// database.
    pub schemas: Option<Vec<String>>,
    /// Tables left out (`--exclude-table`), e.g. a migration tool's bookkeeping table.
    pub exclude_tables: Vec<QualifiedName>,
    /// `--no-privileges`: leave grants out of the dump.
    pub no_privileges: bool,
}

impl DumpTarget {
    /// The whole database, nothing excluded.
    pub fn whole(url: DbUrl) -> DumpTarget {
        DumpTarget {
            url,
            schemas: None,
            exclude_tables: Vec::new(),
            no_privileges: false,
        }
    }
}

/// The pg_dump command for `target`. Connection settings, password included, go through the
/// environment ([`DbUrl::libpq_env`]): never on the command line, which other users can read.
/// Names go as quoted patterns, so they match exactly (no wildcards, no case folding).
fn command(pg_dump: &PgDump, target: &DumpTarget) -> Result<Command, WitnessError> {
    let mut cmd = Command::new(&pg_dump.path);
    // Owners differ between a source and its rebuild and are not schema; privileges are.
    cmd.args(["--schema-only", "--no-owner"]);
    if target.no_privileges {
        cmd.arg("--no-privileges");
    }
    for s in target.schemas.iter().flatten() {
        cmd.arg(format!("--schema={}", quote_ident(s)));
    }
    for t in &target.exclude_tables {
        cmd.arg(format!("--exclude-table={}", t.sql()));
    }
    for var in LIBPQ_ENV.split_whitespace() {
        cmd.env_remove(var);
    }
    let env = target.url.libpq_env()?;
    if !env.iter().any(|(k, _)| *k == "PGCONNECT_TIMEOUT") {
        // The same default as pgdrift's own connections.
        cmd.env("PGCONNECT_TIMEOUT", "10");
    }
    cmd.envs(env.into_iter().map(|(k, v)| (OsString::from(k), v)));
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    Ok(cmd)
}

fn finish(target: &DumpTarget, out: std::process::Output) -> Result<String, WitnessError> {
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    let stderr = target.url.scrub(&String::from_utf8_lossy(&out.stderr));
    let lines: Vec<&str> = stderr.lines().collect();
    let tail = lines[lines.len().saturating_sub(STDERR_LINES)..].join("\n");
    Err(WitnessError::Failed {
        url: target.url.redacted(),
        status: out.status.to_string(),
        stderr: tail,
    })
}

/// The schema-only dump of `target`, as pg_dump prints it. The process is killed if the future
/// is dropped (Ctrl-C).
pub async fn dump(pg_dump: &PgDump, target: &DumpTarget) -> Result<String, WitnessError> {
    let cmd = command(pg_dump, target)?;
    let out = tokio::process::Command::from(cmd)
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|source| WitnessError::Spawn {
            path: pg_dump.path.clone(),
            source,
        })?;
    finish(target, out)
}

/// [`dump`] for callers without a runtime (test harnesses, blocking threads).
pub fn dump_blocking(pg_dump: &PgDump, target: &DumpTarget) -> Result<String, WitnessError> {
    let out = command(pg_dump, target)?
        .output()
        .map_err(|source| WitnessError::Spawn {
            path: pg_dump.path.clone(),
            source,
        })?;
    finish(target, out)
}

// ---------------------------------------------------------------------------------------------
// Normalizing and comparing
// ---------------------------------------------------------------------------------------------

/// Session setup pg_dump prints around the objects; it says nothing about the schema.
fn is_noise(statement: &str) -> bool {
    statement.starts_with("SET ") || statement.starts_with("SELECT pg_catalog.set_config(")
}

/// A dump line by line without comment lines, blank lines, session setup and psql
/// meta-commands, in dump order: readable text for a line diff of two dumps.
pub fn normalize_dump(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let t = line.trim_end();
        let meta = t.starts_with("\\restrict") || t.starts_with("\\unrestrict");
        if t.is_empty() || t.starts_with("--") || meta || is_noise(t) {
            continue;
        }
        out.push_str(t);
        out.push('\n');
    }
    out
}

/// The statements of a dump (without their `;`), in dump order, without comments, session setup
/// and psql meta-commands. A small lexer, not a line filter: a function body may hold `;` and
/// `--` lines, which belong to it. Quotes (`'…'`, `E'…'`, `"…"`, `$tag$…$tag$`) and nested
/// `/* */` comments are honoured.
pub fn statements(dump: &str) -> Vec<String> {
    let b = dump.as_bytes();
    let mut out = Vec::new();
    let mut current = String::new();
    let mut run = 0; // start of the text not yet copied into `current`
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        match c {
            b'\\' if (i == 0 || b[i - 1] == b'\n') && (current.trim().is_empty() && run == i) => {
                // A psql meta-command fills its line.
                let end = line_end(b, i);
                current.clear();
                i = end;
                run = end;
            }
            b'\'' => i = skip_string(b, i),
            b'"' => i = skip_doubled(b, i, b'"'),
            b'$' if !(i > 0 && is_ident_byte(b[i - 1])) => match dollar_tag(dump, i) {
                Some(tag) => {
                    let body = i + tag.len();
                    i = dump[body..]
                        .find(tag)
                        .map(|p| body + p + tag.len())
                        .unwrap_or(b.len());
                }
                None => i += 1,
            },
            b'-' if next == Some(b'-') => {
                current.push_str(&dump[run..i]);
                i = line_end(b, i);
                run = i;
            }
            b'/' if next == Some(b'*') => {
                current.push_str(&dump[run..i]);
                i = block_comment_end(b, i);
                run = i;
            }
            b';' => {
                current.push_str(&dump[run..i]);
                push_statement(&mut out, &current);
                current.clear();
                i += 1;
                run = i;
            }
            _ => i += 1,
        }
        if current.trim().is_empty() && run < i && dump[run..i].trim().is_empty() {
            // Whitespace between statements: drop it, so a meta-command is seen at a line start.
            current.clear();
            run = i;
        }
    }
    current.push_str(&dump[run..]);
    push_statement(&mut out, &current);
    out
}

fn push_statement(out: &mut Vec<String>, text: &str) {
    let t = text.trim();
    if !t.is_empty() && !is_noise(t) {
        out.push(t.to_string());
    }
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80
}

/// Index of the `\n` ending the line at `i` (or the end).
fn line_end(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&c| c == b'\n')
        .map(|p| i + p)
        .unwrap_or(b.len())
}

/// Past a quoted token whose quote is escaped by doubling.
fn skip_doubled(b: &[u8], start: usize, q: u8) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        if b[i] == q {
            if b.get(i + 1) == Some(&q) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    b.len()
}

/// Past a string literal; `E'…'` also takes backslash escapes.
fn skip_string(b: &[u8], start: usize) -> usize {
    let escaped = start > 0
        && matches!(b[start - 1], b'E' | b'e')
        && !(start > 1 && is_ident_byte(b[start - 2]));
    if !escaped {
        return skip_doubled(b, start, b'\'');
    }
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\'' if b.get(i + 1) == Some(&b'\'') => i += 2,
            b'\'' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// `$tag$` (or `$$`) starting at `i`, if one does.
fn dollar_tag(text: &str, i: usize) -> Option<&str> {
    let b = text.as_bytes();
    let mut j = i + 1;
    if j < b.len() && (b[j].is_ascii_alphabetic() || b[j] == b'_' || b[j] >= 0x80) {
        while j < b.len() && (is_ident_byte(b[j]) && b[j] != b'$') {
            j += 1;
        }
    }
    (b.get(j) == Some(&b'$')).then(|| &text[i..=j])
}

fn block_comment_end(b: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i + 1 < b.len() {
        match (b[i], b[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    b.len()
}

/// One statement that only one of two dumps holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// The source has it, the rebuilt database does not: the squash lost it.
    OnlyInSource(String),
    /// The rebuilt database has it, the source does not.
    OnlyInRebuilt(String),
}

impl Difference {
    pub fn statement(&self) -> &str {
        match self {
            Difference::OnlyInSource(s) | Difference::OnlyInRebuilt(s) => s,
        }
    }
}

/// The two lists of statements compared as multisets: each statement of one side is matched with
/// an equal one of the other, once. The unmatched ones come out in dump order, the source's
/// first.
pub fn differences(source: &[String], rebuilt: &[String]) -> Vec<Difference> {
    fn counts(list: &[String]) -> HashMap<&str, usize> {
        let mut m = HashMap::new();
        for s in list {
            *m.entry(s.as_str()).or_insert(0) += 1;
        }
        m
    }
    let mut in_rebuilt = counts(rebuilt);
    let mut in_source = counts(source);
    let mut out = Vec::new();
    for s in source {
        match in_rebuilt.get_mut(s.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(Difference::OnlyInSource(s.clone())),
        }
    }
    for s in rebuilt {
        match in_source.get_mut(s.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(Difference::OnlyInRebuilt(s.clone())),
        }
    }
    out
}

/// Dumps both databases (at the same time) and compares them.
pub async fn compare_databases(
    pg_dump: &PgDump,
    source: &DumpTarget,
    rebuilt: &DumpTarget,
) -> Result<Vec<Difference>, WitnessError> {
    let (a, b) = tokio::join!(dump(pg_dump, source), dump(pg_dump, rebuilt));
    Ok(differences(&statements(&a?), &statements(&b?)))
}

// ---------------------------------------------------------------------------------------------
// Outcome and rendering
// ---------------------------------------------------------------------------------------------

/// Why the witness did not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotRun {
    /// No pg_dump of the server's major version or newer.
    NoPgDump { major: u32 },
    /// The source is a snapshot file.
    Snapshot,
    /// The source's major version is unknown (a snapshot without `postgres:`).
    UnknownVersion,
    /// A declared project whose scratch database was dropped when it was resolved.
    SourceDropped,
}

impl std::fmt::Display for NotRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotRun::NoPgDump { major } => {
                write!(f, "no pg_dump for PostgreSQL {major} found (set PG_BIN)")
            }
            NotRun::Snapshot => f.write_str("a snapshot has no database to dump"),
            NotRun::UnknownVersion => f.write_str("the source's PostgreSQL version is unknown"),
            NotRun::SourceDropped => f.write_str(
                "the declared schema's scratch database was already dropped (keep it with squash::resolve_source_held)",
            ),
        }
    }
}

/// What the witness found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Both databases were dumped by pg_dump `version` and compared.
    Compared {
        version: String,
        differences: Vec<Difference>,
    },
    NotRun(NotRun),
}

impl Outcome {
    /// The differences found (none when the witness did not run).
    pub fn differences(&self) -> &[Difference] {
        match self {
            Outcome::Compared { differences, .. } => differences,
            Outcome::NotRun(_) => &[],
        }
    }
}

/// `N statement(s) differ (a only in the source, b only in the rebuilt database)`.
pub fn summary(differences: &[Difference]) -> String {
    let source = differences
        .iter()
        .filter(|d| matches!(d, Difference::OnlyInSource(_)))
        .count();
    format!(
        "{} statement(s) differ ({source} only in the source, {} only in the rebuilt database)",
        differences.len(),
        differences.len() - source
    )
}

/// Every difference on its own, prefixed with the side that has it, indented for a terminal; a
/// long statement shows its first lines, a long line its first characters, and past
/// [`MAX_LISTED`] statements only a count.
pub fn render(differences: &[Difference]) -> String {
    let mut out = String::new();
    for d in differences.iter().take(MAX_LISTED) {
        let prefix = match d {
            Difference::OnlyInSource(_) => "  source only:  ",
            Difference::OnlyInRebuilt(_) => "  rebuilt only: ",
        };
        let lines: Vec<&str> = d.statement().lines().collect();
        let shown = if lines.len() > MAX_LINES {
            MAX_LINES - 2
        } else {
            lines.len()
        };
        for (n, line) in lines.iter().take(shown).enumerate() {
            // pg_dump indents continuation lines itself.
            out.push_str(if n == 0 { prefix } else { "    " });
            out.push_str(&cut(line));
            if n + 1 == lines.len() {
                out.push(';');
            }
            out.push('\n');
        }
        if shown < lines.len() {
            out.push_str(&format!("        … ({} more lines)\n", lines.len() - shown));
        }
    }
    if differences.len() > MAX_LISTED {
        out.push_str(&format!(
            "  … and {} more statement(s)\n",
            differences.len() - MAX_LISTED
        ));
    }
    out
}

fn cut(line: &str) -> String {
    match line.char_indices().nth(MAX_LINE_CHARS) {
        Some((at, _)) => format!("{} …", &line[..at]),
        None => line.to_string(),
    }
}

// Unit tests live in their own file to keep this one readable.
#[cfg(test)]
mod tests;
