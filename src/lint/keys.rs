//! What several rules need: the columns an index key element names, the indexes a table has
//! (its own and those behind primary key and unique constraints), and type classes.

use crate::model::{quote_ident, QualifiedName, Table};

/// One key element of an index: the column it names (when it is a plain column, possibly with
/// opclass/collation/ordering after it) and a canonical text to compare elements by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KeyElem {
    pub column: Option<String>,
    pub text: String,
}

/// Parses an index key element as SQL: `symbol`, `"Symbol" DESC`, `lower(symbol)`,
/// `(a + b)`. Unquoted identifiers fold to lower case; expressions keep their text with
/// whitespace collapsed.
pub fn key_elem(elem: &str) -> KeyElem {
    let elem = elem.trim();
    let collapsed = elem.split_whitespace().collect::<Vec<_>>().join(" ");
    match leading_ident(elem) {
        Some((name, rest)) => {
            let rest = rest.trim();
            if rest.starts_with('(') || rest.starts_with('.') {
                return KeyElem {
                    column: None,
                    text: collapsed,
                };
            }
            let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
            let text = if rest.is_empty() {
                quote_ident(&name)
            } else {
                format!("{} {}", quote_ident(&name), rest.to_ascii_lowercase())
            };
            KeyElem {
                column: Some(name),
                text,
            }
        }
        None => KeyElem {
            column: None,
            text: collapsed,
        },
    }
}

/// A leading identifier (quoted or not) and the text after it.
fn leading_ident(text: &str) -> Option<(String, &str)> {
    if let Some(body) = text.strip_prefix('"') {
        let mut name = String::new();
        let mut chars = body.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '"' {
                if chars.peek().is_some_and(|(_, n)| *n == '"') {
                    chars.next();
                    name.push('"');
                    continue;
                }
                return Some((name, &body[i + 1..]));
            }
            name.push(c);
        }
        return None;
    }
    let first = text.chars().next()?;
    if !(first.is_alphabetic() || first == '_') {
        return None;
    }
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '$'))
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    Some((text[..end].to_lowercase(), &text[end..]))
}

/// Where an index comes from: ranks which of two duplicates is the one to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    PrimaryKey,
    UniqueConstraint,
    UniqueIndex,
    Index,
}

/// An index of a table, from an index or from a primary key / unique constraint.
#[derive(Debug, Clone)]
pub struct TableIndex {
    pub name: String,
    pub origin: Origin,
    pub method: String,
    pub elems: Vec<KeyElem>,
    pub include: Vec<String>,
    pub predicate: Option<String>,
    pub nulls_not_distinct: bool,
}

impl TableIndex {
    /// Whether the first `cols.len()` key elements are exactly these columns, in any order, and
    /// the index can serve the equality lookups a foreign key needs (btree or hash, no predicate).
    pub fn leads_with(&self, cols: &[String]) -> bool {
        if self.predicate.is_some() || cols.is_empty() || self.elems.len() < cols.len() {
            return false;
        }
        let usable = self.method == "btree" || (self.method == "hash" && cols.len() == 1);
        let mut lead: Vec<&str> = Vec::new();
        for e in &self.elems[..cols.len()] {
            match &e.column {
                Some(c) => lead.push(c),
                None => return false,
            }
        }
        lead.sort_unstable();
        let mut want: Vec<&str> = cols.iter().map(String::as_str).collect();
        want.sort_unstable();
        usable && lead == want
    }

    /// What two indexes must share to be duplicates: method, keys, predicate, include list.
    pub fn identity(&self) -> (String, Vec<String>, Option<String>, Vec<String>, bool) {
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        (
            self.method.to_ascii_lowercase(),
            self.elems.iter().map(|e| e.text.clone()).collect(),
            self.predicate.as_deref().map(norm),
            self.include.iter().map(|c| key_elem(c).text).collect(),
            self.nulls_not_distinct,
        )
    }
}

/// Every index of a table: primary key, unique constraints, then declared indexes.
pub fn table_indexes(table: &Table) -> Vec<TableIndex> {
    let plain = |cols: &[String]| -> Vec<KeyElem> {
        cols.iter()
            .map(|c| KeyElem {
                column: Some(c.clone()),
                text: quote_ident(c),
            })
            .collect()
    };
    // A constraint's INCLUDE names columns; an index's entries are SQL (quoted where needed).
    let quoted = |cols: &[String]| -> Vec<String> { cols.iter().map(|c| quote_ident(c)).collect() };
    let mut out = Vec::new();
    if let Some(pk) = &table.primary_key {
        out.push(TableIndex {
            name: pk.name.clone(),
            origin: Origin::PrimaryKey,
            method: "btree".into(),
            elems: plain(&pk.columns),
            include: quoted(&pk.include),
            predicate: None,
            nulls_not_distinct: false,
        });
    }
    for (name, u) in &table.unique {
        out.push(TableIndex {
            name: name.clone(),
            origin: Origin::UniqueConstraint,
            method: "btree".into(),
            elems: plain(&u.columns),
            include: quoted(&u.include),
            predicate: None,
            nulls_not_distinct: u.nulls_not_distinct,
        });
    }
    for (name, ix) in &table.indexes {
        out.push(TableIndex {
            name: name.clone(),
            origin: if ix.unique {
                Origin::UniqueIndex
            } else {
                Origin::Index
            },
            method: ix.method.to_ascii_lowercase(),
            elems: ix.columns.iter().map(|c| key_elem(c)).collect(),
            include: ix.include.clone(),
            predicate: ix.predicate.clone(),
            nulls_not_distinct: ix.nulls_not_distinct,
        });
    }
    out
}

/// The element type of a `format_type` spelling (`integer[]` -> `integer`).
pub fn base_type(t: &str) -> &str {
    let mut t = t.trim();
    while let Some(s) = t.strip_suffix("[]") {
        t = s.trim_end();
    }
    t
}

/// The largest value of a 2- or 4-byte integer type, formatted with thousands separators.
pub fn int_ceiling(t: &str) -> Option<&'static str> {
    match t {
        "smallint" => Some("32,767"),
        "integer" => Some("2,147,483,647"),
        _ => None,
    }
}

/// `ALTER TABLE "s"."t" ALTER COLUMN "c" TYPE <ty>`.
pub fn alter_type(table: &QualifiedName, column: &str, ty: &str) -> String {
    format!(
        "ALTER TABLE {} ALTER COLUMN {} TYPE {ty};",
        table.sql(),
        quote_ident(column)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements() {
        assert_eq!(key_elem("gene_id").column.as_deref(), Some("gene_id"));
        assert_eq!(key_elem("Gene_ID").column.as_deref(), Some("gene_id"));
        assert_eq!(
            key_elem("\"Gene \"\"x\"\"\" DESC").column.as_deref(),
            Some("Gene \"x\"")
        );
        assert_eq!(
            key_elem("\"Gene \"\"x\"\"\" DESC").text,
            "\"Gene \"\"x\"\"\" desc"
        );
        assert_eq!(key_elem("lower(symbol)").column, None);
        assert_eq!(key_elem("(a + b)").column, None);
        assert_eq!(key_elem("größe").column.as_deref(), Some("größe"));
        assert_eq!(
            key_elem("symbol text_pattern_ops").column.as_deref(),
            Some("symbol")
        );
    }

    #[test]
    fn types() {
        assert_eq!(base_type("integer[]"), "integer");
        assert_eq!(int_ceiling("integer"), Some("2,147,483,647"));
        assert_eq!(int_ceiling("bigint"), None);
    }
}
