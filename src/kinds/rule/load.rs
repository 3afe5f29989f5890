//! Declared rules: `rules/*.sql` next to schema.yaml.
//!
//! A file holds any number of `CREATE [OR REPLACE] RULE name AS ON event TO relation …`
//! statements in the user's own spelling (a `DO ( …; … )` action list keeps its semicolons: the
//! statement splitter counts parentheses), each optionally followed by `ALTER TABLE relation
//! {ENABLE [REPLICA | ALWAYS] | DISABLE} RULE name` and `COMMENT ON RULE name ON relation IS …`.
//! Only the name and relation are read here, for keys and file:line:column in errors; PostgreSQL
//! reads the rest during normalization (see `super::normalize`).

use std::path::{Path, PathBuf};

use crate::kinds::function::load::split_statements;
use crate::kinds::trigger::TriggerEnabled;
use crate::load::{comment_tail, lex, line_col, Cx, ObjectKey, Problem, SourceLoc, Stmt, Token};
use crate::model::{QualifiedName, Schema};

/// The folder read next to schema.yaml.
pub const FOLDER: &str = "rules";

/// Whether `path` is a file of the rules folder (the project's SQL files arrive together).
pub fn is_rule_file(path: &Path) -> bool {
    path.parent()
        .and_then(|p| p.file_name())
        .is_some_and(|n| n == FOLDER)
}

type Failed = (usize, String);

/// Loads the statements of `files` (path, text) into `schema.rules`, recording positions and
/// every problem (not only the first) in `cx`.
pub(crate) fn load_files(files: &[(PathBuf, String)], schema: &mut Schema, cx: &mut Cx) {
    for (path, text) in files {
        let toks = match lex(text) {
            Ok(t) => t,
            Err((off, m)) => {
                cx.problems.push(problem(path, text, off, None, m));
                continue;
            }
        };
        for st in split_statements(&toks) {
            if let Err((off, m)) = statement(path, text, st, schema, cx) {
                cx.problems.push(problem(path, text, off, None, m));
            }
        }
    }
}

fn problem(
    path: &Path,
    text: &str,
    off: usize,
    object: Option<String>,
    message: String,
) -> Problem {
    let (line, column) = line_col(text, off);
    Problem {
        file: path.to_path_buf(),
        line,
        column,
        object,
        message,
    }
}

fn statement(
    path: &Path,
    text: &str,
    st: &[Token],
    schema: &mut Schema,
    cx: &mut Cx,
) -> Result<(), Failed> {
    let mut c = Stmt {
        text,
        toks: st,
        pos: 0,
    };
    if c.kw("create") {
        if c.kw("or") && !c.kw("replace") {
            return Err((c.offset(), "expected OR REPLACE".into()));
        }
        create(path, text, &mut c, schema, cx)
    } else if c.kw("comment") {
        comment(&mut c, schema)
    } else if c.kw("alter") {
        alter(&mut c, schema)
    } else {
        Err((c.offset(), unexpected_statement()))
    }
}

/// `CREATE [OR REPLACE] RULE name AS ON event TO relation …`.
fn create(
    path: &Path,
    text: &str,
    c: &mut Stmt,
    schema: &mut Schema,
    cx: &mut Cx,
) -> Result<(), Failed> {
    if !c.kw("rule") {
        return Err((c.offset(), unexpected_statement()));
    }
    let stmt_start = c.toks[0].start;
    let name_at = c.offset();
    let name = c.ident()?;
    if !(c.kw("as") && c.kw("on")) {
        return Err((c.offset(), "expected AS ON event TO relation".into()));
    }
    let event_at = c.offset();
    if !["select", "insert", "update", "delete"]
        .iter()
        .any(|e| c.kw(e))
    {
        return Err((
            event_at,
            "expected the event: INSERT, UPDATE, DELETE or SELECT".into(),
        ));
    }
    if !c.kw("to") {
        return Err((c.offset(), "expected TO relation after the event".into()));
    }
    let relation = c.qualified()?;
    let key = ObjectKey::Rule(relation.clone(), name.clone());
    if name == "_RETURN" {
        let msg = "`_RETURN` is a view's own rule (its query): declare the view in views/".into();
        return Err((name_at, msg));
    }
    if schema
        .rules
        .get(&relation)
        .is_some_and(|r| r.contains_key(&name))
    {
        let first = cx.sources.describe(&key);
        return Err((name_at, format!("{key}: declared twice (first at {first})")));
    }
    let (line, column) = line_col(text, name_at);
    let loc = SourceLoc {
        file: path.to_path_buf(),
        line,
        column,
        body_offset: Some(stmt_start),
    };
    cx.sources.insert(key, loc);
    let last = c.toks.last().map(|t| t.end).unwrap_or(stmt_start);
    let rule = super::Rule {
        definition: text[stmt_start..last].to_string(),
        ..Default::default()
    };
    schema.rules.entry(relation).or_default().insert(name, rule);
    Ok(())
}

/// The declared rule `name` on `relation`, or an error at `at` saying it must come first.
fn declared<'a>(
    schema: &'a mut Schema,
    relation: &QualifiedName,
    name: &str,
    at: usize,
) -> Result<&'a mut super::Rule, Failed> {
    schema
        .rules
        .get_mut(relation)
        .and_then(|r| r.get_mut(name))
        .ok_or_else(|| {
            let msg = format!("rule {name} on {relation}: no such rule declared above (its CREATE RULE must come first)");
            (at, msg)
        })
}

/// `COMMENT ON RULE name ON relation IS 'text' | NULL`.
fn comment(c: &mut Stmt, schema: &mut Schema) -> Result<(), Failed> {
    let at = c.toks[0].start;
    if !(c.kw("on") && c.kw("rule")) {
        return Err((
            c.offset(),
            "expected COMMENT ON RULE name ON relation".into(),
        ));
    }
    let name = c.ident()?;
    if !c.kw("on") {
        return Err((c.offset(), "expected ON relation".into()));
    }
    let relation = c.qualified()?;
    let value = comment_tail(c.toks, &mut c.pos)?;
    declared(schema, &relation, &name, at)?.comment = value;
    Ok(())
}

/// `ALTER TABLE [ONLY] relation {ENABLE [REPLICA | ALWAYS] | DISABLE} RULE name`.
fn alter(c: &mut Stmt, schema: &mut Schema) -> Result<(), Failed> {
    let at = c.toks[0].start;
    if !c.kw("table") {
        return Err((at, unexpected_statement()));
    }
    c.kw("only");
    let relation = c.qualified()?;
    let Some(state) = TriggerEnabled::read_clause(|k| c.kw(k)) else {
        return Err((c.offset(), "only ALTER TABLE … ENABLE/DISABLE RULE may appear here; other table changes belong in schema.yaml".into()));
    };
    if !c.kw("rule") {
        return Err((c.offset(), "expected RULE name".into()));
    }
    let name = c.ident()?;
    if !c.at_end() {
        return Err((c.offset(), "unexpected text after the rule name".into()));
    }
    if schema.views.contains_key(&relation) && state != TriggerEnabled::Enabled {
        let msg = format!("rule {name} on {relation}: PostgreSQL cannot disable the rules of a view (only a table's)");
        return Err((at, msg));
    }
    declared(schema, &relation, &name, at)?.enabled = state;
    Ok(())
}

fn unexpected_statement() -> String {
    "expected CREATE RULE (optionally followed by ALTER TABLE … ENABLE/DISABLE RULE and COMMENT ON RULE)".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Schema, Vec<Problem>) {
        let mut schema = Schema::default();
        let mut cx = Cx {
            file: PathBuf::from("schema.yaml"),
            problems: Vec::new(),
            sources: Default::default(),
            ignore_locs: Vec::new(),
        };
        let files = vec![(PathBuf::from("rules/r.sql"), text.to_string())];
        load_files(&files, &mut schema, &mut cx);
        (schema, cx.problems)
    }

    #[test]
    fn rules_load() {
        let (s, p) = load(
            "CREATE RULE \"Log It\" AS ON UPDATE TO Audit.T DO ALSO (INSERT INTO log VALUES (new.id); NOTIFY t);\n\
             ALTER TABLE audit.t DISABLE RULE \"Log It\";\n\
             COMMENT ON RULE \"Log It\" ON audit.t IS 'c';\n\
             create or replace rule keep as on delete to t do instead nothing;\n",
        );
        assert!(p.is_empty(), "{p:?}");
        let r = &s.rules[&QualifiedName::new("audit", "t")]["Log It"];
        assert!(r.definition.ends_with("NOTIFY t)"), "{}", r.definition);
        assert_eq!(r.enabled, TriggerEnabled::Disabled);
        assert_eq!(r.comment.as_deref(), Some("c"));
        assert!(s.rules[&QualifiedName::new("public", "t")].contains_key("keep"));
    }

    #[test]
    fn problems_name_the_line() {
        let (_, p) = load(
            "CREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING;\n\
             CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING;\n\
             CREATE RULE x AS ON TRUNCATE TO t DO NOTHING;\n\
             ALTER TABLE t DISABLE RULE nope;\n\
             DROP RULE r ON t;\n",
        );
        let got: Vec<(usize, usize)> = p.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(got, [(2, 13), (3, 21), (4, 1), (5, 1)], "{p:?}");
        assert!(p[0].message.contains("declared twice"), "{p:?}");
        assert!(p[1].message.contains("expected the event"), "{p:?}");
        assert!(p[2].message.contains("no such rule"), "{p:?}");
    }
}
