//! Round-trip stable SQL text: expressions rewritten so that building them and printing them
//! again gives the same text. Every DDL emitter of an expression (column defaults and generated
//! columns, checks, domains, index keys and predicates, view bodies) calls
//! [`stabilize_expression`], so `plan`, `apply` and `squash` all emit fixpoint text.

/// PostgreSQL's deparsed text does not always rebuild the tree it was printed from: `c IN ('a',
/// 'b')` on a varchar column prints as `(ARRAY['a'::character varying, ...])::text[]`, and
/// parsing that pushes the `text[]` cast into the elements, so a rebuilt database (and a
/// pg_dump restore) prints `ARRAY[('a'::character varying)::text, ...]`. Casting the array to
/// its own element type first (`(ARRAY[...]::character varying[])::text[]`) keeps the array a
/// separate node, which rebuilds the original tree and prints the original text. The rewrite
/// touches only arrays of literals that all carry the same cast, where the added cast is a no-op.
pub fn stabilize_expression(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        match b[i] {
            b'\'' | b'"' => {
                i = skip_quoted(b, i);
                continue;
            }
            b'A' if text[i..].starts_with("ARRAY[")
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let open = i + 5;
                let Some(close) = matching_bracket(b, open) else {
                    i += 1;
                    continue;
                };
                let after = &text[close + 1..];
                let parenthesized = i > 0 && b[i - 1] == b'(';
                let outer = if let Some(r) = after.strip_prefix("::") {
                    Some(r)
                } else if parenthesized {
                    after.strip_prefix(")::")
                } else {
                    None
                };
                if let (Some(outer), Some(t)) = (outer, common_literal_type(&text[open + 1..close]))
                {
                    if !outer.starts_with(&format!("{t}[]")) {
                        out.push_str(&text[copied..=close]);
                        out.push_str("::");
                        out.push_str(&t);
                        out.push_str("[]");
                        copied = close + 1;
                    }
                }
                i = close + 1;
            }
            _ => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Index just past the quoted literal or identifier starting at `start` (doubled quotes stay
/// inside).
fn skip_quoted(b: &[u8], start: usize) -> usize {
    let q = b[start];
    let mut i = start + 1;
    while i < b.len() {
        if b[i] == q {
            if i + 1 < b.len() && b[i + 1] == q {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    b.len()
}

fn matching_bracket(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            b'\'' | b'"' => {
                i = skip_quoted(b, i);
                continue;
            }
            b'[' | b'(' => depth += 1,
            b']' | b')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return (b[i] == b']').then_some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// `'a'::T, 'b'::T` -> `T`, when every element is a string literal with the same plain cast.
fn common_literal_type(elements: &str) -> Option<String> {
    let b = elements.as_bytes();
    let mut types: Vec<&str> = Vec::new();
    let mut i = 0;
    loop {
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if i >= b.len() || b[i] != b'\'' {
            return None;
        }
        i = skip_quoted(b, i);
        if !elements[i..].starts_with("::") {
            return None;
        }
        i += 2;
        let start = i;
        let mut depth = 0usize;
        while i < b.len() {
            match b[i] {
                b'(' => depth += 1,
                b')' => depth = depth.checked_sub(1)?,
                b',' if depth == 0 => break,
                b'\'' | b'[' | b']' | b':' => return None,
                _ => {}
            }
            i += 1;
        }
        let t = elements[start..i].trim();
        if t.is_empty() {
            return None;
        }
        types.push(t);
        if i >= b.len() {
            break;
        }
        i += 1;
    }
    let first = *types.first()?;
    types.iter().all(|t| *t == first).then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_of_cast_literals_get_their_own_cast() {
        let a = "((op)::text = ANY ((ARRAY['a'::character varying, 'b''x'::character varying])::text[]))";
        assert_eq!(
            stabilize_expression(a),
            "((op)::text = ANY ((ARRAY['a'::character varying, 'b''x'::character varying]::character varying[])::text[]))"
        );
        let pretty = "x::text = ANY (ARRAY['a'::character varying]::text[])";
        assert_eq!(
            stabilize_expression(pretty),
            "x::text = ANY (ARRAY['a'::character varying]::character varying[]::text[])"
        );
        let same = "ARRAY['a'::character varying]::character varying[]";
        assert_eq!(stabilize_expression(same), same);
        let mixed = "(x = ANY ((ARRAY['a'::character varying, 'b'::text])::text[]))";
        assert_eq!(stabilize_expression(mixed), mixed);
        let plain = "(x = ANY (ARRAY[1, 2]))";
        assert_eq!(stabilize_expression(plain), plain);
        let quoted = "'(ARRAY[''a''::t])::x'";
        assert_eq!(stabilize_expression(quoted), quoted);
    }
}
