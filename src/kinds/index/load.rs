//! Declared indexes: parsing `CREATE INDEX` (as `pg_get_indexdef()` prints it and as users
//! write it) and checking that its keys name columns of its table.

use crate::load::sql::{split_top_level, Stmt};
use crate::load::validate::missing_column;
use crate::load::{lex, line_col, Cx, ObjectKey, Tok, Token};
use crate::model::{Index, QualifiedName, Table};

/// The column an index key element or include entry names, if it is a plain column reference
/// (SQL rules: unquoted folds to lower case). `lower(x)` and `(a + b)` are expressions.
pub(crate) fn element_column(elem: &str) -> Option<String> {
    let toks = lex(elem).ok()?;
    let first = toks.first()?;
    if let Some(t) = toks.get(1) {
        if t.kind == Tok::Punct('(') || t.kind == Tok::Punct('.') {
            return None;
        }
    }
    match &first.kind {
        Tok::Ident(s) => Some(s.to_lowercase()),
        Tok::Quoted(s) => Some(s.clone()),
        _ => None,
    }
}

/// An index on a view: only a materialized view has them, and each needs a key.
pub(crate) fn check_view_index(cx: &mut Cx, key: &ObjectKey, ix: &Index, materialized: bool) {
    if !materialized {
        cx.at(key, "only a materialized view can have indexes".into());
    }
    if ix.columns.is_empty() {
        cx.at(key, "the index has no key column".into());
    }
}

pub(crate) fn check_index(cx: &mut Cx, key: &ObjectKey, ix: &Index, table: &Table) {
    let tq = match key {
        ObjectKey::Index(q, _) => q.clone(),
        _ => return,
    };
    if ix.columns.is_empty() {
        cx.at(key, "the index has no key column".into());
    }
    for c in &ix.columns {
        if let Some(col) = element_column(c) {
            if !table.columns.contains_key(&col) {
                cx.at(
                    key,
                    missing_column("index key", &col, &tq, table)
                        + " (key elements are SQL: quote capitals, e.g. `\"Symbol\"`)",
                );
            }
        }
    }
    for c in &ix.include {
        match element_column(c) {
            Some(col) if table.columns.contains_key(&col) => {}
            Some(col) => cx.at(key, missing_column("include", &col, &tq, table)),
            None => cx.at(key, format!("include entry `{c}` must be a column name")),
        }
    }
}

/// Parses `CREATE [UNIQUE] INDEX name ON table [USING m] (keys) [INCLUDE (...)]
/// [NULLS [NOT] DISTINCT] [WITH (…)] [TABLESPACE t] [WHERE predicate]` — what `pg_get_indexdef()` prints, and what users
/// write in view files. Returns (index name, table, index); key elements are kept as text.
pub fn parse_index_definition(text: &str) -> Result<(String, QualifiedName, Index), String> {
    let text = text.trim().trim_end_matches(';');
    let toks = lex(text).map_err(|(_, m)| m)?;
    parse_index_tokens(text, &toks).map_err(|(off, m)| {
        let (l, c) = line_col(text, off);
        if l == 1 {
            format!("{m} (at column {c} of `{text}`)")
        } else {
            format!("{m} (at {l}:{c})")
        }
    })
}

pub(crate) fn parse_index_tokens(
    text: &str,
    toks: &[Token],
) -> Result<(String, QualifiedName, Index), (usize, String)> {
    let mut s = Stmt { text, toks, pos: 0 };
    if !s.kw("create") {
        return Err((s.offset(), "expected CREATE INDEX".into()));
    }
    let unique = s.kw("unique");
    if !s.kw("index") {
        return Err((s.offset(), "expected INDEX".into()));
    }
    if s.kw("concurrently") {
        return Err((
            s.offset(),
            "CONCURRENTLY is decided by `pgdrift apply`, not declared".into(),
        ));
    }
    if s.kw("if") && !(s.kw("not") && s.kw("exists")) {
        return Err((s.offset(), "expected IF NOT EXISTS".into()));
    }
    if s.peek().is_some_and(|t| t.is_kw("on")) {
        return Err((
            s.offset(),
            "the index needs a name (pgdrift compares indexes by name)".into(),
        ));
    }
    let name = s.ident()?;
    if !s.kw("on") {
        return Err((s.offset(), "expected ON table".into()));
    }
    s.kw("only");
    let table = s.qualified()?;
    let mut index = Index {
        unique,
        ..Index::default()
    };
    if s.kw("using") {
        index.method = s.ident()?;
    }
    let keys = s.paren_group()?;
    index.columns = split_top_level(keys);
    if index.columns.iter().any(|k| k.is_empty()) {
        return Err((s.offset(), "empty index key element".into()));
    }
    if s.kw("include") {
        index.include = split_top_level(s.paren_group()?);
    }
    if s.kw("nulls") {
        if s.kw("not") {
            index.nulls_not_distinct = true;
        }
        if !s.kw("distinct") {
            return Err((s.offset(), "expected NULLS [NOT] DISTINCT".into()));
        }
    }
    if s.kw("with") {
        let at = s.offset();
        index.with =
            crate::kinds::view::load::parse_options(s.paren_group()?).map_err(|m| (at, m))?;
    }
    if s.kw("tablespace") {
        index.tablespace = Some(s.ident()?);
    }
    if s.kw("where") {
        let pred = s.rest_text();
        if pred.is_empty() {
            return Err((s.offset(), "WHERE needs a predicate".into()));
        }
        index.predicate = Some(pred.to_string());
        s.pos = toks.len();
    }
    if !s.at_end() {
        return Err((
            s.offset(),
            "unexpected text after the index definition".into(),
        ));
    }
    Ok((name, table, index))
}
