//! Light SQL highlighting for the review page: keywords, strings (quoted, `E''`, dollar-quoted),
//! comments and numbers, by a small hand-written tokenizer. It never has to be a parser: a token
//! it gets wrong is only drawn in the wrong color, and every byte of the input is kept (escaped).

use super::escape;

/// What a piece of SQL is, for its CSS class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Keyword,
    Str,
    Comment,
    Number,
    Plain,
}

impl Kind {
    fn class(self) -> Option<&'static str> {
        match self {
            Kind::Keyword => Some("k"),
            Kind::Str => Some("s"),
            Kind::Comment => Some("c"),
            Kind::Number => Some("n"),
            Kind::Plain => None,
        }
    }
}

/// The words drawn as keywords (upper or lower case); identifiers in double quotes never are.
const KEYWORDS: &[&str] = &[
    "add",
    "all",
    "alter",
    "and",
    "as",
    "asc",
    "begin",
    "bigint",
    "by",
    "cascade",
    "case",
    "check",
    "column",
    "comment",
    "commit",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "default",
    "delete",
    "desc",
    "distinct",
    "do",
    "drop",
    "else",
    "end",
    "exists",
    "foreign",
    "from",
    "full",
    "function",
    "grant",
    "group",
    "having",
    "identity",
    "if",
    "in",
    "index",
    "inner",
    "insert",
    "integer",
    "into",
    "is",
    "join",
    "key",
    "language",
    "left",
    "like",
    "limit",
    "materialized",
    "not",
    "null",
    "on",
    "or",
    "order",
    "outer",
    "owner",
    "primary",
    "procedure",
    "references",
    "rename",
    "replace",
    "restrict",
    "returns",
    "revoke",
    "right",
    "schema",
    "select",
    "sequence",
    "set",
    "table",
    "text",
    "then",
    "to",
    "trigger",
    "type",
    "union",
    "unique",
    "update",
    "using",
    "valid",
    "validate",
    "values",
    "view",
    "when",
    "where",
    "with",
    "without",
    "zone",
    "timestamp",
    "time",
    "true",
    "false",
];

fn is_keyword(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    KEYWORDS.contains(&lower.as_str())
}

/// Splits `sql` into (kind, text) tokens that concatenate back to `sql`.
fn tokens(sql: &str) -> Vec<(Kind, &str)> {
    let bytes = sql.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < sql.len() {
        let rest = &sql[i..];
        let (kind, len) = if rest.starts_with("--") {
            (Kind::Comment, rest.find('\n').unwrap_or(rest.len()))
        } else if rest.starts_with("/*") {
            (Kind::Comment, rest.find("*/").map_or(rest.len(), |e| e + 2))
        } else if bytes[i] == b'\'' {
            (Kind::Str, quoted_len(rest, '\''))
        } else if bytes[i] == b'"' {
            (Kind::Plain, quoted_len(rest, '"'))
        } else if let Some(len) = dollar_quoted_len(rest) {
            (Kind::Str, len)
        } else if bytes[i].is_ascii_digit() {
            let len = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            (Kind::Number, len)
        } else if is_word_char(rest.chars().next().unwrap_or(' ')) {
            let len = rest.find(|c| !is_word_char(c)).unwrap_or(rest.len());
            let kind = if is_keyword(&rest[..len]) {
                Kind::Keyword
            } else {
                Kind::Plain
            };
            (kind, len)
        } else {
            (Kind::Plain, rest.chars().next().map_or(1, char::len_utf8))
        };
        out.push((kind, &rest[..len]));
        i += len;
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// Length of a `'...'` or `"..."` token, a doubled quote being part of it; unterminated: the rest.
fn quoted_len(rest: &str, quote: char) -> usize {
    let mut chars = rest.char_indices().skip(1).peekable();
    while let Some((at, c)) = chars.next() {
        if c == quote {
            if chars.peek().is_some_and(|(_, n)| *n == quote) {
                chars.next();
                continue;
            }
            return at + 1;
        }
    }
    rest.len()
}

/// Length of a `$tag$...$tag$` string starting `rest`, if it starts one.
fn dollar_quoted_len(rest: &str) -> Option<usize> {
    let body = rest.strip_prefix('$')?;
    let tag_len = body.find('$')?;
    let tag = &body[..tag_len];
    if !tag.chars().all(|c| c.is_alphanumeric() || c == '_')
        || tag.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let opener = tag_len + 2;
    let close = format!("${tag}$");
    Some(
        rest[opener..]
            .find(&close)
            .map_or(rest.len(), |e| opener + e + close.len()),
    )
}

/// `sql` as escaped HTML with `<span class=k|s|c|n>` around keywords, strings, comments, numbers.
pub fn highlight(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() * 2);
    for (kind, text) in tokens(sql) {
        match kind.class() {
            Some(class) => {
                out.push_str(&format!("<span class=\"{class}\">{}</span>", escape(text)))
            }
            None => out.push_str(&escape(text)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_cover_the_input_and_are_classified() {
        let sql = "SELECT 'a''b', \"Select\" -- note\nFROM t /* x */ WHERE n = 42 AND $f$ body $f$";
        let toks = tokens(sql);
        assert_eq!(toks.iter().map(|t| t.1).collect::<String>(), sql);
        assert!(toks.contains(&(Kind::Keyword, "SELECT")));
        assert!(toks.contains(&(Kind::Str, "'a''b'")));
        assert!(toks.contains(&(Kind::Plain, "\"Select\"")));
        assert!(toks.contains(&(Kind::Comment, "-- note")));
        assert!(toks.contains(&(Kind::Comment, "/* x */")));
        assert!(toks.contains(&(Kind::Number, "42")));
        assert!(toks.contains(&(Kind::Str, "$f$ body $f$")));
    }

    #[test]
    fn highlighted_text_is_escaped() {
        let html = highlight("SELECT '<b>&' AS \"x<y\"");
        assert_eq!(
            html,
            "<span class=\"k\">SELECT</span> <span class=\"s\">&#39;&lt;b&gt;&amp;&#39;</span> \
<span class=\"k\">AS</span> &quot;x&lt;y&quot;"
        );
    }

    #[test]
    fn unterminated_strings_and_comments_run_to_the_end() {
        for sql in ["'open", "/* open", "$a$ open", "\"open"] {
            assert_eq!(tokens(sql).iter().map(|t| t.1).collect::<String>(), sql);
        }
    }
}
