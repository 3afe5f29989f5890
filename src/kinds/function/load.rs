//! Declared routines and triggers: `functions/*.sql` and `triggers/*.sql` next to schema.yaml.
//!
//! A file holds any number of `CREATE FUNCTION | PROCEDURE | AGGREGATE` and
//! `CREATE [CONSTRAINT] TRIGGER` statements in the user's own spelling, each optionally followed
//! by its `COMMENT ON` and (for a trigger) `ALTER TABLE ... ENABLE/DISABLE TRIGGER`. The SQL is
//! not parsed: the repository's lexer splits statements (a `BEGIN ATOMIC ... END` body keeps its
//! semicolons) and finds the object's name, for keys and file:line:column in errors; PostgreSQL
//! reads the rest during normalization.

use std::path::{Path, PathBuf};

use crate::load::{lex, line_col, ObjectKey, Problem, SourceLoc, SourceMap, Tok, Token};
use crate::model::{QualifiedName, Schema, DEFAULT_SCHEMA};

use super::{Function, RoutineKey, RoutineKind};
use crate::kinds::trigger::{Trigger, TriggerEnabled};

/// The folders read next to schema.yaml, in this order.
pub const FOLDERS: [&str; 2] = ["functions", "triggers"];

/// The routine and trigger folders of the project whose schema file is `schema_file`, and the
/// rules folder (`kinds::rule::load`), whose files travel with these to the loader.
pub fn folders(schema_file: &Path) -> Vec<PathBuf> {
    let root = schema_file.parent().unwrap_or(Path::new("."));
    let rules = crate::kinds::rule::load::FOLDER;
    FOLDERS
        .iter()
        .chain([&rules])
        .map(|f| root.join(f))
        .collect()
}

/// Every `*.sql` file of the project's routine and trigger folders, in path order (a missing
/// folder holds nothing).
pub fn sql_files(schema_file: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for dir in folders(schema_file) {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "sql") && p.is_file())
            .collect();
        files.sort();
        out.extend(files);
    }
    Ok(out)
}

/// Loads the statements of `files` (path, text) into `schema`, recording positions in `sources`
/// and every problem (not only the first) in `problems`.
pub fn load_files(
    files: &[(PathBuf, String)],
    schema: &mut Schema,
    sources: &mut SourceMap,
    problems: &mut Vec<Problem>,
) {
    for (path, text) in files {
        let mut file = FileCx {
            path,
            text,
            problems: Vec::new(),
            last_routine: None,
            triggers: Vec::new(),
        };
        match lex(text) {
            Ok(toks) => {
                for st in split_statements(&toks) {
                    file.statement(st, schema, sources);
                }
            }
            Err((off, m)) => file.problem(off, None, m),
        }
        problems.extend(file.problems);
    }
}

/// Splits on top-level `;`, except inside a SQL-standard `BEGIN ATOMIC ... END` body (whose
/// `CASE ... END` pairs are counted so the body's own `END` is found), as psql does.
pub(crate) fn split_statements(toks: &[Token]) -> Vec<&[Token]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut parens = 0i32;
    let mut atomic = 0i32;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Tok::Punct('(') => parens += 1,
            Tok::Punct(')') => parens -= 1,
            Tok::Punct(';') if parens <= 0 && atomic == 0 => {
                if i > start {
                    out.push(&toks[start..i]);
                }
                start = i + 1;
            }
            Tok::Ident(_)
                if atomic == 0
                    && t.is_kw("begin")
                    && toks.get(i + 1).is_some_and(|n| n.is_kw("atomic")) =>
            {
                atomic = 1
            }
            // Outside `BEGIN ATOMIC`, `CASE … END` does not nest statements.
            Tok::Ident(_) if atomic == 0 => {}
            Tok::Ident(_) if t.is_kw("case") => atomic += 1,
            Tok::Ident(_) if t.is_kw("end") => atomic -= 1,
            _ => {}
        }
    }
    if start < toks.len() {
        out.push(&toks[start..]);
    }
    out
}

/// A cursor over one statement's tokens.
struct Cursor<'a> {
    toks: &'a [Token],
    pos: usize,
}

type Failed = (usize, String);

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<&'a Token> {
        self.toks.get(self.pos)
    }
    fn offset(&self) -> usize {
        self.peek()
            .map(|t| t.start)
            .unwrap_or_else(|| self.toks.last().map(|t| t.end).unwrap_or(0))
    }
    fn kw(&mut self, kw: &str) -> bool {
        let hit = self.peek().is_some_and(|t| t.is_kw(kw));
        if hit {
            self.pos += 1;
        }
        hit
    }
    fn ident(&mut self) -> Result<String, Failed> {
        let name = match self.peek().map(|t| &t.kind) {
            Some(Tok::Ident(s)) => s.to_lowercase(),
            Some(Tok::Quoted(s)) => s.clone(),
            _ => return Err((self.offset(), "expected a name".into())),
        };
        self.pos += 1;
        Ok(name)
    }
    /// `name` or `schema.name`, folded by SQL rules.
    fn qualified(&mut self) -> Result<QualifiedName, Failed> {
        let first = self.ident()?;
        if self.peek().is_some_and(|t| t.kind == Tok::Punct('.')) {
            self.pos += 1;
            Ok(QualifiedName::new(first, self.ident()?))
        } else {
            Ok(QualifiedName::new(DEFAULT_SCHEMA, first))
        }
    }
    /// The tokens inside the parenthesized group at the cursor; moves past its `)`.
    fn group(&mut self) -> Result<&'a [Token], Failed> {
        let open = self.pos;
        if self.peek().map(|t| &t.kind) != Some(&Tok::Punct('(')) {
            return Err((self.offset(), "expected `(`".into()));
        }
        let mut depth = 0;
        while let Some(t) = self.peek() {
            self.pos += 1;
            match t.kind {
                Tok::Punct('(') => depth += 1,
                Tok::Punct(')') => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(&self.toks[open + 1..self.pos - 1]);
                    }
                }
                _ => {}
            }
        }
        Err((self.toks[open].start, "unbalanced parentheses".into()))
    }
}

/// What one file contributes while it is read: COMMENT ON and ALTER TABLE statements refer to
/// an object declared above them in the same file.
struct FileCx<'a> {
    path: &'a PathBuf,
    text: &'a str,
    problems: Vec<Problem>,
    last_routine: Option<RoutineKey>,
    triggers: Vec<(QualifiedName, String)>,
}

impl FileCx<'_> {
    fn problem(&mut self, off: usize, object: Option<String>, message: String) {
        let (line, column) = line_col(self.text, off);
        self.problems.push(Problem {
            file: self.path.clone(),
            line,
            column,
            object,
            message,
        });
    }

    fn loc(&self, name_at: usize, stmt_start: usize) -> SourceLoc {
        let (line, column) = line_col(self.text, name_at);
        SourceLoc {
            file: self.path.clone(),
            line,
            column,
            body_offset: Some(stmt_start),
        }
    }

    fn statement(&mut self, st: &[Token], schema: &mut Schema, sources: &mut SourceMap) {
        let (Some(first), Some(last)) = (st.first(), st.last()) else {
            return;
        };
        let sql = self.text[first.start..last.end].to_string();
        let mut c = Cursor { toks: st, pos: 0 };
        let result = if c.kw("create") {
            if c.kw("or") && !c.kw("replace") {
                Err((c.offset(), "expected OR REPLACE".to_string()))
            } else if c
                .peek()
                .is_some_and(|t| t.is_kw("trigger") || t.is_kw("constraint"))
            {
                self.create_trigger(&mut c, sql, schema, sources)
            } else {
                self.create_routine(&mut c, sql, schema, sources)
            }
        } else if c.kw("comment") {
            self.comment(&mut c, schema)
        } else if c.kw("alter") {
            self.alter_trigger(&mut c, schema)
        } else {
            Err((first.start, unexpected_statement()))
        };
        if let Err((off, m)) = result {
            self.problem(off, None, m);
        }
    }

    fn create_routine(
        &mut self,
        c: &mut Cursor,
        sql: String,
        schema: &mut Schema,
        sources: &mut SourceMap,
    ) -> Result<(), Failed> {
        let kind = if c.kw("function") {
            RoutineKind::Function
        } else if c.kw("procedure") {
            RoutineKind::Procedure
        } else if c.kw("aggregate") {
            RoutineKind::Aggregate
        } else {
            return Err((c.offset(), unexpected_statement()));
        };
        let stmt_start = c.toks[0].start;
        let name_at = c.offset();
        let name = c.qualified()?;
        let params = c.group()?;
        if kind == RoutineKind::Aggregate && c.peek().map(|t| &t.kind) != Some(&Tok::Punct('(')) {
            return Err((name_at, "write CREATE AGGREGATE name (argument types) (options); the old form with BASETYPE is not supported".into()));
        }
        let key = RoutineKey::new(name, self.identity_args(params, kind));
        let obj = ObjectKey::Function(key.clone());
        if schema.functions.contains_key(&key) {
            let first = sources.describe(&obj);
            self.problem(
                name_at,
                Some(obj.to_string()),
                format!("declared twice (first at {first})"),
            );
            return Ok(());
        }
        sources.insert(obj, self.loc(name_at, stmt_start));
        let function = Function {
            kind,
            definition: sql,
            ..Function::default()
        };
        schema.functions.insert(key.clone(), function);
        self.last_routine = Some(key);
        Ok(())
    }

    /// The declared parameters as a DROP or COMMENT ON statement names them: defaults cut off,
    /// a function's OUT parameters left out, whitespace collapsed.
    fn identity_args(&self, params: &[Token], kind: RoutineKind) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut depth = 0i32;
        let mut part_start: Option<usize> = None;
        let mut part_end = 0usize;
        let mut cut = false;
        let flush = |start: Option<usize>, end: usize, out: &mut Vec<String>| {
            if let Some(s) = start {
                let text = self.text[s..end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let is_out = text.to_ascii_lowercase().starts_with("out ");
                if !(text.is_empty() || is_out && kind == RoutineKind::Function) {
                    out.push(text);
                }
            }
        };
        for t in params {
            match t.kind {
                Tok::Punct('(') | Tok::Punct('[') => depth += 1,
                Tok::Punct(')') | Tok::Punct(']') => depth -= 1,
                Tok::Punct(',') if depth == 0 => {
                    flush(part_start, part_end, &mut out);
                    part_start = None;
                    cut = false;
                    continue;
                }
                _ => {}
            }
            let default_starts = depth == 0
                && (t.is_kw("default") || (t.kind == Tok::Op && &self.text[t.start..t.end] == "="));
            if default_starts {
                cut = true;
            }
            if !cut {
                part_start.get_or_insert(t.start);
                part_end = t.end;
            }
        }
        flush(part_start, part_end, &mut out);
        out.join(", ")
    }

    fn create_trigger(
        &mut self,
        c: &mut Cursor,
        sql: String,
        schema: &mut Schema,
        sources: &mut SourceMap,
    ) -> Result<(), Failed> {
        c.kw("constraint");
        if !c.kw("trigger") {
            return Err((c.offset(), "expected TRIGGER".into()));
        }
        let stmt_start = c.toks[0].start;
        let name_at = c.offset();
        let name = c.ident()?;
        while c.peek().is_some_and(|t| !t.is_kw("on")) {
            c.pos += 1;
        }
        if !c.kw("on") {
            return Err((
                name_at,
                "expected ON table after the trigger's events".into(),
            ));
        }
        let table = c.qualified()?;
        let obj = ObjectKey::Trigger(table.clone(), name.clone());
        let exists = schema
            .triggers
            .get(&table)
            .is_some_and(|t| t.contains_key(&name));
        if exists {
            let first = sources.describe(&obj);
            self.problem(
                name_at,
                Some(obj.to_string()),
                format!("declared twice (first at {first})"),
            );
            return Ok(());
        }
        sources.insert(obj, self.loc(name_at, stmt_start));
        let trigger = Trigger {
            definition: sql,
            ..Trigger::default()
        };
        schema
            .triggers
            .entry(table.clone())
            .or_default()
            .insert(name.clone(), trigger);
        self.triggers.push((table, name));
        Ok(())
    }

    /// `COMMENT ON FUNCTION|PROCEDURE|AGGREGATE|ROUTINE name[(args)] IS ...` (the routine
    /// declared last in this file under that name) or `COMMENT ON TRIGGER t ON table IS ...`.
    fn comment(&mut self, c: &mut Cursor, schema: &mut Schema) -> Result<(), Failed> {
        if !c.kw("on") {
            return Err((c.offset(), "expected COMMENT ON".into()));
        }
        let at = c.offset();
        if c.kw("trigger") {
            let name = c.ident()?;
            if !c.kw("on") {
                return Err((c.offset(), "expected ON table".into()));
            }
            let table = c.qualified()?;
            let value = comment_value(c)?;
            if !self.triggers.contains(&(table.clone(), name.clone())) {
                return Err((at, format!("COMMENT ON TRIGGER {name} ON {table}: no such trigger declared above in this file")));
            }
            if let Some(t) = schema
                .triggers
                .get_mut(&table)
                .and_then(|t| t.get_mut(&name))
            {
                t.comment = value;
            }
            return Ok(());
        }
        if !["function", "procedure", "aggregate", "routine"]
            .iter()
            .any(|k| c.kw(k))
        {
            return Err((
                c.offset(),
                "expected COMMENT ON FUNCTION, PROCEDURE, AGGREGATE or TRIGGER".into(),
            ));
        }
        let name = c.qualified()?;
        if c.peek().map(|t| &t.kind) == Some(&Tok::Punct('(')) {
            c.group()?;
        }
        let value = comment_value(c)?;
        let target = self.last_routine.clone().filter(|k| k.name == name);
        let Some(key) = target else {
            return Err((at, format!("COMMENT ON {name}: it must follow the routine's CREATE statement in the same file")));
        };
        if let Some(f) = schema.functions.get_mut(&key) {
            f.comment = value;
        }
        Ok(())
    }

    /// `ALTER TABLE [ONLY] t {ENABLE [REPLICA | ALWAYS] | DISABLE} TRIGGER name`.
    fn alter_trigger(&mut self, c: &mut Cursor, schema: &mut Schema) -> Result<(), Failed> {
        let at = c.offset();
        if !c.kw("table") {
            return Err((at, unexpected_statement()));
        }
        c.kw("only");
        let table = c.qualified()?;
        let Some(enabled) = TriggerEnabled::read_clause(|k| c.kw(k)) else {
            return Err((c.offset(), "only ALTER TABLE ... ENABLE/DISABLE TRIGGER may appear here; other table changes belong in schema.yaml".into()));
        };
        if !c.kw("trigger") {
            return Err((c.offset(), "expected TRIGGER name".into()));
        }
        let name = c.ident()?;
        if c.peek().is_some() {
            return Err((c.offset(), "unexpected text after the trigger name".into()));
        }
        if !self.triggers.contains(&(table.clone(), name.clone())) {
            return Err((
                at,
                format!("trigger {name} on {table}: no such trigger declared above in this file"),
            ));
        }
        if let Some(t) = schema
            .triggers
            .get_mut(&table)
            .and_then(|t| t.get_mut(&name))
        {
            t.enabled = enabled;
        }
        Ok(())
    }
}

fn comment_value(c: &mut Cursor) -> Result<Option<String>, Failed> {
    crate::load::comment_tail(c.toks, &mut c.pos)
}

fn unexpected_statement() -> String {
    "expected CREATE FUNCTION, PROCEDURE, AGGREGATE or TRIGGER (each optionally followed by COMMENT ON, and a trigger by ALTER TABLE ... ENABLE/DISABLE TRIGGER)".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Schema, Vec<Problem>) {
        let mut schema = Schema::default();
        let mut sources = SourceMap::default();
        let mut problems = Vec::new();
        let files = vec![(PathBuf::from("functions/f.sql"), text.to_string())];
        load_files(&files, &mut schema, &mut sources, &mut problems);
        (schema, problems)
    }

    #[test]
    fn routines_and_triggers_load() {
        let (s, p) = load(
            "CREATE FUNCTION Touch(a int DEFAULT 1, OUT b text) RETURNS text LANGUAGE sql\n\
             BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN 'x' END; SELECT 'y'; END;\n\
             COMMENT ON FUNCTION touch IS 'hi';\n\
             CREATE PROCEDURE audit.p(INOUT x int = 2) LANGUAGE sql AS $$ select 1 $$;\n\
             CREATE AGGREGATE s(int) (sfunc = int4pl, stype = int);\n\
             CREATE CONSTRAINT TRIGGER t AFTER UPDATE OF \"on\" ON Users FOR EACH ROW EXECUTE FUNCTION touch();\n\
             ALTER TABLE users DISABLE TRIGGER t;\n\
             COMMENT ON TRIGGER t ON users IS 'c';\n",
        );
        assert!(p.is_empty(), "{p:?}");
        let keys: Vec<String> = s.functions.keys().map(|k| k.display_name()).collect();
        assert_eq!(keys, vec!["touch(a int)", "audit.p(INOUT x int)", "s(int)"]);
        let f = &s.functions[0];
        assert!(f.definition.ends_with("END"), "{}", f.definition);
        assert_eq!(f.comment.as_deref(), Some("hi"));
        let t = &s.triggers[&QualifiedName::new("public", "users")]["t"];
        assert_eq!(t.enabled, TriggerEnabled::Disabled);
        assert_eq!(t.comment.as_deref(), Some("c"));
        assert!(t.is_constraint());
    }

    #[test]
    fn problems_name_the_line() {
        let (_, p) = load("CREATE FUNCTION f() RETURNS int AS 'select 1' LANGUAGE sql;\nCREATE FUNCTION f() RETURNS int AS 'select 2' LANGUAGE sql;\nDROP TABLE x;\n");
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!((p[0].line, p[0].column), (2, 17));
        assert!(p[0].message.contains("declared twice"));
        assert_eq!(p[1].line, 3);
    }
}
