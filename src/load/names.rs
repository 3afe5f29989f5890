//! Names PostgreSQL would give: `makeObjectName()`, default key names, serial sequences.

use super::MAX_IDENT_BYTES;
use crate::model::{QualifiedName, DEFAULT_SCHEMA};

// ---------------------------------------------------------------------------------------------
// Resolution: what PostgreSQL fills in.

/// PostgreSQL's `makeObjectName()`: `name1[_name2][_label]`, shortening the longer of the two
/// names (byte-wise, on a character boundary) until the whole fits in 63 bytes.
pub fn make_object_name(name1: &str, name2: Option<&str>, label: Option<&str>) -> String {
    let overhead = label.map(|l| l.len() + 1).unwrap_or(0) + usize::from(name2.is_some());
    let avail = MAX_IDENT_BYTES.saturating_sub(overhead);
    let mut n1 = name1.len();
    let mut n2 = name2.map(str::len).unwrap_or(0);
    while n1 + n2 > avail {
        if n1 > n2 {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    let clip = |s: &str, mut n: usize| {
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        s[..n].to_string()
    };
    let mut out = clip(name1, n1);
    if let Some(n) = name2 {
        out.push('_');
        out.push_str(&clip(n, n2));
    }
    if let Some(l) = label {
        out.push('_');
        out.push_str(l);
    }
    out
}

/// `<table>_pkey`, truncated the way PostgreSQL does.
pub fn default_pk_name(table: &str) -> String {
    make_object_name(table, None, Some("pkey"))
}

/// `<table>_<col1>_<col2>_key` (PostgreSQL joins the columns with `_` into one name2).
pub fn default_unique_name(table: &str, columns: &[String]) -> String {
    make_object_name(table, Some(&columns.join("_")), Some("key"))
}

pub(crate) fn serial_kind(t: &str) -> Option<&'static str> {
    match t.trim().to_ascii_lowercase().as_str() {
        "serial" | "serial4" => Some("integer"),
        "bigserial" | "serial8" => Some("bigint"),
        "smallserial" | "serial2" => Some("smallint"),
        _ => None,
    }
}

pub(crate) fn yaml_part(part: &str) -> String {
    if part.is_empty() || part.contains('.') || part.contains('"') {
        format!("\"{}\"", part.replace('"', "\"\""))
    } else {
        part.to_string()
    }
}

/// Splits `table.column` / `schema.table.column` (parts quoted as in QualifiedName).
pub fn split_owned_by(text: &str) -> Option<(QualifiedName, String)> {
    // Reuse the name parser on the prefix: the column is the last dot-separated part.
    let mut in_quote = false;
    let mut last_dot = None;
    for (i, ch) in text.char_indices() {
        match ch {
            '"' => in_quote = !in_quote,
            '.' if !in_quote => last_dot = Some(i),
            _ => {}
        }
    }
    let dot = last_dot?;
    let table = QualifiedName::parse(&text[..dot]).ok()?;
    let col = QualifiedName::parse(&text[dot + 1..]).ok()?;
    if col.schema != DEFAULT_SCHEMA {
        return None;
    }
    Some((table, col.name))
}
