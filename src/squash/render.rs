//! The squash as text: plain SQL, an Alembic revision (Python literals, revision ids), or an
//! up/down pair of files in a folder.

use std::path::{Path, PathBuf};

use super::fingerprint::fingerprint;
use super::script::Script;
use super::{Format, SquashError, SquashSource};
use crate::alembic;
use crate::ddl::{self, Statement};
use crate::error::Error;
use crate::model::{Schema, DEFAULT_SCHEMA};

/// What the header says about a squash.
#[derive(Debug, Clone)]
pub struct Meta {
    pub source: String,
    pub postgres: Option<u32>,
    pub schemas: Vec<String>,
    pub fingerprint: String,
    pub tables: usize,
    pub views: usize,
    /// Estimated relations the migration creates (each takes a lock until COMMIT).
    pub relations: usize,
}

/// Above this many relations created in one transaction, PostgreSQL's default lock table
/// (`max_locks_per_transaction` 64 x `max_connections` 100) may run out.
pub const LOCK_WARNING_RELATIONS: usize = 6400;

/// Relations a build of `schema` creates: each table with its TOAST table and index, every index
/// (including those behind primary key, unique and exclusion constraints), sequences (identity
/// ones too), views and materialized-view indexes.
pub fn relation_estimate(schema: &Schema) -> usize {
    let mut n = schema.sequences.len();
    for t in schema.tables.values() {
        n += 3
            + t.indexes.len()
            + t.unique.len()
            + t.exclusions.len()
            + usize::from(t.primary_key.is_some())
            + t.columns.values().filter(|c| c.identity.is_some()).count();
    }
    for v in schema.views.values() {
        n += 1 + v.indexes.len() + if v.materialized { 2 } else { 0 };
    }
    n
}

impl Meta {
    pub fn new(src: &SquashSource) -> Meta {
        let mut schemas = vec![DEFAULT_SCHEMA.to_string()];
        for s in &src.schema.schemas {
            if !schemas.contains(s) {
                schemas.push(s.clone());
            }
        }
        Meta {
            source: src.label.clone(),
            postgres: src.major,
            schemas,
            fingerprint: fingerprint(&src.schema),
            tables: src.schema.tables.len(),
            views: src.schema.views.len(),
            relations: relation_estimate(&src.schema),
        }
    }

    fn lines(&self, what: &str) -> Vec<String> {
        let mut lines = vec![
            format!("pgdrift squash: {what}"),
            format!("source: {}", one_line(&self.source)),
            format!(
                "postgres: {}",
                self.postgres
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| "unknown".to_string())
            ),
            format!("schemas: {}", self.schemas.join(", ")),
            format!("fingerprint: {}", self.fingerprint),
            format!("objects: {} tables, {} views", self.tables, self.views),
        ];
        if self.relations > LOCK_WARNING_RELATIONS {
            lines.push(self.lock_note());
        }
        lines
    }

    /// Said in the header and on stderr when one transaction may exceed the lock table.
    pub fn lock_note(&self) -> String {
        format!(
            "note: about {} relations are created in one transaction; if PostgreSQL reports \
             \"out of shared memory\", raise max_locks_per_transaction on the target server \
             (e.g. to {}) for the run",
            self.relations,
            (self.relations / 100 + 1).next_power_of_two().max(128)
        )
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// Plain SQL in one transaction, psql-compatible.
pub fn render_sql(meta: &Meta, what: &str, statements: &[Statement]) -> String {
    let mut out = String::new();
    for line in meta.lines(what) {
        out.push_str("-- ");
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    out.push_str("BEGIN;\n\n");
    out.push_str(&ddl::render_script(statements));
    out.push_str("\nCOMMIT;\n");
    out
}

/// An Alembic revision: `upgrade()` runs the statements in order, `downgrade()` the drops.
/// Statements run through `exec_driver_sql` with `no_parameters`, so neither `:name` nor `%` in
/// the SQL (string literals, comments) is taken for a bind parameter; offline (`--sql`) mode
/// prints them verbatim.
pub fn render_alembic(meta: &Meta, revision: &str, message: &str, script: &Script) -> String {
    let lines =
        meta.lines("an Alembic revision that builds the whole schema from an empty database");
    let mut out = alembic::head(message, revision, None, &lines);
    out.push_str("\n\ndef upgrade() -> None:\n");
    push_calls(&mut out, &script.migration);
    out.push_str("\n\ndef downgrade() -> None:\n");
    push_calls(&mut out, &script.down);
    out
}

fn push_calls(out: &mut String, statements: &[Statement]) {
    if statements.is_empty() {
        out.push_str("    pass\n");
    }
    for st in statements {
        out.push_str(&alembic::execute_call(
            4,
            std::slice::from_ref(&st.object),
            &st.sql,
        ));
    }
}

/// `add genes table` -> `add_genes_table`; never empty.
pub fn slug(message: &str) -> String {
    alembic::slug(message, "squash")
}

pub(super) fn check_revision(id: &str) -> Result<(), SquashError> {
    if alembic::valid_revision(id) {
        Ok(())
    } else {
        Err(SquashError::BadRevision(id.to_string()))
    }
}

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// None: stdout.
    pub path: Option<PathBuf>,
    pub text: String,
}

pub(super) const MIGRATION: &str =
    "one migration that builds the whole schema from an empty database";
pub(super) const VIEWS: &str = "the views of the squashed schema (run after the migration)";

/// Everything `squash` writes, from the arguments that shape the output.
pub fn render(
    src: &SquashSource,
    script: &Script,
    format: Format,
    out: Option<&Path>,
    revision: Option<&str>,
    message: Option<&str>,
    views_file: Option<&Path>,
) -> Result<Vec<OutFile>, SquashError> {
    let meta = Meta::new(src);
    let message = message.unwrap_or("squashed schema");
    let text = match format {
        Format::Sql => render_sql(&meta, MIGRATION, &script.migration),
        Format::Alembic => alembic_text(&meta, script, revision, message)?,
        Format::Dir => return dir_files(&meta, script, out, revision, message, views_file),
    };
    let mut files = vec![OutFile {
        path: out.map(Path::to_path_buf),
        text,
    }];
    if !script.views.is_empty() {
        files.push(OutFile {
            path: Some(views_path(views_file, out)?),
            text: render_sql(&meta, VIEWS, &script.views),
        });
    }
    Ok(files)
}

/// The Alembic revision; its id defaults to the first 12 hex digits of the fingerprint, so the
/// same schema always gets the same revision.
fn alembic_text(
    meta: &Meta,
    script: &Script,
    revision: Option<&str>,
    message: &str,
) -> Result<String, SquashError> {
    let default_rev = meta
        .fingerprint
        .trim_start_matches("sha256:")
        .chars()
        .take(12)
        .collect::<String>();
    let rev = revision.unwrap_or(&default_rev);
    check_revision(rev)?;
    Ok(render_alembic(meta, rev, message, script))
}

/// `<out>/<version>_<slug>.up.sql`, `.down.sql` and (separate views) `.views.sql`.
fn dir_files(
    meta: &Meta,
    script: &Script,
    out: Option<&Path>,
    revision: Option<&str>,
    message: &str,
    views_file: Option<&Path>,
) -> Result<Vec<OutFile>, SquashError> {
    let dir = out.ok_or(SquashError::DirNeedsOut)?;
    let version = revision.unwrap_or("0001");
    check_revision(version)?;
    let base = format!("{version}_{}", slug(message));
    let mut files = vec![
        OutFile {
            path: Some(dir.join(format!("{base}.up.sql"))),
            text: render_sql(meta, MIGRATION, &script.migration),
        },
        OutFile {
            path: Some(dir.join(format!("{base}.down.sql"))),
            text: render_sql(
                meta,
                "drops everything the matching .up.sql created",
                &script.down,
            ),
        },
    ];
    if !script.views.is_empty() {
        let p = match views_file {
            Some(p) => p.to_path_buf(),
            None => dir.join(format!("{base}.views.sql")),
        };
        files.push(OutFile {
            path: Some(p),
            text: render_sql(meta, VIEWS, &script.views),
        });
    }
    Ok(files)
}

fn views_path(views_file: Option<&Path>, out: Option<&Path>) -> Result<PathBuf, SquashError> {
    if let Some(p) = views_file {
        return Ok(p.to_path_buf());
    }
    let out = out.ok_or(SquashError::ViewsFileNeeded)?;
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "squash".to_string());
    Ok(out.with_file_name(format!("{stem}.views.sql")))
}

pub(super) fn write_file(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(|e| Error::Io {
                path: parent.to_path_buf(),
                source: e,
            })?;
        }
    }
    std::fs::write(path, text).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Squash: 2024 schema!"), "squash_2024_schema");
        assert_eq!(slug("!!!"), "squash");
    }

    #[test]
    fn revisions_are_checked() {
        assert!(check_revision("abc123").is_ok());
        assert!(check_revision("a'b").is_err());
        assert!(check_revision(&"x".repeat(33)).is_err());
        assert!(check_revision("").is_err());
    }
}
