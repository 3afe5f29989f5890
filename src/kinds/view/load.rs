//! Declared views: one `views/*.sql` file per view (or materialized view, with its indexes and
//! comments), read into the model with the position of each object.

use std::path::{Path, PathBuf};

use crate::kinds::index::load::parse_index_tokens;
use crate::load::sql::Stmt;
use crate::load::yaml::file_name;
use crate::load::{lex, line_col, Cx, ObjectKey, Problem, SourceLoc, Tok, Token};
use indexmap::IndexMap;

use crate::model::{QualifiedName, Schema, View};

/// Adds the view files (path, text) to `schema`; a name declared twice, or also declared as a
/// table, is a problem at the second declaration.
pub(crate) fn load_files(views: &[(PathBuf, String)], schema: &mut Schema, cx: &mut Cx) {
    for (path, sql) in views {
        match parse_view_file(path, sql) {
            Ok(vf) => {
                let key = ObjectKey::View(vf.name.clone());
                if schema.views.contains_key(&vf.name) {
                    let first = cx.sources.describe(&key);
                    cx.problems.push(Problem {
                        file: path.clone(),
                        line: vf.loc.line,
                        column: vf.loc.column,
                        object: Some(key.to_string()),
                        message: format!("declared twice (first at {first})"),
                    });
                    continue;
                }
                if schema.tables.contains_key(&vf.name) {
                    let first = cx.sources.describe(&ObjectKey::Table(vf.name.clone()));
                    cx.problems.push(Problem {
                        file: path.clone(),
                        line: vf.loc.line,
                        column: vf.loc.column,
                        object: Some(key.to_string()),
                        message: format!("a table with this name is declared at {first}"),
                    });
                    continue;
                }
                cx.sources.insert(key, vf.loc.clone());
                for (name, loc) in &vf.index_locs {
                    cx.sources
                        .insert(ObjectKey::Index(vf.name.clone(), name.clone()), loc.clone());
                }
                schema.views.insert(vf.name, vf.view);
            }
            Err(p) => cx.problems.extend(p),
        }
    }
}

struct ViewFile {
    name: QualifiedName,
    view: View,
    loc: SourceLoc,
    index_locs: Vec<(String, SourceLoc)>,
}

/// Parses one view file: one CREATE [MATERIALIZED] VIEW, then optional COMMENT ON and (for a
/// materialized view) CREATE INDEX / COMMENT ON INDEX / ALTER MATERIALIZED VIEW statements.
fn parse_view_file(path: &Path, text: &str) -> Result<ViewFile, Vec<Problem>> {
    let problem = |off: usize, object: Option<String>, message: String| {
        let (line, column) = line_col(text, off);
        vec![Problem {
            file: path.to_path_buf(),
            line,
            column,
            object,
            message,
        }]
    };
    let toks = lex(text).map_err(|(off, m)| problem(off, None, m))?;
    // Split on top-level `;`.
    let mut stmts: Vec<&[Token]> = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Tok::Punct('(') => depth += 1,
            Tok::Punct(')') => depth -= 1,
            Tok::Punct(';') if depth <= 0 => {
                if i > start {
                    stmts.push(&toks[start..i]);
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < toks.len() {
        stmts.push(&toks[start..]);
    }
    let mut found: Option<ViewFile> = None;
    let mut problems = Vec::new();
    // Where the file marks an index (a problem with the index it names is reported there).
    let mut alter_at = 0;
    for st in stmts {
        let first = &st[0];
        let mut s = Stmt {
            text,
            toks: st,
            pos: 0,
        };
        let is_view = {
            let save = s.pos;
            let mut r = s.kw("create");
            if r && s.kw("or") {
                r = s.kw("replace");
            }
            s.kw("materialized");
            r = r && s.kw("view");
            s.pos = save;
            r
        };
        if is_view {
            if let Some(f) = &found {
                problems.extend(problem(first.start, Some(ObjectKey::View(f.name.clone()).to_string()), format!(
                    "a second view statement; each file in the views folder holds exactly one view (the first one is at {}:{}:{})",
                    file_name(path), f.loc.line, f.loc.column
                )));
                continue;
            }
            match parse_create_view(&mut s, path, text) {
                Ok(vf) => found = Some(vf),
                Err((off, m)) => problems.extend(problem(off, None, m)),
            }
            continue;
        }
        let Some(vf) = found.as_mut() else {
            problems.extend(problem(first.start, None, "expected CREATE VIEW or CREATE MATERIALIZED VIEW first; a view file starts with its view".into()));
            continue;
        };
        let object = Some(ObjectKey::View(vf.name.clone()).to_string());
        if first.is_kw("comment") {
            if let Err((off, m)) = parse_comment(&mut s, vf) {
                problems.extend(problem(off, object, m));
            }
        } else if first.is_kw("alter") {
            alter_at = first.start;
            if let Err((off, m)) = parse_alter(&mut s, vf) {
                problems.extend(problem(off, object, m));
            }
        } else if first.is_kw("create")
            && (st
                .get(1)
                .is_some_and(|t| t.is_kw("index") || t.is_kw("unique")))
        {
            let stmt_text = &text[first.start..st[st.len() - 1].end];
            let local: Vec<Token> = st
                .iter()
                .map(|t| Token {
                    kind: t.kind.clone(),
                    start: t.start - first.start,
                    end: t.end - first.start,
                })
                .collect();
            match parse_index_tokens(stmt_text, &local) {
                Ok((name, table, ix)) => {
                    if !vf.view.materialized {
                        problems.extend(problem(
                            first.start,
                            object,
                            "only a materialized view can have indexes".into(),
                        ));
                    } else if table != vf.name {
                        problems.extend(problem(first.start, object, format!("the index is on `{table}`, not on this file's view; indexes on tables belong in schema.yaml")));
                    } else if vf.view.indexes.contains_key(&name) {
                        problems.extend(problem(
                            first.start,
                            Some(ObjectKey::Index(table, name).to_string()),
                            "declared twice".into(),
                        ));
                    } else {
                        let (l, c) = line_col(text, first.start);
                        vf.index_locs
                            .push((name.clone(), SourceLoc::new(path, l, c)));
                        vf.view.indexes.insert(name, ix);
                    }
                }
                Err((off, m)) => problems.extend(problem(first.start + off, object, m)),
            }
        } else {
            problems.extend(problem(first.start, object, "only COMMENT ON and (for a materialized view) CREATE INDEX may follow the view; put other statements elsewhere".into()));
        }
    }
    if let Some(vf) = &found {
        let names: Vec<String> = vf.view.indexes.keys().cloned().collect();
        let (ri, cluster) = (&vf.view.replica_identity, &vf.view.cluster_on);
        let object = Some(ObjectKey::View(vf.name.clone()).to_string());
        for m in crate::kinds::table::relopts::mark_problems(&names, ri, cluster) {
            problems.extend(problem(alter_at, object.clone(), m));
        }
    }
    if found.is_none() && problems.is_empty() {
        problems.extend(problem(0, None, "no CREATE VIEW or CREATE MATERIALIZED VIEW statement; each file in the views folder holds exactly one view".into()));
    }
    match (found, problems.is_empty()) {
        (Some(vf), true) => Ok(vf),
        _ => Err(problems),
    }
}

fn parse_create_view(s: &mut Stmt, path: &Path, text: &str) -> Result<ViewFile, (usize, String)> {
    s.kw("create");
    if s.kw("or") {
        s.kw("replace");
    }
    let materialized = s.kw("materialized");
    s.kw("view");
    if s.kw("if") && !(s.kw("not") && s.kw("exists")) {
        return Err((s.offset(), "expected IF NOT EXISTS".into()));
    }
    let name_start = s.offset();
    let name = s.qualified()?;
    if s.peek().is_some_and(|t| t.kind == Tok::Punct('(')) {
        return Err((s.offset(), "a column list after the view name is not supported yet; alias the columns in the query instead (`SELECT x AS a, ...`)".into()));
    }
    if materialized && s.peek().is_some_and(|t| t.is_kw("using")) {
        return Err((
            s.offset(),
            "USING (a table access method) is not part of pgdrift's model yet".into(),
        ));
    }
    let mut with = IndexMap::new();
    if s.kw("with") {
        let at = s.offset();
        with = parse_options(s.paren_group()?).map_err(|m| (at, m))?;
    }
    if s.peek().is_some_and(|t| t.is_kw("using")) {
        return Err((
            s.offset(),
            "USING (a table access method) is not part of pgdrift's model yet".into(),
        ));
    }
    let mut tablespace = None;
    if s.peek().is_some_and(|t| t.is_kw("tablespace")) {
        if !materialized {
            return Err((
                s.offset(),
                "only a materialized view has a TABLESPACE".into(),
            ));
        }
        s.kw("tablespace");
        tablespace = Some(s.ident()?);
    }
    if !s.kw("as") {
        return Err((s.offset(), "expected AS followed by the query".into()));
    }
    let body_start = s.offset();
    let mut end = s.toks.last().map(|t| t.end).unwrap_or(body_start);
    let n = s.toks.len();
    let tail = |k: usize, kws: &[&str]| -> bool {
        k <= n - s.pos
            && kws
                .iter()
                .enumerate()
                .all(|(i, kw)| s.toks[n - k + i].is_kw(kw))
    };
    if materialized {
        if tail(3, &["with", "no", "data"]) {
            end = s.toks[n - 3].start;
        } else if tail(2, &["with", "data"]) {
            end = s.toks[n - 2].start;
        }
    } else {
        let level = if tail(4, &["with", "local", "check", "option"]) {
            Some((4, "local"))
        } else if tail(4, &["with", "cascaded", "check", "option"]) {
            Some((4, "cascaded"))
        } else if tail(3, &["with", "check", "option"]) {
            Some((3, "cascaded"))
        } else {
            None
        };
        if let Some((k, level)) = level {
            end = s.toks[n - k].start;
            with.insert("check_option".to_string(), level.to_string());
        }
    }
    let definition = text[body_start.min(end)..end].trim().to_string();
    if definition.is_empty() {
        return Err((body_start, "the view has no query after AS".into()));
    }
    let (line, column) = line_col(text, name_start);
    let mut loc = SourceLoc::new(path, line, column);
    loc.body_offset = Some(body_start);
    Ok(ViewFile {
        name,
        view: View {
            materialized,
            definition,
            comment: None,
            indexes: IndexMap::new(),
            depends_on: Vec::new(),
            with,
            column_comments: Default::default(),
            tablespace,
            replica_identity: None,
            cluster_on: None,
        },
        loc,
        index_locs: Vec::new(),
    })
}

/// `ALTER MATERIALIZED VIEW name REPLICA IDENTITY {FULL | NOTHING | DEFAULT | USING INDEX idx}`
/// or `… CLUSTER ON idx`, on this file's materialized view.
fn parse_alter(s: &mut Stmt, vf: &mut ViewFile) -> Result<(), (usize, String)> {
    use crate::kinds::table::relopts::ReplicaIdentity;
    s.kw("alter");
    if !(s.kw("materialized") && s.kw("view") && vf.view.materialized) {
        return Err((
            s.offset(),
            "only ALTER MATERIALIZED VIEW (of this file's materialized view) may follow it".into(),
        ));
    }
    let at = s.offset();
    let q = s.qualified()?;
    if q != vf.name {
        let m = format!("`{q}` is not this file's view `{}`", vf.name);
        return Err((at, m));
    }
    if s.kw("replica") && s.kw("identity") {
        vf.view.replica_identity = if s.kw("full") {
            Some(ReplicaIdentity::Full)
        } else if s.kw("nothing") {
            Some(ReplicaIdentity::Nothing)
        } else if s.kw("default") {
            None
        } else if s.kw("using") && s.kw("index") {
            Some(ReplicaIdentity::Index(s.ident()?))
        } else {
            let m = "expected FULL, NOTHING, DEFAULT or USING INDEX name";
            return Err((s.offset(), m.into()));
        };
    } else if s.kw("cluster") && s.kw("on") {
        vf.view.cluster_on = Some(s.ident()?);
    } else {
        let m =
            "expected REPLICA IDENTITY … or CLUSTER ON index (the only ALTERs a view file holds)";
        return Err((s.offset(), m.into()));
    }
    if !s.at_end() {
        return Err((s.offset(), "unexpected text after the statement".into()));
    }
    Ok(())
}

/// The inside of `WITH (security_barrier, check_option = 'local')`: keys folded like names,
/// a bare key is `true`, quotes around a value are dropped.
pub(crate) fn parse_options(text: &str) -> Result<IndexMap<String, String>, String> {
    let mut out = IndexMap::new();
    for item in crate::load::sql::split_top_level(text) {
        let (k, v) = match item.split_once('=') {
            Some((k, v)) => (k.trim(), v.trim()),
            None => (item.trim(), "true"),
        };
        if k.is_empty() {
            return Err(format!("an empty option in `WITH ({text})`"));
        }
        let key = match k.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
            Some(q) => q.to_string(),
            None => k.to_ascii_lowercase(),
        };
        let v = v
            .strip_prefix('\'')
            .and_then(|x| x.strip_suffix('\''))
            .unwrap_or(v);
        out.insert(key, v.to_string());
    }
    Ok(out)
}

fn parse_comment(s: &mut Stmt, vf: &mut ViewFile) -> Result<(), (usize, String)> {
    s.kw("comment");
    if !s.kw("on") {
        return Err((s.offset(), "expected COMMENT ON".into()));
    }
    let target_off = s.offset();
    enum Target {
        View,
        Index(String),
        Column(String),
    }
    let target = if s.kw("materialized") {
        if !s.kw("view") {
            return Err((s.offset(), "expected MATERIALIZED VIEW".into()));
        }
        let q = s.qualified()?;
        if q != vf.name {
            return Err((
                target_off,
                format!(
                    "the comment is on `{q}`, not on this file's view `{}`",
                    vf.name
                ),
            ));
        }
        Target::View
    } else if s.kw("view") {
        let q = s.qualified()?;
        if q != vf.name {
            return Err((
                target_off,
                format!(
                    "the comment is on `{q}`, not on this file's view `{}`",
                    vf.name
                ),
            ));
        }
        Target::View
    } else if s.kw("index") {
        let q = s.qualified()?;
        if q.schema != vf.name.schema || !vf.view.indexes.contains_key(&q.name) {
            return Err((
                target_off,
                format!(
                    "COMMENT ON INDEX `{}`: no such index on this view declared above the comment",
                    q.name
                ),
            ));
        }
        Target::Index(q.name)
    } else if s.kw("column") {
        Target::Column(comment_column(s, &vf.name, target_off)?)
    } else {
        return Err((
            s.offset(),
            "expected COMMENT ON VIEW, MATERIALIZED VIEW, COLUMN or INDEX".into(),
        ));
    };
    if !s.kw("is") {
        return Err((s.offset(), "expected IS 'comment'".into()));
    }
    let value = match s.peek().map(|t| &t.kind) {
        Some(Tok::Str(v)) => Some(v.clone()),
        Some(Tok::Ident(n)) if n.eq_ignore_ascii_case("null") => None,
        _ => return Err((s.offset(), "expected a string literal or NULL".into())),
    };
    s.pos += 1;
    if !s.at_end() {
        return Err((s.offset(), "unexpected text after the comment".into()));
    }
    match target {
        Target::View => vf.view.comment = value,
        Target::Column(c) => match value {
            Some(v) => {
                vf.view.column_comments.insert(c, v);
            }
            None => {
                vf.view.column_comments.shift_remove(&c);
            }
        },
        Target::Index(n) => {
            if let Some(ix) = vf.view.indexes.get_mut(&n) {
                ix.comment = value;
            }
        }
    }
    Ok(())
}

/// `view.column` or `schema.view.column` after `COMMENT ON COLUMN`: the column of this file's
/// view (SQL rules: unquoted names fold to lower case).
fn comment_column(
    s: &mut Stmt,
    view: &QualifiedName,
    target_off: usize,
) -> Result<String, (usize, String)> {
    let mut parts = vec![s.ident()?];
    while s.punct('.') {
        parts.push(s.ident()?);
    }
    let (relation, column) = match parts.as_slice() {
        [v, c] => (
            QualifiedName::new(crate::model::DEFAULT_SCHEMA, v.clone()),
            c.clone(),
        ),
        [sc, v, c] => (QualifiedName::new(sc.clone(), v.clone()), c.clone()),
        _ => {
            return Err((
                target_off,
                "expected COMMENT ON COLUMN view.column (or schema.view.column)".into(),
            ))
        }
    };
    if relation != *view {
        return Err((
            target_off,
            format!("the comment is on a column of `{relation}`, not of this file's view `{view}`"),
        ));
    }
    Ok(column)
}
