//! SQL: a small lexer, enough to split statements and find the structure of view, index,
//! comment, function and trigger files.

use crate::model::{QualifiedName, DEFAULT_SCHEMA};

// ---------------------------------------------------------------------------------------------
// SQL: a small lexer, enough to split statements and find the view/index/comment structure.

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tok {
    /// Unquoted identifier or keyword, as written.
    Ident(String),
    /// `"quoted identifier"`, unescaped.
    Quoted(String),
    /// A string literal's value (standard, E'' or dollar-quoted).
    Str(String),
    Number,
    Punct(char),
    /// Any other operator character run.
    Op,
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub(crate) kind: Tok,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Token {
    pub(crate) fn is_kw(&self, kw: &str) -> bool {
        matches!(&self.kind, Tok::Ident(s) if s.eq_ignore_ascii_case(kw))
    }
}

/// Reads a quoted string literal or identifier whose body starts at byte `i` (after the opening
/// quote): a doubled quote stands for itself; with `backslash_escapes` (`E'...'`) `\n`, `\t`, ...
/// are decoded. Returns the value and the byte after the closing quote, or `None` if unterminated.
pub(crate) fn read_quoted(
    text: &str,
    mut i: usize,
    quote: char,
    backslash_escapes: bool,
) -> Option<(String, usize)> {
    let mut value = String::new();
    loop {
        let ch = text.get(i..)?.chars().next()?;
        if ch == quote {
            if text[i + 1..].starts_with(quote) {
                value.push(quote);
                i += 2;
                continue;
            }
            return Some((value, i + 1));
        }
        if backslash_escapes && ch == '\\' {
            let next = text[i + 1..].chars().next().unwrap_or('\\');
            value.push(match next {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\u{8}',
                'f' => '\u{c}',
                other => other,
            });
            i += 1 + next.len_utf8();
            continue;
        }
        value.push(ch);
        i += ch.len_utf8();
    }
}

/// Lexes SQL. Errors carry the byte offset of the problem.
pub(crate) fn lex(text: &str) -> Result<Vec<Token>, (usize, String)> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    while i < b.len() {
        let c = b[i];
        let start = i;
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'-' && b.get(i + 1) == Some(&b'-') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            // Block comments nest in PostgreSQL.
            let mut depth = 0;
            loop {
                if i >= b.len() {
                    return Err((start, "unterminated /* comment".into()));
                }
                if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == b'\'' || ((c == b'e' || c == b'E') && b.get(i + 1) == Some(&b'\'')) {
            let escapes = c != b'\'';
            i += if escapes { 2 } else { 1 };
            let (value, end) = read_quoted(text, i, '\'', escapes)
                .ok_or((start, "unterminated string literal".to_string()))?;
            i = end;
            out.push(Token {
                kind: Tok::Str(value),
                start,
                end: i,
            });
        } else if c == b'"' {
            let (value, end) = read_quoted(text, i + 1, '"', false)
                .ok_or((start, "unterminated quoted identifier".to_string()))?;
            i = end;
            out.push(Token {
                kind: Tok::Quoted(value),
                start,
                end: i,
            });
        } else if c == b'$' && dollar_tag(&text[i..]).is_some() {
            let tag = dollar_tag(&text[i..]).unwrap_or_default();
            let body_start = i + tag.len();
            match text[body_start..].find(&tag) {
                Some(j) => {
                    let value = text[body_start..body_start + j].to_string();
                    i = body_start + j + tag.len();
                    out.push(Token {
                        kind: Tok::Str(value),
                        start,
                        end: i,
                    });
                }
                None => return Err((start, format!("unterminated dollar-quoted string {tag}"))),
            }
        } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            while i < b.len()
                && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'$' || b[i] >= 0x80)
            {
                i += 1;
            }
            out.push(Token {
                kind: Tok::Ident(text[start..i].to_string()),
                start,
                end: i,
            });
        } else if c.is_ascii_digit() {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            out.push(Token {
                kind: Tok::Number,
                start,
                end: i,
            });
        } else if b"(),;.[]".contains(&c) {
            i += 1;
            out.push(Token {
                kind: Tok::Punct(c as char),
                start,
                end: i,
            });
        } else {
            let ch = text[i..].chars().next().unwrap_or('\0');
            i += ch.len_utf8().max(1);
            out.push(Token {
                kind: Tok::Op,
                start,
                end: i,
            });
        }
    }
    Ok(out)
}

/// `$tag$` at the start of `s`, if it is a dollar-quote opener.
pub(crate) fn dollar_tag(s: &str) -> Option<String> {
    let rest = &s[1..];
    let end = rest.find('$')?;
    let tag = &rest[..end];
    if tag.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !tag.starts_with(|c: char| c.is_ascii_digit())
    {
        Some(format!("${tag}$"))
    } else {
        None
    }
}

/// Splits on commas outside parentheses/brackets (and outside strings, via the lexer).
pub(crate) fn split_top_level(text: &str) -> Vec<String> {
    let Ok(toks) = lex(text) else {
        return vec![text.trim().to_string()];
    };
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for t in &toks {
        match t.kind {
            Tok::Punct('(') | Tok::Punct('[') => depth += 1,
            Tok::Punct(')') | Tok::Punct(']') => depth -= 1,
            Tok::Punct(',') if depth == 0 => {
                parts.push(text[start..t.start].trim().to_string());
                start = t.end;
            }
            _ => {}
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() || !parts.is_empty() {
        parts.push(last.to_string());
    }
    parts
}

pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// The end of a `COMMENT ON … IS 'text' | NULL` statement whose tokens are `toks`, from `*pos`
/// (at `IS`): the comment, `None` for NULL; errors carry the byte offset of the problem.
pub(crate) fn comment_tail(
    toks: &[Token],
    pos: &mut usize,
) -> Result<Option<String>, (usize, String)> {
    let offset = |p: usize| {
        toks.get(p)
            .map(|t| t.start)
            .unwrap_or_else(|| toks.last().map(|t| t.end).unwrap_or(0))
    };
    if !toks.get(*pos).is_some_and(|t| t.is_kw("is")) {
        return Err((offset(*pos), "expected IS 'comment'".into()));
    }
    let value = match toks.get(*pos + 1).map(|t| &t.kind) {
        Some(Tok::Str(v)) => Some(v.clone()),
        Some(Tok::Ident(n)) if n.eq_ignore_ascii_case("null") => None,
        _ => return Err((offset(*pos + 1), "expected a string literal or NULL".into())),
    };
    *pos += 2;
    if *pos < toks.len() {
        return Err((offset(*pos), "unexpected text after the comment".into()));
    }
    Ok(value)
}

/// A cursor over one statement's tokens.
pub(crate) struct Stmt<'a> {
    pub(crate) text: &'a str,
    pub(crate) toks: &'a [Token],
    pub(crate) pos: usize,
}

impl<'a> Stmt<'a> {
    pub(crate) fn peek(&self) -> Option<&'a Token> {
        self.toks.get(self.pos)
    }
    pub(crate) fn kw(&mut self, kw: &str) -> bool {
        if self.peek().is_some_and(|t| t.is_kw(kw)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    pub(crate) fn punct(&mut self, c: char) -> bool {
        if self.peek().is_some_and(|t| t.kind == Tok::Punct(c)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    pub(crate) fn offset(&self) -> usize {
        self.peek()
            .map(|t| t.start)
            .unwrap_or_else(|| self.toks.last().map(|t| t.end).unwrap_or(0))
    }
    pub(crate) fn ident(&mut self) -> Result<String, (usize, String)> {
        match self.peek().map(|t| &t.kind) {
            Some(Tok::Ident(s)) => {
                self.pos += 1;
                Ok(s.to_lowercase())
            }
            Some(Tok::Quoted(s)) => {
                self.pos += 1;
                Ok(s.clone())
            }
            _ => Err((self.offset(), "expected a name".into())),
        }
    }
    /// `name` or `schema.name`, folded by SQL rules.
    pub(crate) fn qualified(&mut self) -> Result<QualifiedName, (usize, String)> {
        let first = self.ident()?;
        if self.punct('.') {
            let second = self.ident()?;
            Ok(QualifiedName::new(first, second))
        } else {
            Ok(QualifiedName::new(DEFAULT_SCHEMA, first))
        }
    }
    /// The text of a parenthesized group starting at the current `(`; moves past its `)`.
    pub(crate) fn paren_group(&mut self) -> Result<&'a str, (usize, String)> {
        let open = self
            .peek()
            .filter(|t| t.kind == Tok::Punct('('))
            .ok_or((self.offset(), "expected `(`".to_string()))?;
        let mut depth = 0;
        while let Some(t) = self.peek() {
            self.pos += 1;
            match t.kind {
                Tok::Punct('(') => depth += 1,
                Tok::Punct(')') => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(&self.text[open.end..t.start]);
                    }
                }
                _ => {}
            }
        }
        Err((open.start, "unbalanced parentheses".into()))
    }
    pub(crate) fn rest_text(&self) -> &'a str {
        match self.peek() {
            Some(t) => self.text[t.start..self.toks.last().map(|l| l.end).unwrap_or(t.end)].trim(),
            None => "",
        }
    }
    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }
}
