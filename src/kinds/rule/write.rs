//! `inspect` output for rules: `rules/<relation>.sql`, every rule of one table or view with its
//! enabled state and comment. The folder mirrors the schema (`.sql` files not written are
//! removed); `load` reads it back to the same model.

use std::collections::BTreeMap;
use std::path::Path;

use crate::kinds::function::write::mirror;
use crate::model::{QualifiedName, Schema};

/// Writes `rules/` under `out_dir`.
pub fn write_files(schema: &Schema, out_dir: &Path) -> std::io::Result<()> {
    let mut files: BTreeMap<&QualifiedName, String> = BTreeMap::new();
    for (relation, rules) in &schema.rules {
        let text = files.entry(relation).or_default();
        for (name, r) in rules {
            if !text.is_empty() {
                text.push('\n');
            }
            for st in super::ddl::build(relation, name, r) {
                text.push_str(&format!("{};\n", st.sql));
            }
        }
    }
    mirror(&out_dir.join(super::load::FOLDER), &files)
}
