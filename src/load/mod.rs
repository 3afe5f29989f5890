//! The declared-schema loader: `schema.yaml` + `views/*.sql` -> [`Declared`].
//!
//! Parsing is serde (the YAML format is the serde form of [`Schema`]); positions come from a
//! second, light pass over the YAML parser's events, because serde hides them inside the
//! model's custom visitors. After parsing, the loader resolves what PostgreSQL would fill in
//! (serial columns, default constraint names, canonical type names) and validates references,
//! so that mistakes are reported as `file:line:col` instead of as a server error much later.

use std::path::{Path, PathBuf};

use crate::model::Schema;

mod names;
mod resolve;
mod source;
pub(crate) mod sql;
#[cfg(test)]
mod tests;
pub(crate) mod validate;
pub(crate) mod yaml;

pub use crate::kinds::function::load::sql_files;
pub use crate::kinds::index::load::parse_index_definition;
pub use names::{default_pk_name, default_unique_name, make_object_name, split_owned_by};
pub(crate) use names::{serial_kind, yaml_part};
pub(crate) use source::Cx;
pub use source::{ObjectKey, Problem, SourceLoc, SourceMap};
pub(crate) use sql::{comment_tail, lex, line_col, Stmt, Tok, Token};

/// PostgreSQL's NAMEDATALEN - 1: identifiers longer than this are truncated by the server.
pub const MAX_IDENT_BYTES: usize = 63;

/// A loaded project: the schema plus where each object was declared.
#[derive(Debug, Clone, Default)]
pub struct Declared {
    pub schema: Schema,
    pub sources: SourceMap,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Every problem found (not only the first), one per line.
    #[error("{}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid { problems: Vec<Problem> },
}

impl LoadError {
    fn one(
        file: &Path,
        line: usize,
        column: usize,
        object: Option<String>,
        message: String,
    ) -> Self {
        LoadError::Invalid {
            problems: vec![Problem {
                file: file.to_path_buf(),
                line,
                column,
                object,
                message,
            }],
        }
    }

    pub fn problems(&self) -> &[Problem] {
        match self {
            LoadError::Invalid { problems } => problems,
            LoadError::Io { .. } => &[],
        }
    }
}

fn read(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// A warning when `schema_file` holds no YAML at all (empty, or only comments): a wrong path or
/// a file emptied by mistake would otherwise pass as "declares no tables" and make every object
/// in the database look extra. `tables: {}` says "nothing" on purpose and gets no warning, and
/// so does a project that declares its objects only in SQL files (views, functions, triggers).
pub fn empty_declaration_warning(schema_file: &Path, views_dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(schema_file).ok()?;
    let empty = text
        .lines()
        .map(str::trim)
        .all(|l| l.is_empty() || l.starts_with('#') || l == "---" || l == "...");
    let has_sql = |dir: &Path| {
        std::fs::read_dir(dir).is_ok_and(|mut entries| {
            entries.any(|e| e.is_ok_and(|e| e.path().extension().is_some_and(|x| x == "sql")))
        })
    };
    let sql_files = crate::kinds::function::load::sql_files(schema_file).unwrap_or_default();
    let empty = empty && sql_files.is_empty() && !has_sql(views_dir);
    empty.then(|| {
        format!(
            "{} is empty (no YAML, only blanks or comments): it declares nothing, so every object in the database counts as extra; check the path (--schema-file), or write `tables: {{}}` to declare an empty schema on purpose",
            schema_file.display()
        )
    })
}

/// Loads `schema.yaml` and every `*.sql` file in `views_dir` (a missing folder means no views).
pub fn load_project(schema_file: &Path, views_dir: &Path) -> Result<Declared, LoadError> {
    let text = read(schema_file)?;
    let mut views = Vec::new();
    match std::fs::read_dir(views_dir) {
        Ok(entries) => {
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "sql") && p.is_file())
                .collect();
            files.sort();
            for f in files {
                let t = read(&f)?;
                views.push((f, t));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(LoadError::Io {
                path: views_dir.to_path_buf(),
                source,
            })
        }
    }
    let mut routines = Vec::new();
    let files =
        crate::kinds::function::load::sql_files(schema_file).map_err(|source| LoadError::Io {
            path: schema_file.to_path_buf(),
            source,
        })?;
    for f in files {
        let t = read(&f)?;
        routines.push((f, t));
    }
    load_parts_with(&text, schema_file, &views, &routines)
}

/// Loads a schema from YAML text (no view files); `file_name` is used in messages.
pub fn load_schema_str(text: &str, file_name: &str) -> Result<Declared, LoadError> {
    load_parts(text, Path::new(file_name), &[])
}

/// The problems loading `yaml` as `schema.yaml` reports, as their lines (none when it loads).
#[cfg(test)]
pub(crate) fn problem_lines(yaml: &str) -> Vec<String> {
    match load_schema_str(yaml, "schema.yaml") {
        Ok(_) => Vec::new(),
        Err(e) => e.problems().iter().map(|p| p.to_string()).collect(),
    }
}

/// Loads a schema from YAML text plus view files given as (path, text).
pub fn load_parts(
    text: &str,
    file: &Path,
    views: &[(PathBuf, String)],
) -> Result<Declared, LoadError> {
    load_parts_with(text, file, views, &[])
}

/// [`load_parts`] plus routine, trigger and rule files (`functions/*.sql`, `triggers/*.sql`,
/// `rules/*.sql`: a file's folder says which).
pub fn load_parts_with(
    text: &str,
    file: &Path,
    views: &[(PathBuf, String)],
    routines: &[(PathBuf, String)],
) -> Result<Declared, LoadError> {
    let mut schema = yaml::parse_yaml(text, file)?;
    let tree = yaml::yaml_tree(text);
    let mut cx = Cx {
        file: file.to_path_buf(),
        problems: Vec::new(),
        sources: SourceMap::default(),
        ignore_locs: Vec::new(),
    };
    if !schema.views.is_empty() {
        let (l, c) = tree
            .as_ref()
            .and_then(|t| t.entry("views"))
            .unwrap_or((1, 1));
        cx.problem(l, c, None, "views are declared as SQL files in the views folder, not in schema.yaml (only snapshots keep them inline)".into());
    }
    if !schema.unsupported.is_empty() {
        let (l, c) = tree
            .as_ref()
            .and_then(|t| t.entry("unsupported"))
            .unwrap_or((1, 1));
        cx.problem(l, c, None, "`unsupported:` lists what pgdrift found in a database but cannot model; snapshots carry it, a declared schema cannot declare it (remove the key)".into());
    }
    if let Some(t) = &tree {
        yaml::record_positions(t, &mut cx, &schema);
    }
    if schema.lint.is_some() {
        let name = file.display().to_string();
        if let Some((l, c, msg)) = crate::lint::Config::problem_in(text, &name) {
            cx.problem(l, c, None, msg);
        }
    }
    crate::kinds::view::load::load_files(views, &mut schema, &mut cx);
    if !schema.functions.is_empty() || !schema.triggers.is_empty() || !schema.rules.is_empty() {
        let (l, c) = tree
            .as_ref()
            .and_then(|t| {
                let keys = ["functions", "triggers", "rules"];
                keys.iter().find_map(|k| t.entry(k))
            })
            .unwrap_or((1, 1));
        cx.problem(l, c, None, "functions, triggers and rules are declared as SQL files in the functions/, triggers/ and rules/ folders, not in schema.yaml (only snapshots keep them inline)".into());
    }
    let (rules, routines): (Vec<_>, Vec<_>) = routines
        .iter()
        .cloned()
        .partition(|(p, _)| crate::kinds::rule::load::is_rule_file(p));
    crate::kinds::function::load::load_files(
        &routines,
        &mut schema,
        &mut cx.sources,
        &mut cx.problems,
    );
    crate::kinds::rule::load::load_files(&rules, &mut schema, &mut cx);
    resolve::resolve(&mut schema, &mut cx);
    resolve::implicit_schemas(&mut schema);
    validate::validate(&schema, &mut cx);
    if cx.problems.is_empty() {
        Ok(Declared {
            schema,
            sources: cx.sources,
        })
    } else {
        Err(LoadError::Invalid {
            problems: cx.problems,
        })
    }
}

/// Loads a snapshot: a [`Schema`] serialized to YAML, views inline. Types are taken as written
/// (a snapshot comes from introspection and is already canonical).
pub fn load_snapshot(path: &Path) -> Result<Schema, LoadError> {
    let text = read(path)?;
    load_snapshot_str(&text, path)
}

/// [`load_snapshot`] of text already read; `path` is used in messages.
pub fn load_snapshot_str(text: &str, path: &Path) -> Result<Schema, LoadError> {
    yaml::parse_yaml(text, path)
}
