//! Reads a live database's schema into a [`model::Schema`].
//!
//! A fixed number of catalog queries covers the whole database, one per object kind, never one per
//! table: a per-table round trip pattern costs minutes at a few thousand tables, batched queries
//! about a second (see the crate evaluation in the research notes). The queries are issued
//! concurrently on the one client, which pipelines them.
//!
//! Text PostgreSQL parses (types, defaults, checks, index keys, predicates, view bodies) is read
//! back with PostgreSQL's own deparsers (`format_type`, `pg_get_expr`, `pg_get_indexdef`,
//! `pg_get_viewdef`, `pg_get_constraintdef`) under `search_path = public`, so objects in `public`
//! print unqualified and everything else qualified. The declared side goes through the same
//! queries (see `normalize`), which is what makes the two comparable.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use indexmap::IndexMap;
use tokio_postgres::types::{FromSql, ToSql};
use tokio_postgres::{Client, Row};

use crate::model::{
    self, Check, Column, Exclusion, Extension, FkAction, ForeignKey, Identity, Index, PrimaryKey,
    QualifiedName, Reference, Sequence, Table, UniqueConstraint, View,
};

/// What to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntrospectOptions {
    /// Schemas whose objects are read (exact names). Extensions are database-wide and always read.
    pub schemas: Vec<String>,
}

impl Default for IntrospectOptions {
    fn default() -> Self {
        IntrospectOptions {
            schemas: vec![model::DEFAULT_SCHEMA.to_string()],
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IntrospectError {
    #[error("reading the database schema failed in the `{query}` catalog query: {}\n(check the connection and that the role may read pg_catalog)", pg_error_text(.source))]
    Query {
        /// Which catalog query failed (`columns`, `indexes`, ...).
        query: &'static str,
        #[source]
        source: tokio_postgres::Error,
    },
    #[error("the `{query}` catalog query returned something unexpected for {object}: {detail}\n(this is a bug in pgdrift or an unsupported server version; please report it)")]
    Unexpected {
        query: &'static str,
        object: String,
        detail: String,
    },
}

fn pg_error_text(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut s = format!("{} (SQLSTATE {})", db.message(), db.code().code());
            if let Some(d) = db.detail() {
                s.push_str(&format!("; DETAIL: {d}"));
            }
            if let Some(h) = db.hint() {
                s.push_str(&format!("; HINT: {h}"));
            }
            s
        }
        None => e.to_string(),
    }
}

/// Number of statements one [`introspect`] call sends, whatever the size of the database: the
/// `SET search_path` plus one catalog query per object kind (schemas, extensions, enums,
/// sequences, relations, columns, constraints, indexes, view dependencies).
pub const QUERY_COUNT: usize = 10;

const SET_SEARCH_PATH: &str = "SET search_path TO public";

/// Placeholder in the catalog queries for the selected schema names.
const SCHEMAS_PARAM: &str = "$1";

/// The exact statements [`introspect`] sends, in order, as `(name, SQL)`, with the schema list
/// parameter inlined as `'{public}'::text[]` so that `psql` can run them unchanged. The benchmark
/// (`bench/run.sh`) times these in psql as the floor `inspect` is measured against; keeping this
/// next to the queries is what keeps that floor honest when a query changes.
pub fn catalog_queries() -> Vec<(&'static str, String)> {
    let inline = |sql: &str| sql.replace(SCHEMAS_PARAM, "'{public}'::text[]");
    let mut out = vec![("set search_path", SET_SEARCH_PATH.to_string())];
    out.extend(
        CATALOG_QUERIES
            .iter()
            .map(|(name, sql)| (*name, inline(sql))),
    );
    out
}

/// Reads the selected schemas of the database behind `client` into a model.
///
/// Sets `search_path` to `public` on the session (left that way: pgdrift sessions run with it).
pub async fn introspect(
    client: &Client,
    opts: &IntrospectOptions,
) -> Result<model::Schema, IntrospectError> {
    introspect_counted(client, opts)
        .await
        .map(|(schema, _)| schema)
}

/// [`introspect`], also returning how many statements were sent (always [`QUERY_COUNT`]; exposed so
/// tests can prove the count does not grow with the number of tables).
pub async fn introspect_counted(
    client: &Client,
    opts: &IntrospectOptions,
) -> Result<(model::Schema, usize), IntrospectError> {
    let cat = Catalog {
        client,
        count: AtomicUsize::new(0),
    };
    cat.count.fetch_add(1, Ordering::Relaxed);
    client
        .batch_execute(SET_SEARCH_PATH)
        .await
        .map_err(|source| IntrospectError::Query {
            query: "set search_path",
            source,
        })?;

    let schemas: &(dyn ToSql + Sync) = &opts.schemas;
    let p = &[schemas][..];
    let (
        schema_rows,
        ext_rows,
        enum_rows,
        seq_rows,
        rel_rows,
        col_rows,
        con_rows,
        idx_rows,
        dep_rows,
    ) = tokio::try_join!(
        cat.query(CATALOG_QUERIES[0].0, CATALOG_QUERIES[0].1, p),
        cat.query(CATALOG_QUERIES[1].0, CATALOG_QUERIES[1].1, &[]),
        cat.query(CATALOG_QUERIES[2].0, CATALOG_QUERIES[2].1, p),
        cat.query(CATALOG_QUERIES[3].0, CATALOG_QUERIES[3].1, p),
        cat.query(CATALOG_QUERIES[4].0, CATALOG_QUERIES[4].1, p),
        cat.query(CATALOG_QUERIES[5].0, CATALOG_QUERIES[5].1, p),
        cat.query(CATALOG_QUERIES[6].0, CATALOG_QUERIES[6].1, p),
        cat.query(CATALOG_QUERIES[7].0, CATALOG_QUERIES[7].1, p),
        cat.query(CATALOG_QUERIES[8].0, CATALOG_QUERIES[8].1, p),
    )?;

    let mut out = model::Schema::default();

    for row in &schema_rows {
        out.schemas.push(get(row, 0, "schemas", "a schema")?);
    }
    out.schemas.sort();

    for row in &ext_rows {
        let name: String = get(row, 0, "extensions", "an extension")?;
        let schema: String = get(row, 1, "extensions", &name)?;
        let version: String = get(row, 2, "extensions", &name)?;
        let schema = (schema != model::DEFAULT_SCHEMA).then_some(schema);
        out.extensions.insert(
            name,
            Extension {
                schema,
                version: Some(version),
            },
        );
    }

    for row in &enum_rows {
        let qn = QualifiedName::new(
            get::<String>(row, 0, "enums", "an enum")?,
            get::<String>(row, 1, "enums", "an enum")?,
        );
        let labels: Vec<String> = get(row, 2, "enums", &qn.display_name())?;
        out.enums.insert(qn, labels);
    }
    out.enums.sort_keys();

    for row in &seq_rows {
        let (qn, seq) = sequence_from_row(row)?;
        out.sequences.insert(qn, seq);
    }
    out.sequences.sort_keys();

    // Relations by OID, so the per-kind rows can be attached to their owner.
    let mut tables_by_oid: HashMap<u32, (QualifiedName, Table)> = HashMap::new();
    let mut views_by_oid: HashMap<u32, (QualifiedName, View)> = HashMap::new();
    const Q: &str = "relations";
    for row in &rel_rows {
        let oid: u32 = get(row, 0, Q, "a relation")?;
        let qn = QualifiedName::new(
            get::<String>(row, 1, Q, "a relation")?,
            get::<String>(row, 2, Q, "a relation")?,
        );
        let obj = qn.display_name();
        let kind: String = get(row, 3, Q, &obj)?;
        let comment: Option<String> = get(row, 4, Q, &obj)?;
        match kind.as_str() {
            "r" | "p" => {
                tables_by_oid.insert(
                    oid,
                    (
                        qn,
                        Table {
                            comment,
                            ..Default::default()
                        },
                    ),
                );
            }
            "v" | "m" => {
                let def: Option<String> = get(row, 5, Q, &obj)?;
                let def = def.ok_or_else(|| unexpected(Q, &obj, "pg_get_viewdef returned NULL"))?;
                let view = View {
                    materialized: kind == "m",
                    definition: trim_view_definition(&def),
                    comment,
                    indexes: IndexMap::new(),
                    depends_on: Vec::new(),
                };
                views_by_oid.insert(oid, (qn, view));
            }
            other => return Err(unexpected(Q, &obj, &format!("relkind `{other}`"))),
        }
    }

    const QC: &str = "columns";
    for row in &col_rows {
        let oid: u32 = get(row, 0, QC, "a column")?;
        let Some((tq, table)) = tables_by_oid.get_mut(&oid) else {
            continue;
        };
        let name: String = get(row, 1, QC, &tq.display_name())?;
        let obj = format!("{}.{}", tq.display_name(), name);
        let identity = match get::<String>(row, 6, QC, &obj)?.as_str() {
            "a" => Some(Identity::Always),
            "d" => Some(Identity::ByDefault),
            "" => None,
            other => return Err(unexpected(QC, &obj, &format!("attidentity `{other}`"))),
        };
        let column = Column {
            data_type: get(row, 2, QC, &obj)?,
            nullable: !get::<bool>(row, 3, QC, &obj)?,
            default: get(row, 4, QC, &obj)?,
            identity,
            generated: get(row, 5, QC, &obj)?,
            collation: get(row, 7, QC, &obj)?,
            comment: get(row, 8, QC, &obj)?,
            renamed_from: None,
        };
        table.columns.insert(name, column);
    }

    for row in &con_rows {
        attach_constraint(row, &mut tables_by_oid)?;
    }

    const QI: &str = "indexes";
    for row in &idx_rows {
        let oid: u32 = get(row, 0, QI, "an index")?;
        let name: String = get(row, 1, QI, "an index")?;
        let unique: bool = get(row, 2, QI, &name)?;
        let method: String = get(row, 3, QI, &name)?;
        let def: String = get(row, 4, QI, &name)?;
        let (columns, include) =
            parse_index_definition(&def).map_err(|e| unexpected(QI, &name, &e))?;
        let index = Index {
            unique,
            method,
            columns,
            include,
            predicate: get(row, 5, QI, &name)?,
            nulls_not_distinct: get(row, 6, QI, &name)?,
            comment: get(row, 7, QI, &name)?,
            renamed_from: None,
        };
        if let Some((_, t)) = tables_by_oid.get_mut(&oid) {
            t.indexes.insert(name, index);
        } else if let Some((_, v)) = views_by_oid.get_mut(&oid) {
            v.indexes.insert(name, index);
        }
    }

    const QD: &str = "view dependencies";
    for row in &dep_rows {
        let oid: u32 = get(row, 0, QD, "a view")?;
        let dep = QualifiedName::new(
            get::<String>(row, 1, QD, "a view")?,
            get::<String>(row, 2, QD, "a view")?,
        );
        if let Some((_, v)) = views_by_oid.get_mut(&oid) {
            v.depends_on.push(dep);
        }
    }

    let mut tables: Vec<(QualifiedName, Table)> = tables_by_oid.into_values().collect();
    tables.sort_by(|a, b| a.0.cmp(&b.0));
    for (qn, mut t) in tables {
        t.unique.sort_keys();
        t.checks.sort_keys();
        t.foreign_keys.sort_keys();
        t.exclusions.sort_keys();
        t.indexes.sort_keys();
        out.tables.insert(qn, t);
    }
    let mut views: Vec<(QualifiedName, View)> = views_by_oid.into_values().collect();
    views.sort_by(|a, b| a.0.cmp(&b.0));
    for (qn, mut v) in views {
        v.indexes.sort_keys();
        v.depends_on.sort();
        v.depends_on.dedup();
        out.views.insert(qn, v);
    }
    Ok((out, cat.count.load(Ordering::Relaxed)))
}

struct Catalog<'a> {
    client: &'a Client,
    count: AtomicUsize,
}

impl Catalog<'_> {
    async fn query(
        &self,
        name: &'static str,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, IntrospectError> {
        self.count.fetch_add(1, Ordering::Relaxed);
        self.client
            .query(sql, params)
            .await
            .map_err(|source| IntrospectError::Query {
                query: name,
                source,
            })
    }
}

fn get<'a, T: FromSql<'a>>(
    row: &'a Row,
    idx: usize,
    query: &'static str,
    object: &str,
) -> Result<T, IntrospectError> {
    row.try_get(idx)
        .map_err(|e| unexpected(query, object, &format!("column {idx}: {e}")))
}

fn unexpected(query: &'static str, object: &str, detail: &str) -> IntrospectError {
    IntrospectError::Unexpected {
        query,
        object: object.to_string(),
        detail: detail.to_string(),
    }
}

/// `pg_get_viewdef` prints a leading space/newline and a trailing `;`.
fn trim_view_definition(def: &str) -> String {
    let t = def.trim();
    t.strip_suffix(';').unwrap_or(t).trim_end().to_string()
}

/// A name part as the YAML display form writes it (quoted only when it holds a dot or a quote).
fn display_part(part: &str) -> String {
    if part.is_empty() || part.contains('.') || part.contains('"') {
        format!("\"{}\"", part.replace('"', "\"\""))
    } else {
        part.to_string()
    }
}

fn sequence_from_row(row: &Row) -> Result<(QualifiedName, Sequence), IntrospectError> {
    const Q: &str = "sequences";
    let qn = QualifiedName::new(
        get::<String>(row, 0, Q, "a sequence")?,
        get::<String>(row, 1, Q, "a sequence")?,
    );
    let obj = qn.display_name();
    let data_type: String = get(row, 2, Q, &obj)?;
    let increment: i64 = get(row, 4, Q, &obj)?;
    let min: i64 = get(row, 5, Q, &obj)?;
    let max: i64 = get(row, 6, Q, &obj)?;
    let (type_min, type_max) = match data_type.as_str() {
        "smallint" => (i16::MIN as i64, i16::MAX as i64),
        "integer" => (i32::MIN as i64, i32::MAX as i64),
        _ => (i64::MIN, i64::MAX),
    };
    // PostgreSQL's defaults: ascending 1..type max, descending type min..-1.
    let (default_min, default_max) = if increment > 0 {
        (1, type_max)
    } else {
        (type_min, -1)
    };
    let owner_schema: Option<String> = get(row, 9, Q, &obj)?;
    let owner_table: Option<String> = get(row, 10, Q, &obj)?;
    let owner_column: Option<String> = get(row, 11, Q, &obj)?;
    let owned_by = match (owner_schema, owner_table, owner_column) {
        (Some(s), Some(t), Some(c)) => Some(format!(
            "{}.{}",
            QualifiedName::new(s, t).display_name(),
            display_part(&c)
        )),
        _ => None,
    };
    let seq = Sequence {
        data_type,
        start: get(row, 3, Q, &obj)?,
        increment,
        min_value: (min != default_min).then_some(min),
        max_value: (max != default_max).then_some(max),
        cache: get(row, 7, Q, &obj)?,
        cycle: get(row, 8, Q, &obj)?,
        owned_by,
    };
    Ok((qn, seq))
}

fn fk_action(code: &str, obj: &str) -> Result<FkAction, IntrospectError> {
    Ok(match code {
        "a" => FkAction::NoAction,
        "r" => FkAction::Restrict,
        "c" => FkAction::Cascade,
        "n" => FkAction::SetNull,
        "d" => FkAction::SetDefault,
        other => {
            return Err(unexpected(
                "constraints",
                obj,
                &format!("foreign key action `{other}`"),
            ))
        }
    })
}

fn attach_constraint(
    row: &Row,
    tables: &mut HashMap<u32, (QualifiedName, Table)>,
) -> Result<(), IntrospectError> {
    const Q: &str = "constraints";
    let oid: u32 = get(row, 0, Q, "a constraint")?;
    let Some((tq, table)) = tables.get_mut(&oid) else {
        return Ok(());
    };
    let name: String = get(row, 1, Q, &tq.display_name())?;
    let obj = format!("constraint {} on {}", name, tq.display_name());
    let kind: String = get(row, 2, Q, &obj)?;
    let columns: Vec<String> = get::<Option<Vec<String>>>(row, 3, Q, &obj)?.unwrap_or_default();
    let deferrable: bool = get(row, 10, Q, &obj)?;
    let initially_deferred: bool = get(row, 11, Q, &obj)?;
    let def: String = get(row, 12, Q, &obj)?;
    match kind.as_str() {
        "p" => table.primary_key = Some(PrimaryKey { name, columns }),
        "u" => {
            let nulls_not_distinct: bool = get(row, 14, Q, &obj)?;
            table.unique.insert(
                name,
                UniqueConstraint {
                    columns,
                    nulls_not_distinct,
                    deferrable,
                    initially_deferred,
                    renamed_from: None,
                },
            );
        }
        "c" => {
            // pg_get_expr(conbin) is the text inside pg_get_constraintdef's `CHECK (...)`, without
            // the `NOT VALID` / `NO INHERIT` decorations the model does not carry.
            let expression: Option<String> = get(row, 13, Q, &obj)?;
            let expression =
                expression.ok_or_else(|| unexpected(Q, &obj, "check without an expression"))?;
            table.checks.insert(
                name,
                Check {
                    expression,
                    renamed_from: None,
                },
            );
        }
        "f" => {
            let ref_schema: Option<String> = get(row, 4, Q, &obj)?;
            let ref_table: Option<String> = get(row, 5, Q, &obj)?;
            let (Some(rs), Some(rt)) = (ref_schema, ref_table) else {
                return Err(unexpected(
                    Q,
                    &obj,
                    "foreign key without a referenced table",
                ));
            };
            let ref_columns: Vec<String> =
                get::<Option<Vec<String>>>(row, 6, Q, &obj)?.unwrap_or_default();
            let fk = ForeignKey {
                columns,
                references: Reference {
                    table: QualifiedName::new(rs, rt),
                    columns: ref_columns,
                },
                on_delete: fk_action(&get::<String>(row, 7, Q, &obj)?, &obj)?,
                on_update: fk_action(&get::<String>(row, 8, Q, &obj)?, &obj)?,
                deferrable,
                initially_deferred,
                match_full: get::<String>(row, 9, Q, &obj)? == "f",
                renamed_from: None,
            };
            table.foreign_keys.insert(name, fk);
        }
        "x" => {
            let definition = def.strip_prefix("EXCLUDE ").unwrap_or(&def).to_string();
            table.exclusions.insert(
                name,
                Exclusion {
                    definition,
                    renamed_from: None,
                },
            );
        }
        _ => {}
    }
    Ok(())
}

/// Splits `pg_get_indexdef` output into key elements and INCLUDE columns, both as SQL text.
///
/// The shape is `CREATE [UNIQUE] INDEX name ON [ONLY] schema.table USING method (keys)
/// [INCLUDE (cols)] [NULLS NOT DISTINCT] [WITH (...)] [WHERE pred]`; identifiers that need it are
/// double-quoted, so the first ` USING ` outside double quotes is the real one.
fn parse_index_definition(def: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let bytes = def.as_bytes();
    let mut in_quotes = false;
    let mut using_at = None;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes && def[i..].starts_with(" USING ") {
            using_at = Some(i + " USING ".len());
            break;
        }
    }
    let after_using = using_at.ok_or_else(|| format!("no USING in `{def}`"))?;
    let open = def[after_using..]
        .find('(')
        .map(|i| after_using + i)
        .ok_or_else(|| format!("no key list in `{def}`"))?;
    let (keys, rest) = balanced_group(def, open)?;
    let columns = split_top_level(keys);
    let rest = rest.trim_start();
    let include = match rest.strip_prefix("INCLUDE ") {
        Some(inc) => {
            let inc_open = def.len() - inc.len();
            let (cols, _) = balanced_group(def, inc_open)?;
            split_top_level(cols)
        }
        None => Vec::new(),
    };
    Ok((columns, include))
}

/// Returns the text inside the parenthesis group opening at byte `open` and what follows it.
fn balanced_group(text: &str, open: usize) -> Result<(&str, &str), String> {
    if text.as_bytes().get(open) != Some(&b'(') {
        return Err(format!("expected `(` at byte {open} of `{text}`"));
    }
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    for (i, &b) in text.as_bytes().iter().enumerate().skip(open) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'\'' | b'"' => quote = Some(b),
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok((&text[open + 1..i], &text[i + 1..]));
                    }
                }
                _ => {}
            },
        }
    }
    Err(format!("unbalanced parentheses in `{text}`"))
}

/// Splits on commas outside parentheses and quotes; each part trimmed.
fn split_top_level(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut current = String::new();
    for c in text.chars() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
                current.push(c);
            }
            None => match c {
                '\'' | '"' => {
                    quote = Some(c);
                    current.push(c);
                }
                '(' | '[' => {
                    depth += 1;
                    current.push(c);
                }
                ')' | ']' => {
                    depth -= 1;
                    current.push(c);
                }
                ',' if depth == 0 => {
                    parts.push(current.trim().to_string());
                    current.clear();
                }
                _ => current.push(c),
            },
        }
    }
    if !current.trim().is_empty() {
        parts.push(current.trim().to_string());
    }
    parts
}

// ------------------------------------------------------------------------------------------------
// The catalog queries. `$1` is the list of selected schema names. Sorting is on `name` columns,
// whose collation is "C" (bytewise, like Rust's), whatever the database's locale; the assembly
// sorts again anyway.
// ------------------------------------------------------------------------------------------------

/// Every catalog query by name, in the order [`introspect`] issues (and destructures) them; the
/// single list both introspection and [`catalog_queries`] read.
const CATALOG_QUERIES: [(&str, &str); 9] = [
    ("schemas", Q_SCHEMAS),
    ("extensions", Q_EXTENSIONS),
    ("enums", Q_ENUMS),
    ("sequences", Q_SEQUENCES),
    ("relations", Q_RELATIONS),
    ("columns", Q_COLUMNS),
    ("constraints", Q_CONSTRAINTS),
    ("indexes", Q_INDEXES),
    ("view dependencies", Q_VIEW_DEPS),
];

const Q_SCHEMAS: &str = "\
SELECT n.nspname::text
FROM pg_namespace n
WHERE n.nspname = ANY($1) AND n.nspname <> 'public'
ORDER BY n.nspname";

const Q_EXTENSIONS: &str = "\
SELECT e.extname::text, n.nspname::text, e.extversion
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
ORDER BY e.extname";

/// Objects created by an extension belong to it, not to the schema.
macro_rules! not_extension_member {
    ($catalog:literal, $oid:literal) => {
        concat!(
            "NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = '",
            $catalog,
            "'::regclass AND xd.objid = ",
            $oid,
            " AND xd.deptype = 'e')"
        )
    };
}

/// Schemas that are never user schemas even if asked for (catalogs, temp and toast schemas).
macro_rules! user_schema {
    ($n:literal) => {
        concat!(
            $n,
            ".nspname = ANY($1) AND ",
            $n,
            ".nspname NOT LIKE 'pg\\_%' AND ",
            $n,
            ".nspname <> 'information_schema'"
        )
    };
}

/// The selected relations: tables (plain and partitioned parents), views and materialized views;
/// partitions, extension members and other relkinds are left out.
macro_rules! rel_cte {
    () => {
        concat!(
            "WITH rel AS (
  SELECT c.oid, n.nspname, c.relname, c.relkind
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE ",
            user_schema!("n"),
            "
    AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition
    AND ",
            not_extension_member!("pg_class", "c.oid"),
            ")\n"
        )
    };
}

const Q_ENUMS: &str = concat!(
    "SELECT n.nspname::text, t.typname::text,
  array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_enum e ON e.enumtypid = t.oid
WHERE ",
    user_schema!("n"),
    " AND ",
    not_extension_member!("pg_type", "t.oid"),
    "
GROUP BY n.nspname, t.typname
ORDER BY n.nspname, t.typname"
);

const Q_SEQUENCES: &str = concat!(
    "SELECT n.nspname::text, c.relname::text, format_type(s.seqtypid, NULL),
  s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
  own.nspname::text, own.relname::text, own.attname::text
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN LATERAL (
  SELECT tn.nspname, tc.relname, a.attname
  FROM pg_depend d
  JOIN pg_class tc ON tc.oid = d.refobjid
  JOIN pg_namespace tn ON tn.oid = tc.relnamespace
  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
    AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype = 'a'
  LIMIT 1
) own ON true
WHERE ",
    user_schema!("n"),
    "
  AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_class'::regclass
                  AND xd.objid = c.oid AND xd.deptype IN ('e', 'i'))
ORDER BY n.nspname, c.relname"
);

const Q_RELATIONS: &str = concat!(
    rel_cte!(),
    "SELECT rel.oid, rel.nspname::text, rel.relname::text, rel.relkind::text,
  obj_description(rel.oid, 'pg_class'),
  CASE WHEN rel.relkind IN ('v', 'm') THEN pg_get_viewdef(rel.oid, true) END
FROM rel
ORDER BY rel.nspname, rel.relname"
);

/// Collation only when it differs from the type's own; names outside pg_catalog are qualified.
const Q_COLUMNS: &str = concat!(
    rel_cte!(),
    "SELECT a.attrelid, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull,
  CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
  CASE WHEN a.attgenerated = 's' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
  a.attidentity::text,
  CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
    CASE WHEN con.nspname = 'pg_catalog' THEN co.collname::text
         ELSE con.nspname::text || '.' || co.collname::text END
  END,
  col_description(a.attrelid, a.attnum)
FROM rel
JOIN pg_attribute a ON a.attrelid = rel.oid
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
WHERE rel.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum"
);

/// `indnullsnotdistinct` exists from PostgreSQL 15 on; reading it through to_jsonb keeps the query
/// valid on older servers (where it is simply absent, i.e. false).
const Q_CONSTRAINTS: &str = concat!(
    rel_cte!(),
    "SELECT con.conrelid, con.conname::text, con.contype::text,
  ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),
  fn.nspname::text, fc.relname::text,
  ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
        JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord),
  con.confdeltype::text, con.confupdtype::text, con.confmatchtype::text,
  con.condeferrable, con.condeferred,
  pg_get_constraintdef(con.oid),
  CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END,
  COALESCE((SELECT (to_jsonb(ix) ->> 'indnullsnotdistinct')::boolean
            FROM pg_index ix WHERE ix.indexrelid = con.conindid), false)
FROM rel
JOIN pg_constraint con ON con.conrelid = rel.oid
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'u', 'c', 'f', 'x')
ORDER BY con.conrelid, con.conname"
);

/// Indexes that back a primary key, unique or exclusion constraint are part of the constraint.
const Q_INDEXES: &str = concat!(
    rel_cte!(),
    "SELECT i.indrelid, ic.relname::text, i.indisunique, am.amname::text,
  pg_get_indexdef(i.indexrelid), pg_get_expr(i.indpred, i.indrelid),
  COALESCE((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false),
  obj_description(i.indexrelid, 'pg_class')
FROM rel
JOIN pg_index i ON i.indrelid = rel.oid
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint c
                  WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
ORDER BY i.indrelid, ic.relname"
);

/// What a view's rewrite rule reads: relations in the selected schemas, other than itself.
const Q_VIEW_DEPS: &str = concat!(
    rel_cte!(),
    "SELECT DISTINCT rel.oid, dn.nspname::text, dc.relname::text
FROM rel
JOIN pg_rewrite r ON r.ev_class = rel.oid
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                 AND d.refclassid = 'pg_class'::regclass
JOIN pg_class dc ON dc.oid = d.refobjid
JOIN pg_namespace dn ON dn.oid = dc.relnamespace
WHERE rel.relkind IN ('v', 'm') AND dc.oid <> rel.oid AND dc.relkind IN ('r', 'p', 'v', 'm')
  AND dn.nspname = ANY($1)
ORDER BY 1, 2, 3"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_definitions_split() {
        let (cols, inc) = parse_index_definition(
            "CREATE INDEX i1 ON public.p USING btree (lower(a) DESC NULLS LAST, a text_pattern_ops) INCLUDE (b, \"C, d\") WHERE (b > 1)",
        )
        .unwrap();
        assert_eq!(cols, vec!["lower(a) DESC NULLS LAST", "a text_pattern_ops"]);
        assert_eq!(inc, vec!["b", "\"C, d\""]);
        let (cols, inc) = parse_index_definition(
            "CREATE UNIQUE INDEX \"x USING y\" ON \"we USING ird\".t USING gin (coalesce(a, ', ('::text)) NULLS NOT DISTINCT",
        )
        .unwrap();
        assert_eq!(
            cols,
            vec!["COALESCE(a, ', ('::text)".replace("COALESCE", "coalesce")]
        );
        assert!(inc.is_empty());
    }

    #[test]
    fn catalog_queries_are_runnable_as_is() {
        let qs = catalog_queries();
        assert_eq!(qs.len(), QUERY_COUNT);
        for (name, sql) in &qs {
            assert!(!sql.contains('$'), "{name} still has a parameter");
        }
    }

    #[test]
    fn view_definitions_trim() {
        assert_eq!(trim_view_definition(" SELECT 1;\n"), "SELECT 1");
    }
}
