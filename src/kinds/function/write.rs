//! `inspect` output for routines and triggers: `functions/<name>.sql` (one file per routine
//! name, so overloads sit together) and `triggers/<table>.sql` (every trigger of one table or
//! view, with its enabled state and comment). Both folders mirror the schema: `.sql` files not
//! written are removed. `load` reads them back to the same model.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::model::{QualifiedName, Schema};
use crate::write::view_file_name;

use super::{ddl, load::FOLDERS};

/// Writes both folders under `out_dir`.
pub fn write_files(schema: &Schema, out_dir: &Path) -> std::io::Result<()> {
    let mut routines: BTreeMap<&QualifiedName, String> = BTreeMap::new();
    for (key, f) in &schema.functions {
        let text = routines.entry(&key.name).or_default();
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&format!("{};\n", ddl::create(f)));
        if f.comment.is_some() {
            text.push_str(&format!(
                "{};\n",
                ddl::comment(key, f.kind, f.comment.as_deref())
            ));
        }
    }
    let mut triggers: BTreeMap<&QualifiedName, String> = BTreeMap::new();
    for (table, ts) in &schema.triggers {
        let text = triggers.entry(table).or_default();
        for (name, t) in ts {
            if !text.is_empty() {
                text.push('\n');
            }
            for st in crate::kinds::trigger::ddl::build(table, name, t) {
                text.push_str(&format!("{};\n", st.sql));
            }
        }
    }
    mirror(&out_dir.join(FOLDERS[0]), &routines)?;
    mirror(&out_dir.join(FOLDERS[1]), &triggers)
}

/// Writes one file per name into `dir` (created only when there is something to write) and
/// removes the `.sql` files it did not write.
pub(crate) fn mirror(dir: &Path, files: &BTreeMap<&QualifiedName, String>) -> std::io::Result<()> {
    if files.is_empty() && !dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    let mut written: HashSet<String> = HashSet::new();
    for (name, text) in files {
        let base = view_file_name(name);
        let mut file = base.clone();
        let mut n = 2;
        while written.contains(&file) {
            file = format!("{}_{n}.sql", base.trim_end_matches(".sql"));
            n += 1;
        }
        std::fs::write(dir.join(&file), text)?;
        written.insert(file);
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let is_sql = path.extension().is_some_and(|e| e == "sql");
        if is_sql && path.is_file() && !written.contains(&name) {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}
