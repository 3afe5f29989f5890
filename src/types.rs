//! Canonical type names: a type as a human writes it (`int`, `varchar(100)`, `timestamptz`)
//! turned into exactly what PostgreSQL's `format_type(atttypid, atttypmod)` prints with
//! `search_path = public`. Declared and introspected columns can then be compared as text, and
//! an unknown or malformed type is reported at load time, with its file position, instead of as
//! a server error later. The integration test `types_match_format_type` proves the outputs
//! against a real server.

use crate::model::{QualifiedName, DEFAULT_SCHEMA};

mod hints;
mod known;
use hints::instead;
pub use known::Known;

/// Built-in types whose name takes no modifier: accepted spellings -> format_type output.
const SIMPLE: &[(&str, &str)] = &[
    ("int", "integer"),
    ("int4", "integer"),
    ("integer", "integer"),
    ("int8", "bigint"),
    ("bigint", "bigint"),
    ("int2", "smallint"),
    ("smallint", "smallint"),
    ("float8", "double precision"),
    ("double precision", "double precision"),
    ("float4", "real"),
    ("real", "real"),
    ("bool", "boolean"),
    ("boolean", "boolean"),
    ("text", "text"),
    ("bytea", "bytea"),
    ("date", "date"),
    ("json", "json"),
    ("jsonb", "jsonb"),
    ("jsonpath", "jsonpath"),
    ("uuid", "uuid"),
    ("inet", "inet"),
    ("cidr", "cidr"),
    ("macaddr", "macaddr"),
    ("macaddr8", "macaddr8"),
    ("money", "money"),
    ("oid", "oid"),
    ("xml", "xml"),
    ("tsvector", "tsvector"),
    ("tsquery", "tsquery"),
    ("point", "point"),
    ("line", "line"),
    ("lseg", "lseg"),
    ("box", "box"),
    ("path", "path"),
    ("polygon", "polygon"),
    ("circle", "circle"),
    ("int4range", "int4range"),
    ("int8range", "int8range"),
    ("numrange", "numrange"),
    ("tsrange", "tsrange"),
    ("tstzrange", "tstzrange"),
    ("daterange", "daterange"),
    ("int4multirange", "int4multirange"),
    ("int8multirange", "int8multirange"),
    ("nummultirange", "nummultirange"),
    ("tsmultirange", "tsmultirange"),
    ("tstzmultirange", "tstzmultirange"),
    ("datemultirange", "datemultirange"),
    ("regclass", "regclass"),
    ("regtype", "regtype"),
    ("regproc", "regproc"),
    ("regprocedure", "regprocedure"),
    ("regnamespace", "regnamespace"),
    ("regrole", "regrole"),
    ("name", "name"),
    ("pg_lsn", "pg_lsn"),
    ("pg_snapshot", "pg_snapshot"),
    ("txid_snapshot", "txid_snapshot"),
    ("regconfig", "regconfig"),
    ("regdictionary", "regdictionary"),
    ("regoper", "regoper"),
    ("regoperator", "regoperator"),
    ("regcollation", "regcollation"),
    ("refcursor", "refcursor"),
    ("aclitem", "aclitem"),
    ("int2vector", "int2vector"),
    ("oidvector", "oidvector"),
    ("xid", "xid"),
    ("xid8", "xid8"),
    ("cid", "cid"),
    ("tid", "tid"),
    // bpchar without a length is its own thing (no length limit); format_type prints `bpchar`.
    ("bpchar", "bpchar"),
    ("\"char\"", "\"char\""),
];

/// Types of common extensions, accepted as-is (with their modifier, if any).
const EXTENSION_TYPES: &[&str] = &[
    "citext",
    "hstore",
    "ltree",
    "lquery",
    "ltxtquery",
    "cube",
    "vector",
    "halfvec",
    "sparsevec",
    "geometry",
    "geography",
    "isbn",
    "issn",
    "ean13",
    "seg",
];

/// Keywords that `quote_identifier()` quotes (every category except UNRESERVED_KEYWORD).
const QUOTED_KEYWORDS: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "json",
    "json_array",
    "json_arrayagg",
    "json_exists",
    "json_object",
    "json_objectagg",
    "json_query",
    "json_scalar",
    "json_serialize",
    "json_table",
    "json_value",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "merge_action",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
];

/// PostgreSQL's `quote_identifier()`: quotes only when needed (used where the server prints
/// names that way, e.g. format_type and regclass output).
pub fn quote_ident_if_needed(name: &str) -> String {
    let safe = !name.is_empty()
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !QUOTED_KEYWORDS.contains(&name);
    if safe {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// How format_type prints a user type (or regclass prints a relation) with
/// `search_path = public`: unqualified when in `public`, else qualified; quoted where needed.
pub fn server_name(q: &QualifiedName) -> String {
    if q.schema == DEFAULT_SCHEMA {
        quote_ident_if_needed(&q.name)
    } else {
        format!(
            "{}.{}",
            quote_ident_if_needed(&q.schema),
            quote_ident_if_needed(&q.name)
        )
    }
}

/// The lower-cased base name of a type without modifiers or array brackets
/// (`character varying(10)[]` -> `character varying`); for quick classification.
pub fn base_type_name(text: &str) -> String {
    let t = text.trim();
    let t = t.split('[').next().unwrap_or(t);
    let t = t.split('(').next().unwrap_or(t);
    collapse_ws(t).to_ascii_lowercase()
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Canonicalizes a type. `user_types` are the declared enums (and other user-defined types);
/// they are matched by their YAML name, exactly (`Mood`, `audit.level`, `"my.type"`).
/// `extensions_declared` lets common extension types (citext, vector(3), ...) through as-is.
pub fn canonical_type(text: &str, user_types: &[QualifiedName]) -> Result<String, String> {
    canonical_type_ext(text, user_types, true)
}

/// Like [`canonical_type`]; `allow_extension_types` says whether types of well-known
/// extensions (citext, hstore, vector, ...) are accepted.
pub fn canonical_type_ext(
    text: &str,
    user_types: &[QualifiedName],
    allow_extension_types: bool,
) -> Result<String, String> {
    let original = text;
    let mut t = text.trim().to_string();
    if t.is_empty() {
        return Err("empty type".to_string());
    }
    // Array suffixes: `[]`, `[3]`, `[][]`, or the SQL-standard `ARRAY` / `ARRAY[3]`.
    // PostgreSQL keeps neither dimension count nor size: every array type prints as `x[]`.
    let mut array = false;
    loop {
        let trimmed = t.trim_end();
        if let Some(before) = trimmed.strip_suffix(']') {
            let open = before
                .rfind('[')
                .ok_or_else(|| format!("unbalanced `]` in type `{original}`"))?;
            let inside = before[open + 1..].trim();
            if !inside.is_empty() && !inside.chars().all(|c| c.is_ascii_digit()) {
                return Err(format!(
                    "array size in `{original}` must be a number (or empty: `[]`)"
                ));
            }
            t = before[..open].to_string();
            array = true;
            continue;
        }
        let lower = trimmed.to_ascii_lowercase();
        if lower.ends_with(" array") {
            t = trimmed[..trimmed.len() - " array".len()].to_string();
            array = true;
            continue;
        }
        t = trimmed.to_string();
        break;
    }
    if t.contains('[') || t.contains(']') {
        return Err(format!("unbalanced brackets in type `{original}`"));
    }
    let t = strip_pg_catalog(t.trim());
    // `_int4`, the array type's own name in pg_type (what some tools print), is `int4[]`; a
    // user type of that very name wins, and a name that is no array type keeps its own error.
    let is_user = QualifiedName::parse(t).is_ok_and(|q| user_types.contains(&q));
    if let Some(elem) = t.strip_prefix('_').filter(|e| !is_user && !e.is_empty()) {
        if let Ok(base) = canonical_base(elem, original, user_types, allow_extension_types) {
            return Ok(format!("{base}[]"));
        }
    }
    let base = canonical_base(t, original, user_types, allow_extension_types)?;
    Ok(if array { format!("{base}[]") } else { base })
}

/// `pg_catalog.int8` is `int8`: built-in types live in pg_catalog, and pg_dump and ORMs
/// sometimes qualify them.
fn strip_pg_catalog(t: &str) -> &str {
    for prefix in ["pg_catalog.", "\"pg_catalog\"."] {
        let n = prefix.len();
        if t.len() > n && t.get(..n).is_some_and(|p| p.eq_ignore_ascii_case(prefix)) {
            return t[n..].trim_start();
        }
    }
    t
}

/// Splits `name(args) rest` into (name, Some(args), rest); checks parens balance.
fn split_modifier(
    t: &str,
    original: &str,
) -> Result<(String, Option<Vec<String>>, String), String> {
    let opens = t.matches('(').count();
    let closes = t.matches(')').count();
    if opens != closes {
        return Err(format!("unbalanced parentheses in type `{original}`"));
    }
    match t.find('(') {
        None => Ok((t.to_string(), None, String::new())),
        Some(open) => {
            let close = t[open..]
                .find(')')
                .map(|i| i + open)
                .ok_or_else(|| format!("unbalanced parentheses in type `{original}`"))?;
            if opens > 1 {
                return Err(format!(
                    "unexpected nested parentheses in type `{original}`"
                ));
            }
            let args: Vec<String> = t[open + 1..close]
                .split(',')
                .map(|a| a.trim().to_string())
                .collect();
            Ok((
                t[..open].trim().to_string(),
                Some(args),
                t[close + 1..].trim().to_string(),
            ))
        }
    }
}

fn int_args(args: &[String], original: &str) -> Result<Vec<i64>, String> {
    args.iter()
        .map(|a| {
            a.parse::<i64>()
                .map_err(|_| format!("type modifier `{a}` in `{original}` must be an integer"))
        })
        .collect()
}

fn one_arg(args: &Option<Vec<String>>, original: &str) -> Result<Option<i64>, String> {
    match args {
        None => Ok(None),
        Some(a) => {
            let v = int_args(a, original)?;
            if v.len() != 1 {
                return Err(format!("`{original}` takes exactly one type modifier"));
            }
            Ok(Some(v[0]))
        }
    }
}

fn canonical_base(
    t: &str,
    original: &str,
    user_types: &[QualifiedName],
    allow_extension_types: bool,
) -> Result<String, String> {
    // User types first, by exact YAML name; `"Mood"` (SQL-quoted) means the same name.
    if let Ok(q) = QualifiedName::parse(t) {
        if let Some(u) = user_types.iter().find(|u| **u == q) {
            return Ok(server_name(u));
        }
        // `public.x` written out in full.
        if let Some((s, n)) = t.split_once('.') {
            if !t.contains('"') {
                let q = QualifiedName::new(s.trim(), n.trim());
                if let Some(u) = user_types.iter().find(|u| **u == q) {
                    return Ok(server_name(u));
                }
            }
        }
    }
    if t == "\"char\"" {
        return Ok("\"char\"".to_string());
    }
    let (name, args, rest) = split_modifier(t, original)?;
    let name = collapse_ws(&name).to_ascii_lowercase();
    let mut rest = collapse_ws(&rest).to_ascii_lowercase();
    let mut name = name;
    // `interval day to second(3)`: the fields come before the modifier.
    if let Some(fields) = name.strip_prefix("interval ") {
        if rest.is_empty() {
            rest = fields.to_string();
            name = "interval".to_string();
        }
    }
    for prefix in ["timestamp ", "time "] {
        if let Some(zone) = name.strip_prefix(prefix) {
            if rest.is_empty() && zone.ends_with("time zone") {
                rest = zone.to_string();
                name = prefix.trim().to_string();
            }
        }
    }
    let time_zone = |rest: &str, name_tz: bool| -> Result<&'static str, String> {
        match rest {
            "" if name_tz => Ok("with time zone"),
            "" | "without time zone" if !name_tz => Ok("without time zone"),
            "with time zone" if !name_tz => Ok("with time zone"),
            _ => Err(format!("unexpected `{rest}` in type `{original}`")),
        }
    };
    let out = match name.as_str() {
        "varchar" | "character varying" | "char varying" => {
            no_rest(&rest, original)?;
            match one_arg(&args, original)? {
                None => "character varying".to_string(),
                Some(n) => format!("character varying({})", positive(n, original)?),
            }
        }
        "char" | "character" => {
            no_rest(&rest, original)?;
            let n = one_arg(&args, original)?.unwrap_or(1);
            format!("character({})", positive(n, original)?)
        }
        "bpchar" if args.is_some() => {
            no_rest(&rest, original)?;
            let n = one_arg(&args, original)?.unwrap_or(1);
            format!("character({})", positive(n, original)?)
        }
        "numeric" | "decimal" | "dec" => {
            no_rest(&rest, original)?;
            match &args {
                None => "numeric".to_string(),
                Some(a) => {
                    let v = int_args(a, original)?;
                    match v.as_slice() {
                        [p] => format!("numeric({},0)", precision(*p, original)?),
                        [p, s] => {
                            if *s < -1000 || *s > 1000 {
                                return Err(format!(
                                    "NUMERIC scale {s} in `{original}` must be between -1000 and 1000"
                                ));
                            }
                            format!("numeric({},{s})", precision(*p, original)?)
                        }
                        _ => {
                            return Err(format!(
                            "`{original}`: numeric takes at most two modifiers (precision, scale)"
                        ))
                        }
                    }
                }
            }
        }
        "float" => {
            no_rest(&rest, original)?;
            match one_arg(&args, original)? {
                None => "double precision".to_string(),
                Some(p) if (1..=24).contains(&p) => "real".to_string(),
                Some(p) if (25..=53).contains(&p) => "double precision".to_string(),
                Some(p) => {
                    return Err(format!(
                        "precision {p} in `{original}` must be between 1 and 53"
                    ))
                }
            }
        }
        "timestamp" | "timestamptz" | "time" | "timetz" => {
            let tz = name.ends_with("tz");
            let zone = time_zone(&rest, tz)?;
            let base = name.trim_end_matches("tz");
            match one_arg(&args, original)? {
                None => format!("{base} {zone}"),
                Some(p) => format!("{base}({}) {zone}", time_precision(p, original)?),
            }
        }
        "bit" => {
            no_rest(&rest, original)?;
            let n = one_arg(&args, original)?.unwrap_or(1);
            format!("bit({})", positive(n, original)?)
        }
        "varbit" | "bit varying" => {
            no_rest(&rest, original)?;
            match one_arg(&args, original)? {
                None => "bit varying".to_string(),
                Some(n) => format!("bit varying({})", positive(n, original)?),
            }
        }
        "interval" => interval(&args, &rest, original)?,
        "double" if rest == "precision" && args.is_none() => "double precision".to_string(),
        _ => {
            if let Some((_, out)) = SIMPLE.iter().find(|(k, _)| *k == name) {
                if args.is_some() {
                    return Err(format!(
                        "type `{name}` takes no modifier (in `{original}`){}",
                        if out.ends_with("int") || out.ends_with("integer") {
                            format!("; a display width like MySQL's means nothing in PostgreSQL: write `{name}`")
                        } else {
                            String::new()
                        }
                    ));
                }
                no_rest(&rest, original)?;
                out.to_string()
            } else if allow_extension_types && EXTENSION_TYPES.contains(&name.as_str()) {
                no_rest(&rest, original)?;
                match &args {
                    None => name.clone(),
                    Some(a) => format!("{name}({})", a.join(",")),
                }
            } else {
                let err = unknown(t, user_types);
                match opaque_extension_type(t, original, &args, &rest, &err) {
                    Some(out) if allow_extension_types => out?,
                    _ => return Err(err),
                }
            }
        }
    };
    Ok(out)
}

/// A type no list here knows, in a project that declares extensions: any extension may define
/// it (`isbn13`, `lo`, `ext.citext` from an extension installed in another schema), so it is
/// kept as written (unquoted parts folded to lower case, as PostgreSQL does) and the normalizing
/// server decides whether it exists. `None` when it looks like a typo of a built-in type (the
/// loader's "did you mean" stands) or is not a type name.
fn opaque_extension_type(
    t: &str,
    original: &str,
    args: &Option<Vec<String>>,
    rest: &str,
    unknown_error: &str,
) -> Option<Result<String, String>> {
    if unknown_error.contains("did you mean") || instead(t).is_some() {
        return None;
    }
    let raw = t.split('(').next().unwrap_or(t).trim();
    if !raw.contains('"') && raw.contains(char::is_whitespace) {
        return None;
    }
    let raw = if raw.contains('"') {
        raw.to_string()
    } else {
        raw.to_ascii_lowercase()
    };
    let q = QualifiedName::parse(&raw).ok()?;
    let name = if raw.contains('.') {
        format!(
            "{}.{}",
            quote_ident_if_needed(&q.schema),
            quote_ident_if_needed(&q.name)
        )
    } else {
        quote_ident_if_needed(&q.name)
    };
    if let Err(e) = no_rest(rest, original) {
        return Some(Err(e));
    }
    Some(Ok(match args {
        None => name,
        Some(a) => format!("{name}({})", a.join(",")),
    }))
}

fn no_rest(rest: &str, original: &str) -> Result<(), String> {
    if rest.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "unexpected `{rest}` after the modifier in type `{original}`"
        ))
    }
}

fn positive(n: i64, original: &str) -> Result<i64, String> {
    if (1..=10_485_760).contains(&n) {
        Ok(n)
    } else {
        Err(format!("length {n} in `{original}` must be at least 1"))
    }
}

fn precision(p: i64, original: &str) -> Result<i64, String> {
    if (1..=1000).contains(&p) {
        Ok(p)
    } else {
        Err(format!(
            "NUMERIC precision {p} in `{original}` must be between 1 and 1000"
        ))
    }
}

fn time_precision(p: i64, original: &str) -> Result<i64, String> {
    if (0..=6).contains(&p) {
        Ok(p)
    } else {
        Err(format!(
            "precision {p} in `{original}` must be between 0 and 6"
        ))
    }
}

const INTERVAL_FIELDS: &[&str] = &[
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "year to month",
    "day to hour",
    "day to minute",
    "day to second",
    "hour to minute",
    "hour to second",
    "minute to second",
];

fn interval(args: &Option<Vec<String>>, rest: &str, original: &str) -> Result<String, String> {
    // `interval(3)`, `interval day to second(3)`: the modifier belongs to the seconds field.
    let p = one_arg(args, original)?;
    if let Some(p) = p {
        time_precision(p, original)?;
    }
    if rest.is_empty() {
        return Ok(match p {
            None => "interval".to_string(),
            Some(p) => format!("interval({p})"),
        });
    }
    if !INTERVAL_FIELDS.contains(&rest) {
        return Err(format!(
            "unknown interval fields `{rest}` in `{original}` (expected e.g. `day to second`)"
        ));
    }
    Ok(match p {
        None => format!("interval {rest}"),
        Some(p) if rest.ends_with("second") => format!("interval {rest}({p})"),
        Some(_) => return Err(format!("`{original}`: only seconds take a precision")),
    })
}

fn unknown(t: &str, user_types: &[QualifiedName]) -> String {
    if let Some(hint) = instead(t) {
        return hint;
    }
    let lower = t.to_ascii_lowercase();
    let mut candidates: Vec<String> = SIMPLE.iter().map(|(k, _)| k.to_string()).collect();
    candidates.extend(
        [
            "varchar",
            "character varying",
            "character",
            "numeric",
            "decimal",
            "timestamp",
            "timestamptz",
            "time",
            "timetz",
            "interval",
            "bit",
            "varbit",
            "serial",
            "bigserial",
            "smallserial",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    candidates.extend(user_types.iter().map(|u| u.display_name()));
    let best = candidates
        .iter()
        .map(|c| {
            (
                crate::suggest::edit_distance(&lower, &c.to_ascii_lowercase()),
                c,
            )
        })
        .min_by_key(|(d, _)| *d);
    match best {
        // Close enough to be a typo (`txt`, `intger`), not a different word (`email` vs `real`).
        Some((d, c)) if d <= 1.max(lower.len() / 3) => {
            format!("unknown type `{t}`; did you mean `{c}`?")
        }
        _ => format!("unknown type `{t}` (see docs/schema-format.md for the built-in names)"),
    }
}

#[cfg(test)]
mod tests;
