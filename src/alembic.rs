//! Alembic revision files, shared by `squash --format alembic` and `plan --format alembic`:
//! Python literals that hold SQL exactly, revision ids, the statement-running helper every
//! revision carries, and the current head of a versions folder or of a database.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Why no revision can be written.
#[derive(Debug, thiserror::Error)]
pub enum AlembicError {
    #[error("{where_}: several Alembic heads ({}); merge them first (`alembic merge heads`), then plan again", heads.join(", "))]
    SeveralHeads { where_: String, heads: Vec<String> },
    #[error("{}: the revision files form no chain with a head (a cycle in down_revision?)", dir.display())]
    NoHead { dir: PathBuf },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} only applies to --format alembic")]
    OnlyWithAlembic(&'static str),
    #[error("{url}: reading alembic_version failed: {message}")]
    Db { url: String, message: String },
}

/// A Python string literal holding `text` exactly: triple-quoted for readability, every
/// backslash escaped (so no sequence of the SQL can bend the literal), quotes escaped where they
/// could end it, control characters other than newline written as escapes.
pub fn python_literal(text: &str) -> String {
    let mut out = String::from("\"\"\"\\\n");
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            // A quote is escaped only before another quote or at the end, so unescaped quotes
            // never run three long and never touch the closing `"""`; SQL stays readable.
            '"' if matches!(chars.peek(), None | Some('"')) => out.push_str("\\\""),
            '\n' => out.push('\n'),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            // Line separators Python's tokenizer or editors may treat as line ends.
            '\u{85}' | '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
}

/// A one-line Python string literal (`"..."`).
pub fn python_short_literal(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            '\u{85}' | '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` on one line (for `#` comments and the docstring's first line).
pub fn one_line(text: &str) -> String {
    text.replace(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'], " ")
}

/// The module docstring: the message, the revision and what it revises.
pub fn docstring(message: &str, revision: &str, revises: Option<&str>) -> String {
    let doc = message
        .replace('\\', "\\\\")
        .replace("\"\"\"", "\\\"\\\"\\\"");
    format!(
        "\"\"\"{}\n\nRevision ID: {revision}\nRevises:{}\n\"\"\"\n",
        one_line(&doc),
        revises.map(|r| format!(" {r}")).unwrap_or_default()
    )
}

/// The module-level assignments Alembic reads.
pub fn identifiers(revision: &str, down_revision: Option<&str>) -> String {
    format!(
        "revision = {}\ndown_revision = {}\nbranch_labels = None\ndepends_on = None\n",
        python_short_literal(revision),
        down_revision
            .map(python_short_literal)
            .unwrap_or_else(|| "None".to_string())
    )
}

pub const IMPORTS: &str = "from alembic import context, op\n";

/// `_execute`, which runs one statement through `exec_driver_sql` with `no_parameters`, so
/// neither `:name` nor `%` in the SQL (string literals, comments) is taken for a bind parameter;
/// offline (`--sql`) mode prints it verbatim.
pub const EXECUTE_HELPER: &str = "def _execute(sql: str) -> None:\n    \
     \"\"\"Runs one statement exactly as written (no bind-parameter parsing of ':name' or '%').\"\"\"\n    \
     if context.is_offline_mode():\n        \
     op.get_context().impl.static_output(sql + \";\\n\")\n    \
     else:\n        \
     op.get_bind().exec_driver_sql(sql, execution_options={\"no_parameters\": True})\n";

/// Everything before `upgrade()`: docstring, `extra` comment lines, imports, identifiers and
/// the `_execute` helper.
pub fn head(
    message: &str,
    revision: &str,
    down_revision: Option<&str>,
    extra: &[String],
) -> String {
    let mut out = docstring(message, revision, down_revision);
    for line in extra {
        out.push_str(&format!("# {}\n", one_line(line)));
    }
    out.push('\n');
    out.push_str(IMPORTS);
    out.push('\n');
    out.push_str(&identifiers(revision, down_revision));
    out.push_str("\n\n");
    out.push_str(EXECUTE_HELPER);
    out
}

/// One `_execute` call at `indent` spaces, after a comment line per line of `comments`.
pub fn execute_call(indent: usize, comments: &[String], sql: &str) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for c in comments {
        out.push_str(&format!("{pad}# {}\n", one_line(c)));
    }
    out.push_str(&format!("{pad}_execute({})\n", python_literal(sql)));
    out
}

/// `add genes table` -> `add_genes_table`; `fallback` when nothing usable is left.
pub fn slug(message: &str, fallback: &str) -> String {
    let mut s = String::new();
    for c in message.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('_') && !s.is_empty() {
            s.push('_');
        }
    }
    let mut s = s.trim_end_matches('_').to_string();
    s.truncate(48);
    let s = s.trim_end_matches('_').to_string();
    if s.is_empty() {
        fallback.to_string()
    } else {
        s
    }
}

/// Whether `id` fits `alembic_version.version_num` (at most 32 characters) and a file name and
/// a Python literal without surprises.
pub fn valid_revision(id: &str) -> bool {
    !id.is_empty()
        && id.chars().count() <= 32
        && !id
            .chars()
            .any(|c| c.is_whitespace() || c == '\'' || c == '"' || c == '\\' || c == '/')
}

/// A fresh revision id: 12 hex digits, like Alembic's own, from `seed`, the time and the process.
pub fn fresh_revision(seed: &str) -> String {
    use sha2::{Digest, Sha256};
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let digest = Sha256::digest(format!("{seed}\0{nanos}\0{}", std::process::id()).as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// What one revision file declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionFile {
    pub revision: String,
    /// Empty for a base revision; two or more for a merge.
    pub down_revisions: Vec<String>,
}

/// The `revision` and `down_revision` assignments of a revision file (plain or annotated, e.g.
/// `down_revision: Union[str, None] = "abc"`, a tuple for merges); `None` when the file assigns
/// no revision (not a revision file).
pub fn parse_revision_file(text: &str) -> Option<RevisionFile> {
    let revision = assignment(text, "revision")?.into_iter().next()?;
    let down_revisions = assignment(text, "down_revision").unwrap_or_default();
    Some(RevisionFile {
        revision,
        down_revisions,
    })
}

/// The strings assigned to `name` at module level (a tuple or list may span lines); `None` when
/// there is no such assignment.
fn assignment(text: &str, name: &str) -> Option<Vec<String>> {
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(rest) = line.strip_prefix(name) else {
            continue;
        };
        let rest = rest.trim_start();
        let value = match rest.strip_prefix(':') {
            // An annotation: the value follows the first `=` after it.
            Some(annotated) => annotated.split_once('=')?.1,
            None => match rest.strip_prefix('=') {
                Some(v) if !v.starts_with('=') => v,
                _ => continue,
            },
        };
        let mut value = value.to_string();
        let opens = value.contains('(') || value.contains('[');
        while opens && !value.contains(')') && !value.contains(']') {
            match lines.next() {
                Some(more) => value.push_str(more),
                None => break,
            }
        }
        return Some(quoted_strings(&value));
    }
    None
}

/// The contents of every '...' or "..." in `text` (revision ids hold no quotes or backslashes).
fn quoted_strings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '#' {
            break;
        }
        if c == '\'' || c == '"' {
            let s: String = chars.by_ref().take_while(|&x| x != c).collect();
            out.push(s);
        }
    }
    out
}

/// The head of the revision files in `dir` (its `*.py` files): `None` when it holds none.
pub fn dir_head(dir: &Path) -> Result<Option<String>, AlembicError> {
    let io = |path: &Path, source| AlembicError::Io {
        path: path.to_path_buf(),
        source,
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(dir, e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| io(dir, e))?.path();
        if path.extension().is_some_and(|x| x == "py") {
            let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
            files.extend(parse_revision_file(&text));
        }
    }
    if files.is_empty() {
        return Ok(None);
    }
    let heads = heads(&files);
    match heads.as_slice() {
        [] => Err(AlembicError::NoHead {
            dir: dir.to_path_buf(),
        }),
        [one] => Ok(Some(one.clone())),
        _ => Err(AlembicError::SeveralHeads {
            where_: dir.display().to_string(),
            heads,
        }),
    }
}

/// Revisions no other revision revises, sorted.
pub fn heads(files: &[RevisionFile]) -> Vec<String> {
    let revised: BTreeSet<&str> = files
        .iter()
        .flat_map(|f| f.down_revisions.iter().map(String::as_str))
        .collect();
    let heads: BTreeSet<String> = files
        .iter()
        .filter(|f| !revised.contains(f.revision.as_str()))
        .map(|f| f.revision.clone())
        .collect();
    heads.into_iter().collect()
}

/// The revision recorded in the database's `alembic_version` (as the search path finds it):
/// `None` without the table or a row.
pub async fn db_head(url: &crate::conn::DbUrl) -> Result<Option<String>, crate::Error> {
    let client = url.connect().await?;
    let failed = |e: tokio_postgres::Error| AlembicError::Db {
        url: url.redacted(),
        message: crate::conn::describe_pg_error(&e, ""),
    };
    let exists: bool = client
        .query_one("SELECT to_regclass('alembic_version') IS NOT NULL", &[])
        .await
        .map_err(failed)?
        .get(0);
    if !exists {
        return Ok(None);
    }
    let rows = client
        .query(
            "SELECT version_num::text FROM alembic_version ORDER BY 1",
            &[],
        )
        .await
        .map_err(failed)?;
    let heads: Vec<String> = rows.iter().map(|r| r.get::<_, String>(0)).collect();
    match heads.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        _ => Err(AlembicError::SeveralHeads {
            where_: format!("{} (alembic_version)", url.redacted()),
            heads,
        }
        .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_literals_escape_everything_that_matters() {
        assert_eq!(
            python_literal("a\"\"\"b\\c\nd\te \"x\""),
            "\"\"\"\\\na\\\"\\\"\"b\\\\c\nd\\te \"x\\\"\"\"\""
        );
        assert_eq!(python_short_literal("x\"y"), "\"x\\\"y\"");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Squash: 2024 schema!", "squash"), "squash_2024_schema");
        assert_eq!(slug("!!!", "squash"), "squash");
    }

    #[test]
    fn revisions_are_checked() {
        assert!(valid_revision("abc123"));
        assert!(!valid_revision("a'b"));
        assert!(!valid_revision(&"x".repeat(33)));
        assert!(!valid_revision(""));
        let r = fresh_revision("x");
        assert_eq!(r.len(), 12);
        assert!(valid_revision(&r));
    }

    #[test]
    fn revision_files_are_read() {
        let plain = "revision = 'a1'\ndown_revision = None\n";
        assert_eq!(
            parse_revision_file(plain),
            Some(RevisionFile {
                revision: "a1".into(),
                down_revisions: vec![]
            })
        );
        let typed = "revision: str = \"b2\"\ndown_revision: Union[str, None] = \"a1\"  # x\n";
        assert_eq!(
            parse_revision_file(typed).map(|f| f.down_revisions),
            Some(vec!["a1".to_string()])
        );
        let merge = "revision = 'm'\ndown_revision = (\n    'b2',\n    'c3',\n)\n";
        assert_eq!(
            parse_revision_file(merge).map(|f| f.down_revisions),
            Some(vec!["b2".to_string(), "c3".to_string()])
        );
        assert_eq!(parse_revision_file("import os\n"), None);
        assert_eq!(
            parse_revision_file("revision == 'x'\nrevision = 'y'\n").map(|f| f.revision),
            Some("y".to_string())
        );
    }

    #[test]
    fn heads_of_a_history() {
        let f = |r: &str, d: &[&str]| RevisionFile {
            revision: r.into(),
            down_revisions: d.iter().map(|s| s.to_string()).collect(),
        };
        assert_eq!(heads(&[f("a", &[]), f("b", &["a"])]), vec!["b"]);
        assert_eq!(
            heads(&[f("a", &[]), f("b", &["a"]), f("c", &["a"])]),
            vec!["b", "c"]
        );
        assert_eq!(
            heads(&[
                f("a", &[]),
                f("b", &["a"]),
                f("c", &["a"]),
                f("m", &["b", "c"])
            ]),
            vec!["m"]
        );
    }
}
