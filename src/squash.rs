//! `pgdrift squash`: one migration that builds the whole schema from an empty database.
//!
//! The source (the declared project normalized in a scratch database, a live database, or a
//! snapshot) is one [`Schema`]; [`crate::ddl::create_script`] turns it into statements in
//! dependency order, and this module wraps them as plain SQL (one transaction), an Alembic
//! revision or an up/down pair of files. The header records a fingerprint of the schema the
//! migration builds, so a database can later be checked against it in one line
//! ([`check_fingerprint`]).
//!
//! Output is deterministic: nothing time- or OID-dependent goes into it, and object order comes
//! from the model (introspection orders by name).
//!
//! `--verify` proves the result: the statements run in an empty scratch database, which is read
//! back with the same catalog queries and diffed against the source.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::app::{self, DbArgs, Source};
use crate::conn::{describe_pg_error, DbUrl};
use crate::ddl::{self, Statement};
use crate::diff::{self, Change};
use crate::ephemeral::Ephemeral;
use crate::error::Error;
use crate::introspect::{introspect, IntrospectOptions};
use crate::load;
use crate::model::{quote_ident, quote_literal, IgnoreRule, QualifiedName, Schema, DEFAULT_SCHEMA};
use crate::normalize::{self, DevServer, Scratch};

/// The migration-tool bookkeeping table. It is never part of a squash: the tool that runs the
/// migration creates it, and a squash that also created it would collide.
pub const ALEMBIC_VERSION: &str = "alembic_version";

/// Output format of `pgdrift squash`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain SQL, one transaction, runnable with psql.
    Sql,
    /// An Alembic revision file (Python).
    Alembic,
    /// `<out>/<version>_<slug>.up.sql` and `.down.sql`.
    Dir,
}

/// Where views go.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ViewsOutput {
    /// In the migration, after the tables.
    #[default]
    Inline,
    /// In a file of their own (see `--views-file`), for teams that manage views outside
    /// migrations.
    Separate,
}

/// Arguments of `pgdrift squash`.
#[derive(clap::Args, Debug)]
pub struct SquashArgs {
    /// `--db` is the database `--stamp` records the revision in; `--schema` selects the schemas
    /// read from databases.
    #[command(flatten)]
    pub db: DbArgs,
    /// The declared schema file (the default source).
    #[arg(
        long = "schema-file",
        default_value = "schema.yaml",
        value_name = "FILE"
    )]
    pub schema_file: PathBuf,
    /// The folder of view files of the declared project.
    #[arg(long, default_value = "views", value_name = "DIR")]
    pub views: PathBuf,
    /// Squash what a live database actually holds instead of the declared schema.
    #[arg(long, value_name = "URL", conflicts_with = "from_snapshot")]
    pub from_db: Option<String>,
    /// Squash a snapshot file (written by `pgdrift snapshot`).
    #[arg(long, value_name = "FILE")]
    pub from_snapshot: Option<PathBuf>,
    /// Server for scratch databases (normalizing a declared source, --verify): a URL on which
    /// pgdrift may CREATE DATABASE, or `ephemeral`. Default: the --from-db server, else
    /// `ephemeral`.
    #[arg(long, value_name = "URL")]
    pub dev_url: Option<String>,
    /// Output file (sql, alembic) or folder (dir). Default: stdout (sql, alembic).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "sql")]
    pub format: Format,
    /// Revision id (alembic) or version prefix (dir). Default: the first 12 hex digits of the
    /// fingerprint (alembic), `0001` (dir).
    #[arg(long, value_name = "ID")]
    pub revision: Option<String>,
    /// Message of the revision (alembic docstring; slug of the dir file names).
    #[arg(long, value_name = "TEXT")]
    pub message: Option<String>,
    /// `separate` leaves views (and materialized-view indexes and comments) out of the migration
    /// and writes them to --views-file.
    #[arg(long = "views-output", value_enum, default_value = "inline")]
    pub views_output: ViewsOutput,
    /// Where --views-output separate writes the views. Default: next to --out
    /// (`<out stem>.views.sql`), or `<version>_<slug>.views.sql` in the dir folder.
    #[arg(long, value_name = "FILE")]
    pub views_file: Option<PathBuf>,
    /// Build the migration in an empty scratch database and diff the result with the source.
    #[arg(long)]
    pub verify: bool,
    /// Record this revision in `alembic_version` of --db, only if --db has no drift from the
    /// squashed schema.
    #[arg(long, value_name = "ID")]
    pub stamp: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SquashError {
    #[error("--views-output separate needs --views-file FILE when the migration goes to stdout")]
    ViewsFileNeeded,
    #[error("--format dir needs --out DIR (the migrations folder)")]
    DirNeedsOut,
    #[error("--revision {revision} and --stamp {stamp} differ; the stamped revision must be the emitted one")]
    RevisionMismatch { revision: String, stamp: String },
    #[error("revision id `{0}` is not usable: alembic_version.version_num holds at most 32 characters, and the id may not be empty or contain quotes, backslashes or whitespace")]
    BadRevision(String),
    #[error("views form a dependency cycle, which PostgreSQL cannot build: {0}")]
    ViewCycle(String),
    #[error("--verify: PostgreSQL rejected statement {index} ({object}) of the squash: {message}\n--- statement ---\n{sql}")]
    Rejected {
        index: usize,
        object: String,
        message: String,
        sql: String,
    },
    #[error("{0}")]
    Query(String),
}

/// A resolved source: the schema to rebuild, the major version that printed its SQL text, and a
/// printable label (password-free).
#[derive(Debug, Clone)]
pub struct SquashSource {
    pub schema: Schema,
    pub major: Option<u32>,
    pub label: String,
    /// What the model does not carry but a rebuilt database must keep (live sources only).
    pub extras: Extras,
}

/// Facts of a live schema that `Schema` does not model but pg_dump shows, so a squash of a live
/// database must reproduce them: constraints added `NOT VALID` and never validated, and the
/// sequences behind identity columns (their names survive table renames; their options are
/// the column's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras {
    /// `(table, constraint)` of CHECK and FOREIGN KEY constraints that are not validated.
    pub not_valid: BTreeSet<(QualifiedName, String)>,
    /// `(table, column)` -> the identity column's sequence.
    pub identity: BTreeMap<(QualifiedName, String), IdentitySequence>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentitySequence {
    pub name: QualifiedName,
    pub start: i64,
    pub increment: i64,
    pub min_value: i64,
    pub max_value: i64,
    pub cache: i64,
    pub cycle: bool,
}

impl IdentitySequence {
    /// The sequence options of `GENERATED ... AS IDENTITY (...)`.
    pub fn options(&self) -> String {
        format!(
            "SEQUENCE NAME {} START WITH {} INCREMENT BY {} MINVALUE {} MAXVALUE {} CACHE {}{}",
            self.name.sql(),
            self.start,
            self.increment,
            self.min_value,
            self.max_value,
            self.cache,
            if self.cycle { " CYCLE" } else { " NO CYCLE" }
        )
    }
}

const Q_NOT_VALID: &str = "\
SELECT n.nspname::text, c.relname::text, con.conname::text
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT con.convalidated AND con.contype IN ('c', 'f') AND n.nspname = ANY($1)";

const Q_IDENTITY: &str = "\
SELECT n.nspname::text, c.relname::text, a.attname::text, sn.nspname::text, s.relname::text,
  ps.seqstart, ps.seqincrement, ps.seqmin, ps.seqmax, ps.seqcache, ps.seqcycle
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_depend d ON d.refclassid = 'pg_class'::regclass AND d.refobjid = a.attrelid
  AND d.refobjsubid = a.attnum AND d.classid = 'pg_class'::regclass AND d.deptype = 'i'
JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
JOIN pg_namespace sn ON sn.oid = s.relnamespace
JOIN pg_sequence ps ON ps.seqrelid = s.oid
WHERE a.attidentity <> '' AND NOT a.attisdropped AND n.nspname = ANY($1)";

/// Reads [`Extras`] of the selected schemas (two catalog queries, whatever the size).
pub async fn read_extras(
    client: &tokio_postgres::Client,
    schemas: &[String],
) -> Result<Extras, SquashError> {
    let q = |e: tokio_postgres::Error| SquashError::Query(describe_pg_error(&e, ""));
    let schemas: Vec<String> = schemas.to_vec();
    let mut extras = Extras::default();
    for row in client.query(Q_NOT_VALID, &[&schemas]).await.map_err(q)? {
        let table = QualifiedName::new(
            row.try_get::<_, String>(0).map_err(q)?,
            row.try_get::<_, String>(1).map_err(q)?,
        );
        extras
            .not_valid
            .insert((table, row.try_get::<_, String>(2).map_err(q)?));
    }
    for row in client.query(Q_IDENTITY, &[&schemas]).await.map_err(q)? {
        let table = QualifiedName::new(
            row.try_get::<_, String>(0).map_err(q)?,
            row.try_get::<_, String>(1).map_err(q)?,
        );
        let column: String = row.try_get(2).map_err(q)?;
        let seq = IdentitySequence {
            name: QualifiedName::new(
                row.try_get::<_, String>(3).map_err(q)?,
                row.try_get::<_, String>(4).map_err(q)?,
            ),
            start: row.try_get(5).map_err(q)?,
            increment: row.try_get(6).map_err(q)?,
            min_value: row.try_get(7).map_err(q)?,
            max_value: row.try_get(8).map_err(q)?,
            cache: row.try_get(9).map_err(q)?,
            cycle: row.try_get(10).map_err(q)?,
        };
        extras.identity.insert((table, column), seq);
    }
    Ok(extras)
}

/// Differences in [`Extras`] between a source and its rebuild, one line each. Identity sequences
/// are compared only when the source recorded them (live sources).
pub fn extras_differences(source: &Extras, rebuilt: &Extras) -> Vec<String> {
    let mut out = Vec::new();
    for (t, c) in source.not_valid.difference(&rebuilt.not_valid) {
        out.push(format!(
            "constraint {t}.{c} is NOT VALID in the source but validated in the rebuilt database"
        ));
    }
    for (t, c) in rebuilt.not_valid.difference(&source.not_valid) {
        out.push(format!(
            "constraint {t}.{c} is validated in the source but NOT VALID in the rebuilt database"
        ));
    }
    if !source.identity.is_empty() {
        for ((t, c), seq) in &source.identity {
            match rebuilt.identity.get(&(t.clone(), c.clone())) {
                Some(r) if r == seq => {}
                Some(r) => out.push(format!(
                    "identity column {t}.{c}: sequence ({}) in the source but ({}) in the rebuilt database",
                    seq.options(),
                    r.options()
                )),
                None => out.push(format!(
                    "identity column {t}.{c}: no identity sequence in the rebuilt database"
                )),
            }
        }
    }
    out
}

/// The scratch-database server of one command, with the throw-away cluster (if any) kept alive
/// for the command's duration so normalizing and verifying share one `initdb`.
pub struct DevPlace {
    pub server: DevServer,
    _cluster: Option<Ephemeral>,
}

impl DevPlace {
    pub async fn start(arg: Option<&str>, fallback: Option<&DbUrl>) -> Result<DevPlace, Error> {
        let explicit = app::dev_server(arg)?;
        let server = match (explicit, fallback) {
            (Some(s), _) => s,
            (None, Some(url)) => DevServer::Url(url.clone()),
            (None, None) => DevServer::Ephemeral,
        };
        match server {
            DevServer::Ephemeral => {
                let cluster = Ephemeral::start().await?;
                let url = DbUrl::parse(&cluster.url())?;
                Ok(DevPlace {
                    server: DevServer::Url(url),
                    _cluster: Some(cluster),
                })
            }
            other => Ok(DevPlace {
                server: other,
                _cluster: None,
            }),
        }
    }
}

/// Reads the source the arguments name. A declared project is normalized in a scratch database
/// on `dev`.
pub async fn resolve_source(
    source: &Source,
    dev: Option<&DevServer>,
    schemas: &[String],
) -> Result<SquashSource, Error> {
    let mut resolved = match source {
        Source::Db(url) => {
            let r = app::read_db(url, schemas).await?;
            let client = url.connect().await?;
            let extras = read_extras(&client, &app::default_schemas(schemas)).await?;
            SquashSource {
                schema: r.schema,
                major: r.major,
                label: r.label,
                extras,
            }
        }
        Source::Snapshot(path) => {
            let schema = load::load_snapshot(path)?;
            SquashSource {
                major: schema.postgres,
                schema,
                label: source.label(),
                extras: Extras::default(),
            }
        }
        Source::Declared {
            schema_file,
            views_dir,
        } => {
            // Load first: bad input fails before any server is touched.
            let declared = load::load_project(schema_file, views_dir)?;
            let dev = dev.cloned().unwrap_or(DevServer::Ephemeral);
            let scratch = Scratch::create(&dev).await?;
            let result = normalize::normalize(&declared, &scratch).await;
            let major = scratch.major;
            scratch.drop_now().await;
            SquashSource {
                schema: result?,
                major: Some(major),
                label: source.label(),
                extras: Extras::default(),
            }
        }
    };
    resolved
        .schema
        .tables
        .shift_remove(&QualifiedName::new(DEFAULT_SCHEMA, ALEMBIC_VERSION));
    Ok(resolved)
}

// ---------------------------------------------------------------------------------------------
// Fingerprint
// ---------------------------------------------------------------------------------------------

/// Removes what is not the built schema's shape: intent-only fields (`renamed_from`, `ignore`),
/// derived ones (`depends_on`), the printing version, and extension versions (a declaration
/// without one installs whatever the server offers). Map order is made canonical except where
/// order is part of the schema (columns, enum labels, key columns).
pub fn canonical(schema: &Schema) -> Schema {
    let mut s = schema.clone();
    s.postgres = None;
    s.ignore.clear();
    s.schemas.retain(|n| n != DEFAULT_SCHEMA);
    s.schemas.sort();
    s.schemas.dedup();
    for ext in s.extensions.values_mut() {
        ext.version = None;
    }
    s.extensions.sort_keys();
    s.enums.sort_keys();
    s.sequences.sort_keys();
    s.tables
        .shift_remove(&QualifiedName::new(DEFAULT_SCHEMA, ALEMBIC_VERSION));
    s.tables.sort_keys();
    for t in s.tables.values_mut() {
        t.renamed_from = None;
        for c in t.columns.values_mut() {
            c.renamed_from = None;
        }
        for x in t.unique.values_mut() {
            x.renamed_from = None;
        }
        for x in t.checks.values_mut() {
            x.renamed_from = None;
        }
        for x in t.foreign_keys.values_mut() {
            x.renamed_from = None;
        }
        for x in t.exclusions.values_mut() {
            x.renamed_from = None;
        }
        for x in t.indexes.values_mut() {
            x.renamed_from = None;
        }
        t.unique.sort_keys();
        t.checks.sort_keys();
        t.foreign_keys.sort_keys();
        t.exclusions.sort_keys();
        t.indexes.sort_keys();
    }
    s.views.sort_keys();
    for v in s.views.values_mut() {
        v.depends_on.clear();
        v.definition = v
            .definition
            .trim()
            .trim_end_matches(';')
            .trim_end()
            .to_string();
        for x in v.indexes.values_mut() {
            x.renamed_from = None;
        }
        v.indexes.sort_keys();
    }
    normalize::canonicalize_equivalents(&mut s);
    s
}

/// `sha256:<hex>` over the canonical JSON form of `schema` (see [`canonical`]): equal for two
/// databases exactly when their introspected schemas are equal, whatever their catalog OIDs.
pub fn fingerprint(schema: &Schema) -> String {
    let canonical = canonical(schema);
    // Serializing plain data (strings, maps, numbers) cannot fail; an empty string would still
    // give a fingerprint that matches nothing real.
    let json = serde_json::to_string(&canonical).unwrap_or_default();
    let digest = Sha256::digest(json.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// What a squash header records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub source: Option<String>,
    pub postgres: Option<String>,
    /// Schemas read besides `public` (pass them to [`check_fingerprint`]).
    pub schemas: Vec<String>,
    pub fingerprint: Option<String>,
}

/// Parses the header of a squash (SQL `--` or Python `#` comments).
pub fn parse_header(text: &str) -> Header {
    let mut h = Header::default();
    for line in text.lines().take(40) {
        let t = line.trim();
        let body = if let Some(b) = t.strip_prefix("--") {
            b
        } else if let Some(b) = t.strip_prefix('#') {
            b
        } else {
            continue;
        };
        let body = body.trim();
        if let Some(v) = body.strip_prefix("fingerprint:") {
            let v = v.trim();
            if v.starts_with("sha256:") && h.fingerprint.is_none() {
                h.fingerprint = Some(v.to_string());
            }
        } else if let Some(v) = body.strip_prefix("source:") {
            h.source.get_or_insert(v.trim().to_string());
        } else if let Some(v) = body.strip_prefix("postgres:") {
            h.postgres.get_or_insert(v.trim().to_string());
        } else if let Some(v) = body.strip_prefix("schemas:") {
            if h.schemas.is_empty() {
                h.schemas = v
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
            }
        }
    }
    h
}

/// The fingerprint recorded in a squash, given its path or its text.
pub fn read_fingerprint(path_or_text: &str) -> Option<String> {
    let path = Path::new(path_or_text);
    if !path_or_text.contains('\n') && path.is_file() {
        let text = std::fs::read_to_string(path).ok()?;
        return parse_header(&text).fingerprint;
    }
    parse_header(path_or_text).fingerprint
}

/// Schemas to read for a fingerprint check: `public` plus the given ones.
fn read_list(schemas: &[String]) -> Vec<String> {
    let mut out = vec![DEFAULT_SCHEMA.to_string()];
    for s in schemas {
        if !out.contains(s) {
            out.push(s.clone());
        }
    }
    out
}

/// Whether the database at `url` is exactly what a squash with fingerprint `expected` built.
/// `schemas`: the schemas besides `public` the squash covered (its header's `schemas:` line).
/// `alembic_version` is left out.
pub async fn check_fingerprint(
    url: &DbUrl,
    schemas: &[String],
    expected: &str,
) -> Result<bool, Error> {
    let r = app::read_db(url, &read_list(schemas)).await?;
    Ok(fingerprint(&r.schema) == expected.trim())
}

// ---------------------------------------------------------------------------------------------
// Round-trip stable SQL text
// ---------------------------------------------------------------------------------------------

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

/// `schema` with every stored SQL expression made round-trip stable (see
/// [`stabilize_expression`]); what the emitted statements are built from.
pub fn stabilized(schema: &Schema) -> Schema {
    let mut s = schema.clone();
    let fix = |t: &mut String| {
        let n = stabilize_expression(t);
        *t = n;
    };
    for table in s.tables.values_mut() {
        for col in table.columns.values_mut() {
            if let Some(d) = col.default.as_mut() {
                fix(d);
            }
            if let Some(g) = col.generated.as_mut() {
                fix(g);
            }
        }
        for ck in table.checks.values_mut() {
            fix(&mut ck.expression);
        }
        for ix in table.indexes.values_mut() {
            ix.columns.iter_mut().for_each(fix);
            if let Some(p) = ix.predicate.as_mut() {
                fix(p);
            }
        }
    }
    for view in s.views.values_mut() {
        fix(&mut view.definition);
        for ix in view.indexes.values_mut() {
            ix.columns.iter_mut().for_each(fix);
            if let Some(p) = ix.predicate.as_mut() {
                fix(p);
            }
        }
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------

/// The squash split into what goes into the migration and (with separate views) the views file.
#[derive(Debug, Clone)]
pub struct Script {
    pub migration: Vec<Statement>,
    pub views: Vec<Statement>,
    /// Drops everything the migration created, in reverse dependency order, never CASCADE.
    pub down: Vec<Statement>,
}

fn local_search_path(mut statements: Vec<Statement>) -> Vec<Statement> {
    // SET LOCAL: the deparsed SQL needs `public` first, but the setting must not outlive the
    // migration's transaction (a migration tool keeps using its connection afterwards).
    for st in &mut statements {
        if st.object == "session" {
            st.sql = format!("SET LOCAL search_path TO {}", quote_ident(DEFAULT_SCHEMA));
        }
    }
    statements
}

/// Builds the statements for `schema` (plus what `extras` records of a live source).
pub fn script(schema: &Schema, extras: &Extras, views: ViewsOutput) -> Result<Script, SquashError> {
    if let Err(cycle) = ddl::topo_order_views(schema) {
        let names: Vec<String> = cycle.iter().map(|n| n.display_name()).collect();
        return Err(SquashError::ViewCycle(names.join(", ")));
    }
    // NOT VALID constraints come out of CREATE TABLE and are added afterwards as NOT VALID.
    let mut base = stabilized(schema);
    let mut late = Vec::new();
    for (table, name) in &extras.not_valid {
        let Some(t) = base.tables.get_mut(table) else {
            continue;
        };
        if let Some(ck) = t.checks.shift_remove(name) {
            late.push(Statement::new(
                ddl::add_constraint_check(table, name, &ck, true),
                format!("constraint {table}.{name}"),
            ));
        } else if let Some(fk) = t.foreign_keys.shift_remove(name) {
            late.push(Statement::new(
                ddl::add_constraint_foreign_key(table, name, &fk, true),
                format!("foreign key {table}.{name}"),
            ));
        }
    }
    let (migration, view_statements) = match views {
        ViewsOutput::Inline => (ddl::create_script(&base), Vec::new()),
        ViewsOutput::Separate => {
            let mut without = base.clone();
            without.views.clear();
            let only_views = Schema {
                views: base.views.clone(),
                ..Default::default()
            };
            (
                ddl::create_script(&without),
                ddl::create_script(&only_views),
            )
        }
    };
    let mut migration = with_identity_sequences(migration, &base, extras);
    if !late.is_empty() {
        let at = migration
            .iter()
            .position(|s| {
                s.object.starts_with("view ")
                    || s.object.starts_with("materialized view ")
                    || s.object.starts_with("comments on ")
            })
            .unwrap_or(migration.len());
        migration.splice(at..at, late);
    }
    Ok(Script {
        migration: local_search_path(migration),
        views: local_search_path(view_statements),
        down: drop_script(schema, views == ViewsOutput::Inline),
    })
}

/// Spells out each identity column's sequence (name and options) in its CREATE TABLE.
fn with_identity_sequences(
    mut statements: Vec<Statement>,
    schema: &Schema,
    extras: &Extras,
) -> Vec<Statement> {
    if extras.identity.is_empty() {
        return statements;
    }
    for st in &mut statements {
        let Some(rest) = st.object.strip_prefix("table ") else {
            continue;
        };
        let Some((name, table)) = schema.tables.iter().find(|(n, _)| n.display_name() == rest)
        else {
            continue;
        };
        for (col_name, col) in &table.columns {
            let (Some(identity), Some(seq)) = (
                col.identity,
                extras.identity.get(&(name.clone(), col_name.clone())),
            ) else {
                continue;
            };
            let plain = ddl::column_definition(col_name, col);
            let spelled = plain.replacen(
                identity.sql(),
                &format!("{} ({})", identity.sql(), seq.options()),
                1,
            );
            st.sql = st
                .sql
                .replacen(&format!("\n    {plain}"), &format!("\n    {spelled}"), 1);
        }
    }
    statements
}

/// Drops in reverse dependency order: views, foreign keys, tables, sequences, enums, extensions,
/// schemas. A sequence owned by a column goes with its table, hence `IF EXISTS` for those.
pub fn drop_script(schema: &Schema, include_views: bool) -> Vec<Statement> {
    let mut out = vec![Statement::new(
        format!("SET LOCAL search_path TO {}", quote_ident(DEFAULT_SCHEMA)),
        "session",
    )];
    if include_views {
        let order = match ddl::topo_order_views(schema) {
            Ok(o) => o,
            Err(_) => schema.views.keys().cloned().collect(),
        };
        for name in order.iter().rev() {
            if let Some(v) = schema.views.get(name) {
                let kind = if v.materialized {
                    "materialized view"
                } else {
                    "view"
                };
                out.push(Statement::new(
                    ddl::drop_view(name, v.materialized),
                    format!("{kind} {name}"),
                ));
            }
        }
    }
    for (name, table) in schema.tables.iter().rev() {
        for fk_name in table.foreign_keys.keys().rev() {
            out.push(Statement::new(
                ddl::drop_constraint(name, fk_name),
                format!("foreign key {name}.{fk_name}"),
            ));
        }
    }
    for name in schema.tables.keys().rev() {
        out.push(Statement::new(
            ddl::drop_table(name),
            format!("table {name}"),
        ));
    }
    for (name, seq) in schema.sequences.iter().rev() {
        let sql = if seq.owned_by.is_some() {
            format!("DROP SEQUENCE IF EXISTS {}", name.sql())
        } else {
            ddl::drop_sequence(name)
        };
        out.push(Statement::new(sql, format!("sequence {name}")));
    }
    for name in schema.enums.keys().rev() {
        out.push(Statement::new(ddl::drop_enum(name), format!("enum {name}")));
    }
    for name in schema.extensions.keys().rev() {
        out.push(Statement::new(
            ddl::drop_extension(name),
            format!("extension {name}"),
        ));
    }
    for name in schema.schemas.iter().rev() {
        if name != DEFAULT_SCHEMA {
            out.push(Statement::new(
                ddl::drop_schema(name),
                format!("schema {name}"),
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

/// What the header says about a squash.
#[derive(Debug, Clone)]
pub struct Meta {
    pub source: String,
    pub postgres: Option<u32>,
    pub schemas: Vec<String>,
    pub fingerprint: String,
    pub tables: usize,
    pub views: usize,
    /// Estimated relations the migration creates (each takes a lock until COMMIT).
    pub relations: usize,
}

/// Above this many relations created in one transaction, PostgreSQL's default lock table
/// (`max_locks_per_transaction` 64 x `max_connections` 100) may run out.
pub const LOCK_WARNING_RELATIONS: usize = 6400;

/// Relations a build of `schema` creates: each table with its TOAST table and index, every index
/// (including those behind primary key, unique and exclusion constraints), sequences (identity
/// ones too), views and materialized-view indexes.
pub fn relation_estimate(schema: &Schema) -> usize {
    let mut n = schema.sequences.len();
    for t in schema.tables.values() {
        n += 3
            + t.indexes.len()
            + t.unique.len()
            + t.exclusions.len()
            + usize::from(t.primary_key.is_some())
            + t.columns.values().filter(|c| c.identity.is_some()).count();
    }
    for v in schema.views.values() {
        n += 1 + v.indexes.len() + if v.materialized { 2 } else { 0 };
    }
    n
}

impl Meta {
    pub fn new(src: &SquashSource) -> Meta {
        let mut schemas = vec![DEFAULT_SCHEMA.to_string()];
        for s in &src.schema.schemas {
            if !schemas.contains(s) {
                schemas.push(s.clone());
            }
        }
        Meta {
            source: src.label.clone(),
            postgres: src.major,
            schemas,
            fingerprint: fingerprint(&src.schema),
            tables: src.schema.tables.len(),
            views: src.schema.views.len(),
            relations: relation_estimate(&src.schema),
        }
    }

    fn lines(&self, what: &str) -> Vec<String> {
        let mut lines = vec![
            format!("pgdrift squash: {what}"),
            format!("source: {}", one_line(&self.source)),
            format!(
                "postgres: {}",
                self.postgres
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| "unknown".to_string())
            ),
            format!("schemas: {}", self.schemas.join(", ")),
            format!("fingerprint: {}", self.fingerprint),
            format!("objects: {} tables, {} views", self.tables, self.views),
        ];
        if self.relations > LOCK_WARNING_RELATIONS {
            lines.push(self.lock_note());
        }
        lines
    }

    /// Said in the header and on stderr when one transaction may exceed the lock table.
    pub fn lock_note(&self) -> String {
        format!(
            "note: about {} relations are created in one transaction; if PostgreSQL reports \
             \"out of shared memory\", raise max_locks_per_transaction on the target server \
             (e.g. to {}) for the run",
            self.relations,
            (self.relations / 100 + 1).next_power_of_two().max(128)
        )
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// Plain SQL in one transaction, psql-compatible.
pub fn render_sql(meta: &Meta, what: &str, statements: &[Statement]) -> String {
    let mut out = String::new();
    for line in meta.lines(what) {
        out.push_str("-- ");
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    out.push_str("BEGIN;\n\n");
    out.push_str(&ddl::render_script(statements));
    out.push_str("\nCOMMIT;\n");
    out
}

/// A Python string literal holding `text` exactly: triple-quoted for readability, every
/// backslash escaped (so no sequence of the SQL can bend the literal), quotes escaped where they
/// could end it, control characters other than newline written as escapes.
pub fn python_literal(text: &str) -> String {
    let mut out = String::from("\"\"\"\\\n");
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            // A quote is escaped only before another quote or at the end, so unescaped quotes
            // never run three long and never touch the closing `"""`; SQL stays readable.
            '"' if matches!(chars.peek(), None | Some('"')) => out.push_str("\\\""),
            '\n' => out.push('\n'),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            // Line separators Python's tokenizer or editors may treat as line ends.
            '\u{85}' | '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
}

fn python_short_literal(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            '\u{85}' | '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An Alembic revision: `upgrade()` runs the statements in order, `downgrade()` the drops.
/// Statements run through `exec_driver_sql` with `no_parameters`, so neither `:name` nor `%` in
/// the SQL (string literals, comments) is taken for a bind parameter; offline (`--sql`) mode
/// prints them verbatim.
pub fn render_alembic(meta: &Meta, revision: &str, message: &str, script: &Script) -> String {
    let mut out = String::new();
    let doc = message
        .replace('\\', "\\\\")
        .replace("\"\"\"", "\\\"\\\"\\\"");
    out.push_str(&format!(
        "\"\"\"{}\n\nRevision ID: {revision}\nRevises:\n\"\"\"\n",
        one_line(&doc)
    ));
    for line in
        meta.lines("an Alembic revision that builds the whole schema from an empty database")
    {
        out.push_str("# ");
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(
        "\nfrom alembic import context, op\n\n\
         revision = ",
    );
    out.push_str(&python_short_literal(revision));
    out.push_str(
        "\ndown_revision = None\nbranch_labels = None\ndepends_on = None\n\n\n\
         def _execute(sql: str) -> None:\n    \
         \"\"\"Runs one statement exactly as written (no bind-parameter parsing of ':name' or '%').\"\"\"\n    \
         if context.is_offline_mode():\n        \
         op.get_context().impl.static_output(sql + \";\\n\")\n    \
         else:\n        \
         op.get_bind().exec_driver_sql(sql, execution_options={\"no_parameters\": True})\n\n\n",
    );
    out.push_str("def upgrade() -> None:\n");
    push_calls(&mut out, &script.migration);
    out.push_str("\n\ndef downgrade() -> None:\n");
    push_calls(&mut out, &script.down);
    out
}

fn push_calls(out: &mut String, statements: &[Statement]) {
    if statements.is_empty() {
        out.push_str("    pass\n");
    }
    for st in statements {
        out.push_str(&format!("    # {}\n", one_line(&st.object)));
        out.push_str(&format!("    _execute({})\n", python_literal(&st.sql)));
    }
}

/// `add genes table` -> `add_genes_table`; never empty.
pub fn slug(message: &str) -> String {
    let mut s = String::new();
    for c in message.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('_') && !s.is_empty() {
            s.push('_');
        }
    }
    let mut s = s.trim_end_matches('_').to_string();
    s.truncate(48);
    let s = s.trim_end_matches('_').to_string();
    if s.is_empty() {
        "squash".to_string()
    } else {
        s
    }
}

fn check_revision(id: &str) -> Result<(), SquashError> {
    if id.is_empty()
        || id.chars().count() > 32
        || id
            .chars()
            .any(|c| c.is_whitespace() || c == '\'' || c == '"' || c == '\\' || c == '/')
    {
        return Err(SquashError::BadRevision(id.to_string()));
    }
    Ok(())
}

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// None: stdout.
    pub path: Option<PathBuf>,
    pub text: String,
}

/// Everything `squash` writes, from the arguments that shape the output.
pub fn render(
    src: &SquashSource,
    script: &Script,
    format: Format,
    out: Option<&Path>,
    revision: Option<&str>,
    message: Option<&str>,
    views_file: Option<&Path>,
) -> Result<Vec<OutFile>, SquashError> {
    let meta = Meta::new(src);
    let message = message.unwrap_or("squashed schema");
    let separate = !script.views.is_empty();
    let mut files = Vec::new();
    let views_text = || {
        render_sql(
            &meta,
            "the views of the squashed schema (run after the migration)",
            &script.views,
        )
    };
    match format {
        Format::Sql => {
            files.push(OutFile {
                path: out.map(Path::to_path_buf),
                text: render_sql(
                    &meta,
                    "one migration that builds the whole schema from an empty database",
                    &script.migration,
                ),
            });
            if separate {
                files.push(OutFile {
                    path: Some(views_path(views_file, out)?),
                    text: views_text(),
                });
            }
        }
        Format::Alembic => {
            let default_rev = meta
                .fingerprint
                .trim_start_matches("sha256:")
                .chars()
                .take(12)
                .collect::<String>();
            let rev = revision.unwrap_or(&default_rev);
            check_revision(rev)?;
            files.push(OutFile {
                path: out.map(Path::to_path_buf),
                text: render_alembic(&meta, rev, message, script),
            });
            if separate {
                files.push(OutFile {
                    path: Some(views_path(views_file, out)?),
                    text: views_text(),
                });
            }
        }
        Format::Dir => {
            let dir = out.ok_or(SquashError::DirNeedsOut)?;
            let version = revision.unwrap_or("0001");
            check_revision(version)?;
            let base = format!("{version}_{}", slug(message));
            files.push(OutFile {
                path: Some(dir.join(format!("{base}.up.sql"))),
                text: render_sql(
                    &meta,
                    "one migration that builds the whole schema from an empty database",
                    &script.migration,
                ),
            });
            files.push(OutFile {
                path: Some(dir.join(format!("{base}.down.sql"))),
                text: render_sql(
                    &meta,
                    "drops everything the matching .up.sql created",
                    &script.down,
                ),
            });
            if separate {
                let p = match views_file {
                    Some(p) => p.to_path_buf(),
                    None => dir.join(format!("{base}.views.sql")),
                };
                files.push(OutFile {
                    path: Some(p),
                    text: views_text(),
                });
            }
        }
    }
    Ok(files)
}

fn views_path(views_file: Option<&Path>, out: Option<&Path>) -> Result<PathBuf, SquashError> {
    if let Some(p) = views_file {
        return Ok(p.to_path_buf());
    }
    let out = out.ok_or(SquashError::ViewsFileNeeded)?;
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "squash".to_string());
    Ok(out.with_file_name(format!("{stem}.views.sql")))
}

fn write_file(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(|e| Error::Io {
                path: parent.to_path_buf(),
                source: e,
            })?;
        }
    }
    std::fs::write(path, text).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })
}

// ---------------------------------------------------------------------------------------------
// Verify
// ---------------------------------------------------------------------------------------------

/// Statements per autocommit batch when building in the scratch database: one transaction cannot
/// hold the locks of thousands of relations, and verifying is about what the statements build.
const BATCH: usize = 64;

/// Runs `statements` in order on `client`; names the statement PostgreSQL rejects.
pub async fn apply_statements(
    client: &tokio_postgres::Client,
    statements: &[Statement],
) -> Result<(), SquashError> {
    let runnable: Vec<(usize, &Statement)> = statements
        .iter()
        .enumerate()
        .filter(|(_, s)| s.object != "session")
        .collect();
    client
        .batch_execute(&format!(
            "SET search_path TO {}",
            quote_ident(DEFAULT_SCHEMA)
        ))
        .await
        .map_err(|e| SquashError::Query(describe_pg_error(&e, "")))?;
    for chunk in runnable.chunks(BATCH) {
        let batch: String = chunk.iter().map(|(_, s)| format!("{};\n", s.sql)).collect();
        if client.batch_execute(&batch).await.is_ok() {
            continue;
        }
        // The batch ran as one implicit transaction and rolled back; replay it statement by
        // statement to name the one PostgreSQL rejects.
        for (i, st) in chunk {
            if let Err(e) = client.batch_execute(&st.sql).await {
                return Err(SquashError::Rejected {
                    index: i + 1,
                    object: st.object.clone(),
                    message: describe_pg_error(&e, ""),
                    sql: st.sql.clone(),
                });
            }
        }
    }
    Ok(())
}

/// The outcome of `--verify`.
pub struct Verification {
    pub differences: Vec<Change>,
    /// Differences the model cannot express (see [`Extras`]), one line each.
    pub extra_differences: Vec<String>,
    /// The fingerprint of the rebuilt database (equal to the header's unless the server prints
    /// some view differently the second time).
    pub rebuilt_fingerprint: String,
    pub rebuilt: Schema,
}

/// Builds `script` in an empty scratch database on `dev` and diffs the result against `src`.
pub async fn verify(
    src: &SquashSource,
    script: &Script,
    dev: &DevServer,
) -> Result<Verification, Error> {
    let scratch = Scratch::create(dev).await?;
    let result = verify_in(src, script, &scratch).await;
    scratch.drop_now().await;
    result
}

async fn verify_in(
    src: &SquashSource,
    script: &Script,
    scratch: &Scratch,
) -> Result<Verification, Error> {
    if let Some(major) = src.major {
        normalize::check_versions(scratch.major, major)?;
    }
    apply_statements(&scratch.client, &script.migration).await?;
    apply_statements(&scratch.client, &script.views).await?;
    let mut schemas = vec![DEFAULT_SCHEMA.to_string()];
    for s in &src.schema.schemas {
        if !schemas.contains(s) {
            schemas.push(s.clone());
        }
    }
    let rebuilt = introspect(
        &scratch.client,
        &IntrospectOptions {
            schemas: schemas.clone(),
        },
    )
    .await?;
    let rebuilt_extras = read_extras(&scratch.client, &schemas).await?;
    let extra_differences = extras_differences(&src.extras, &rebuilt_extras);
    let rebuilt_fingerprint = fingerprint(&rebuilt);
    let mut left = canonical(&src.schema);
    let mut right = canonical(&rebuilt);
    // canonical() drops extension versions; restore the declared ones so a pinned version is
    // still verified.
    for (name, ext) in &src.schema.extensions {
        if let (Some(v), Some(l), Some(r)) = (
            &ext.version,
            left.extensions.get_mut(name),
            right.extensions.get_mut(name),
        ) {
            l.version = Some(v.clone());
            r.version = rebuilt.extensions.get(name).and_then(|e| e.version.clone());
        }
    }
    normalize::settle_fixpoints(scratch, &mut left, &mut right).await;
    let differences = diff::diff(&left, &right);
    Ok(Verification {
        differences,
        extra_differences,
        rebuilt_fingerprint,
        rebuilt,
    })
}

// ---------------------------------------------------------------------------------------------
// Stamp
// ---------------------------------------------------------------------------------------------

/// Changes that concern `alembic_version` (the table and its members).
pub fn without_alembic_version(changes: Vec<Change>) -> Vec<Change> {
    let rule = IgnoreRule {
        kind: "table".to_string(),
        name: ALEMBIC_VERSION.to_string(),
        reason: "migration-tool bookkeeping".to_string(),
    };
    diff::apply_ignores(changes, &[rule]).0
}

/// Records `revision` as the only row of `alembic_version` (created if absent), in one
/// transaction.
pub async fn write_alembic_version(url: &DbUrl, revision: &str) -> Result<(), Error> {
    check_revision(revision)?;
    let mut client = url.connect().await?;
    let table = QualifiedName::new(DEFAULT_SCHEMA, ALEMBIC_VERSION).sql();
    let sql = format!(
        "CREATE TABLE IF NOT EXISTS {table} (version_num varchar(32) NOT NULL, \
         CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));\n\
         LOCK TABLE {table} IN EXCLUSIVE MODE;\n\
         DELETE FROM {table};\n\
         INSERT INTO {table} (version_num) VALUES ({});",
        quote_literal(revision)
    );
    let fail = |e: tokio_postgres::Error| {
        Error::Other(format!(
            "{}: recording revision {revision} in alembic_version failed (nothing was changed): {}",
            url.redacted(),
            describe_pg_error(&e, "")
        ))
    };
    let tx = client.transaction().await.map_err(fail)?;
    tx.batch_execute(&sql).await.map_err(fail)?;
    tx.commit().await.map_err(fail)?;
    Ok(())
}

/// `--stamp`: compares `source` with the database at `url` (alembic_version left out) and, only
/// without drift, records `revision`. Returns the drift (empty when stamped).
pub async fn stamp(
    source: &Source,
    url: &DbUrl,
    dev: Option<&DevServer>,
    schemas: &[String],
    revision: &str,
) -> Result<Vec<Change>, Error> {
    check_revision(revision)?;
    let cmp = app::compare(source, &Source::Db(url.clone()), dev, schemas).await?;
    let drift = without_alembic_version(cmp.changes);
    if drift.is_empty() {
        write_alembic_version(url, revision).await?;
    }
    Ok(drift)
}

// ---------------------------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------------------------

fn print_changes(changes: &[Change]) {
    for c in changes {
        eprintln!("  {} {}: {}", c.category.as_str(), c.object, c.summary);
        if let Some(d) = &c.detail {
            for line in d.lines() {
                eprintln!("      {line}");
            }
        }
    }
}

/// Runs `pgdrift squash`; returns the exit code.
pub async fn run(args: SquashArgs) -> Result<u8, crate::Error> {
    if let (Some(r), Some(s)) = (&args.revision, &args.stamp) {
        if r != s && args.format == Format::Alembic {
            return Err(SquashError::RevisionMismatch {
                revision: r.clone(),
                stamp: s.clone(),
            }
            .into());
        }
    }
    if let Some(s) = &args.stamp {
        check_revision(s)?;
    }
    let source = match (&args.from_db, &args.from_snapshot) {
        (Some(url), _) => Source::Db(DbUrl::parse(url)?),
        (None, Some(path)) => Source::Snapshot(path.clone()),
        (None, None) => Source::Declared {
            schema_file: args.schema_file.clone(),
            views_dir: args.views.clone(),
        },
    };
    if let Source::Declared {
        schema_file,
        views_dir,
    } = &source
    {
        // Bad input fails before a throw-away server is started.
        load::load_project(schema_file, views_dir)?;
    }
    let needs_dev = matches!(source, Source::Declared { .. }) || args.verify;
    let fallback = match &source {
        Source::Db(url) => Some(url.clone()),
        _ => None,
    };
    let dev = if needs_dev {
        Some(DevPlace::start(args.dev_url.as_deref(), fallback.as_ref()).await?)
    } else {
        None
    };
    let src = resolve_source(&source, dev.as_ref().map(|d| &d.server), &args.db.schemas).await?;
    let script = script(&src.schema, &src.extras, args.views_output)?;
    let revision = args.revision.as_deref().or(args.stamp.as_deref());
    let files = render(
        &src,
        &script,
        args.format,
        args.out.as_deref(),
        revision,
        args.message.as_deref(),
        args.views_file.as_deref(),
    )?;
    let meta = Meta::new(&src);
    if meta.relations > LOCK_WARNING_RELATIONS {
        eprintln!("{}", meta.lock_note());
    }
    for f in &files {
        match &f.path {
            Some(p) => {
                write_file(p, &f.text)?;
                eprintln!("wrote {}", p.display());
            }
            None => print!("{}", f.text),
        }
    }
    let mut code = 0u8;
    if let Some(dev) = &dev {
        if args.verify {
            let v = verify(&src, &script, &dev.server).await?;
            if v.differences.is_empty() && v.extra_differences.is_empty() {
                eprintln!("verified: 0 differences");
                let expected = fingerprint(&src.schema);
                if v.rebuilt_fingerprint != expected {
                    eprintln!("note: the rebuilt database's fingerprint is {} (the header records {expected}); PostgreSQL prints some view text differently once rebuilt, so `check --fingerprint` will report a change", v.rebuilt_fingerprint);
                }
            } else {
                eprintln!(
                    "verify FAILED: the rebuilt schema differs from the source in {} place(s) (\"declaration\" = the squash source, \"database\" = the database the squash built):",
                    v.differences.len() + v.extra_differences.len()
                );
                print_changes(&v.differences);
                for line in &v.extra_differences {
                    eprintln!("  {line}");
                }
                code = 1;
            }
        }
    }
    if let Some(id) = &args.stamp {
        if code != 0 {
            eprintln!("not stamping: verification failed");
            return Ok(code);
        }
        let t = app::target(&args.db).await?;
        let dev_arg = app::dev_server(args.dev_url.as_deref())?;
        let drift = stamp(&source, &t.url, dev_arg.as_ref(), &args.db.schemas, id).await?;
        if drift.is_empty() {
            eprintln!(
                "stamped {}: alembic_version = {id} (no drift from the squashed schema)",
                t.url.redacted()
            );
        } else {
            eprintln!(
                "not stamped: {} differs from the squashed schema in {} place(s); alembic_version was not changed:",
                t.url.redacted(),
                drift.len()
            );
            print_changes(&drift);
            code = 1;
        }
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_round_trips() {
        let text = "-- pgdrift squash: x\n-- source: a.yaml\n-- postgres: 16\n-- schemas: public, audit\n-- fingerprint: sha256:abc\nBEGIN;\n";
        let h = parse_header(text);
        assert_eq!(h.fingerprint.as_deref(), Some("sha256:abc"));
        assert_eq!(h.schemas, vec!["public", "audit"]);
        assert_eq!(h.postgres.as_deref(), Some("16"));
        assert_eq!(
            read_fingerprint("# fingerprint: sha256:ff\n").as_deref(),
            Some("sha256:ff")
        );
        assert_eq!(read_fingerprint("nothing here\n"), None);
    }

    #[test]
    fn python_literals_escape_everything_that_matters() {
        assert_eq!(
            python_literal("a\"\"\"b\\c\nd\te \"x\""),
            "\"\"\"\\\na\\\"\\\"\"b\\\\c\nd\\te \"x\\\"\"\"\""
        );
        assert_eq!(python_short_literal("x\"y"), "\"x\\\"y\"");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Squash: 2024 schema!"), "squash_2024_schema");
        assert_eq!(slug("!!!"), "squash");
    }

    #[test]
    fn revisions_are_checked() {
        assert!(check_revision("abc123").is_ok());
        assert!(check_revision("a'b").is_err());
        assert!(check_revision(&"x".repeat(33)).is_err());
        assert!(check_revision("").is_err());
    }

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
