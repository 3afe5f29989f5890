//! Foreign server SQL: CREATE SERVER, DROP SERVER, ALTER SERVER ... VERSION / OPTIONS
//! (ADD | SET | DROP ...), COMMENT ON SERVER, and the kind's part of `ddl::create_script`
//! (right after the extensions that provide the wrappers). The generic `OPTIONS (...)` clauses
//! serve foreign tables and their columns too.

use super::model::Options;
use super::ForeignServer;
use crate::ddl::Statement;
use crate::model::{quote_ident, quote_literal, Schema};

/// What a statement about server `name` is labelled with (`normalize::rejected` maps it back).
pub fn object(name: &str) -> String {
    format!("foreign server {name}")
}

/// ` OPTIONS (a 'x', b 'y')`, or nothing for no option.
pub fn options_clause(options: &Options) -> String {
    if options.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = options
        .iter()
        .map(|(k, v)| format!("{} {}", quote_ident(k), quote_literal(v)))
        .collect();
    format!(" OPTIONS ({})", parts.join(", "))
}

/// `OPTIONS (DROP a, SET b 'y', ADD c 'z')` turning `live` into `declared`; None when equal.
pub fn alter_options(declared: &Options, live: &Options) -> Option<String> {
    let mut parts: Vec<String> = live
        .keys()
        .filter(|k| !declared.contains_key(*k))
        .map(|k| format!("DROP {}", quote_ident(k)))
        .collect();
    for (k, v) in declared {
        let verb = match live.get(k) {
            Some(old) if old == v => continue,
            Some(_) => "SET",
            None => "ADD",
        };
        parts.push(format!("{verb} {} {}", quote_ident(k), quote_literal(v)));
    }
    (!parts.is_empty()).then(|| format!("OPTIONS ({})", parts.join(", ")))
}

pub fn create(s: &ForeignServer) -> String {
    let mut sql = format!("CREATE SERVER {}", quote_ident(&s.name));
    if let Some(t) = &s.server_type {
        sql.push_str(&format!(" TYPE {}", quote_literal(t)));
    }
    if let Some(v) = &s.version {
        sql.push_str(&format!(" VERSION {}", quote_literal(v)));
    }
    sql.push_str(&format!(
        " FOREIGN DATA WRAPPER {}",
        quote_ident(&s.wrapper)
    ));
    sql.push_str(&options_clause(&s.options));
    sql
}

pub fn drop(name: &str) -> String {
    format!("DROP SERVER {}", quote_ident(name))
}

/// `ALTER SERVER s VERSION '...'` (or `VERSION NULL`).
pub fn set_version(name: &str, version: Option<&str>) -> String {
    let v = version.map(quote_literal).unwrap_or_else(|| "NULL".into());
    format!("ALTER SERVER {} VERSION {v}", quote_ident(name))
}

pub fn set_options(d: &ForeignServer, l: &ForeignServer) -> Option<String> {
    alter_options(&d.options, &l.options)
        .map(|o| format!("ALTER SERVER {} {o}", quote_ident(&d.name)))
}

pub fn comment(name: &str, comment: Option<&str>) -> String {
    let value = comment.map(quote_literal).unwrap_or_else(|| "NULL".into());
    format!("COMMENT ON SERVER {} IS {value}", quote_ident(name))
}

/// Everything that builds one server: CREATE, then its comment.
pub fn build(s: &ForeignServer) -> Vec<Statement> {
    let mut out = vec![Statement::new(create(s), object(&s.name))];
    if s.comment.is_some() {
        let sql = comment(&s.name, s.comment.as_deref());
        out.push(Statement::new(sql, object(&s.name)));
    }
    out
}

/// Every server of `schema`, in model order.
pub fn create_statements(schema: &Schema) -> Vec<Statement> {
    schema.foreign_servers.iter().flat_map(build).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(pairs: &[(&str, &str)]) -> Options {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn sql_is_quoted() {
        let s = ForeignServer {
            name: "Odd \"s\" é".into(),
            wrapper: "postgres_fdw".into(),
            server_type: Some("pg".into()),
            version: Some("15".into()),
            options: opts(&[("port", "5432"), ("host", "it's")]),
            comment: Some("c".into()),
        };
        let b = build(&s);
        assert_eq!(
            b[0].sql,
            "CREATE SERVER \"Odd \"\"s\"\" é\" TYPE 'pg' VERSION '15' FOREIGN DATA WRAPPER \"postgres_fdw\" OPTIONS (\"host\" 'it''s', \"port\" '5432')"
        );
        assert_eq!(b[1].sql, "COMMENT ON SERVER \"Odd \"\"s\"\" é\" IS 'c'");
        let live = opts(&[("host", "x"), ("user", "u")]);
        let got = alter_options(&opts(&[("host", "y"), ("port", "1")]), &live);
        assert_eq!(
            got.as_deref(),
            Some("OPTIONS (DROP \"user\", SET \"host\" 'y', ADD \"port\" '1')")
        );
        assert_eq!(alter_options(&live, &live), None);
        assert_eq!(set_version("s", None), "ALTER SERVER \"s\" VERSION NULL");
    }
}
