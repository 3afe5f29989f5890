//! `b = false` and `NOT b` (and `b = true` and `b`) select the same rows, NULL included, but
//! PostgreSQL keeps each as written, so a check declared one way and created the other way would
//! be reported as drift. Both sides' deparsed expressions are rewritten to the shorter form
//! before they are compared (never in what `plan` emits).

/// The expression with every `(col = false)` written `(NOT col)` and every `(col = true)`
/// written `col`, as PostgreSQL deparses the short forms; `None` when there is none. `col` is a
/// plain or quoted, possibly qualified, column name: anything else (`(f(x) = false)`) is left
/// alone, and so is text inside string literals.
pub fn short_bool_comparisons(expr: &str) -> Option<String> {
    let mut out = String::with_capacity(expr.len());
    let mut changed = false;
    let mut rest = expr;
    while let Some(c) = rest.chars().next() {
        if c == '\'' || c == '"' {
            let end = quoted_end(rest, c);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        if c == '(' {
            if let Some((column, literal, len)) = comparison(rest) {
                if literal {
                    out.push_str(column);
                } else {
                    out.push_str(&format!("(NOT {column})"));
                }
                rest = &rest[len..];
                changed = true;
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    changed.then_some(out)
}

/// The byte length of the quoted text at the start of `s` (`'it''s'`, `"a""b"`), quotes
/// included; the whole rest when it is not closed.
fn quoted_end(s: &str, q: char) -> usize {
    let mut i = 1;
    let bytes = s.as_bytes();
    while i < bytes.len() {
        if bytes[i] == q as u8 {
            if bytes.get(i + 1) == Some(&(q as u8)) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    s.len()
}

/// `(col = false)` at the start of `s`: the column, the literal, the length matched.
fn comparison(s: &str) -> Option<(&str, bool, usize)> {
    let inner = &s[1..];
    let col_len = column_len(inner)?;
    let column = &inner[..col_len];
    let after = &inner[col_len..];
    for (tail, literal) in [(" = false)", false), (" = true)", true)] {
        if after.starts_with(tail) {
            return Some((column, literal, 1 + col_len + tail.len()));
        }
    }
    None
}

/// The length of a column reference at the start of `s`: name parts (`a`, `"A b"`) joined by dots.
fn column_len(s: &str) -> Option<usize> {
    let mut len = 0;
    loop {
        let part = &s[len..];
        let n = if part.starts_with('"') {
            quoted_end(part, '"')
        } else {
            part.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
                .unwrap_or(part.len())
        };
        if n == 0 || part.as_bytes()[0].is_ascii_digit() {
            return None;
        }
        len += n;
        if s[len..].starts_with('.') {
            len += 1;
        } else {
            return Some(len);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::short_bool_comparisons as s;

    #[test]
    fn comparisons_with_boolean_literals_take_the_short_form() {
        assert_eq!(s("(b = false)").as_deref(), Some("(NOT b)"));
        assert_eq!(s("(b = true)").as_deref(), Some("b"));
        assert_eq!(
            s("((t.b = false) AND (a > 0))").as_deref(),
            Some("((NOT t.b) AND (a > 0))")
        );
        assert_eq!(s("(\"Is Done\" = true)").as_deref(), Some("\"Is Done\""));
        assert_eq!(s("(NOT b)"), None);
        assert_eq!(s("(f(b) = false)"), None);
        assert_eq!(s("(1 = true)"), None);
        assert_eq!(s("(b = falsehood)"), None);
        // Inside a string literal nothing changes.
        assert_eq!(s("(s = '(b = false)'::text)"), None);
        assert_eq!(
            s("(s = 'it''s') OR (b = false)").as_deref(),
            Some("(s = 'it''s') OR (NOT b)")
        );
    }
}
