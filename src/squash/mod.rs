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
//! back with the same catalog queries and diffed against the source. Because that diff sees only
//! what the model holds, a second, independent witness follows: `pg_dump --schema-only` of the
//! source database and of the rebuilt one, compared statement by statement ([`crate::witness`]).
//!
//! One module per stage: `extras` (what the model does not hold but a rebuild must keep),
//! `fingerprint` (the header), `stable` (round-trip stable SQL text), `script` (the statements),
//! `render` (SQL, Alembic, folder), `verify` (the scratch build, the pg_dump witness,
//! `--stamp`). This file holds the arguments, the errors, the source and the command; every
//! public item is re-exported here, at the path it has always had.

mod extras;
mod fingerprint;
mod render;
mod script;
mod stable;
mod verify;

use std::path::PathBuf;

pub use crate::alembic::python_literal;
pub use extras::{extras_differences, read_extras, Extras, IdentitySequence};
pub use fingerprint::{
    canonical, check_fingerprint, fingerprint, parse_header, read_fingerprint, Header,
};
pub use render::{
    relation_estimate, render, render_alembic, render_sql, slug, Meta, OutFile,
    LOCK_WARNING_RELATIONS,
};
pub use script::{drop_script, script, Script};
pub use stable::stabilize_expression;
pub use verify::{
    apply_statements, stamp, verify, without_alembic_version, without_table, write_alembic_version,
    Verification,
};

use crate::app::{self, DbArgs, Source};
use crate::conn::DbUrl;
use crate::diff::Category;
use crate::ephemeral::Ephemeral;
use crate::error::Error;
use crate::load;
use crate::model::{QualifiedName, Schema, DEFAULT_SCHEMA};
use crate::normalize::{self, DevServer, Scratch};
use crate::witness::DumpTarget;
use render::{check_revision, write_file};
use verify::{print_changes, report_verification};

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
#[command(mut_arg("db", |a| a.help("Only with --stamp: the database whose alembic_version records the revision (Default: $DATABASE_URL, then DATABASE_URL in ./.env). The database to squash is --from-db.")))]
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
    /// The declared project's folder of view files (read, never written; where the squash puts
    /// views is --views-output).
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
    #[command(flatten)]
    pub jobs: crate::normalize::parallel::JobsArg,
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
    /// Where the squash puts the views: `inline` in the migration, or `separate`: views (and
    /// materialized-view indexes and comments) out of the migration, into --views-file. (The
    /// declared views folder that is read is --views.)
    #[arg(long = "views-output", value_enum, default_value = "inline")]
    pub views_output: ViewsOutput,
    /// Where --views-output separate writes the views. Default: next to --out
    /// (`<out stem>.views.sql`), or `<version>_<slug>.views.sql` in the dir folder.
    #[arg(long, value_name = "FILE")]
    pub views_file: Option<PathBuf>,
    /// Build the migration in an empty scratch database and diff the result with the source,
    /// through pgdrift's model and, when a pg_dump of the server's version (or newer) is found,
    /// by comparing `pg_dump --schema-only` of both databases (the witness sees functions,
    /// triggers, grants and whatever else the model does not hold). Verification fails while
    /// the source holds objects pgdrift does not model: the squash cannot rebuild them. Output
    /// is written only after verification passed.
    /// The build runs on --jobs connections (tables, indexes and keys of unrelated tables at
    /// once); the script written stays one ordered file.
    #[arg(long)]
    pub verify: bool,
    /// --verify, and then run the written SQL once more exactly as a user would: the whole file
    /// in one session (its BEGIN ... COMMIT one transaction), in a second scratch database; it
    /// must succeed and build what the --verify build did. Catches what a staged build cannot,
    /// e.g. more locks than one transaction holds (max_locks_per_transaction).
    /// Example: pgdrift squash --verify-strict --out squash.sql
    #[arg(long)]
    pub verify_strict: bool,
    /// Let --verify pass although the source holds objects pgdrift does not model; they are
    /// still listed, as warnings (the inventory's and the pg_dump witness's), and are not in
    /// the squash.
    #[arg(long)]
    pub allow_unsupported: bool,
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
    /// Where the pg_dump witness of `--verify` dumps the source from.
    pub dump: DumpSource,
}

/// The database behind a source, for the pg_dump witness.
#[derive(Debug, Clone)]
pub enum DumpSource {
    /// A live database with the schemas the squash read (a `--from-db` source), or the scratch
    /// database a declared project was normalized in, while [`HeldSource`] keeps it.
    Database(DumpTarget),
    /// A snapshot file: there is no database.
    Snapshot,
    /// A declared project whose scratch database was dropped after normalizing.
    Dropped,
}

/// A resolved source together with the scratch database a declared project was normalized in,
/// kept so the pg_dump witness can dump it. [`HeldSource::release`] drops it; call it on every
/// path (until then the Ctrl-C handler and the stale-scratch sweep are the only safety nets).
pub struct HeldSource {
    pub source: SquashSource,
    scratch: Option<Scratch>,
}

impl HeldSource {
    /// Drops the held scratch database (if any); the source's dump location becomes
    /// [`DumpSource::Dropped`].
    pub async fn release(self) -> SquashSource {
        let HeldSource {
            mut source,
            scratch,
        } = self;
        if let Some(scratch) = scratch {
            scratch.drop_now().await;
            source.dump = DumpSource::Dropped;
        }
        source
    }
}

/// Left out of every witness dump: the squash never builds it (see [`ALEMBIC_VERSION`]).
fn witness_exclusions() -> Vec<QualifiedName> {
    vec![QualifiedName::new(DEFAULT_SCHEMA, ALEMBIC_VERSION)]
}

/// The scratch-database server of one command, with the throw-away cluster (if any) kept alive
/// for the command's duration so normalizing and verifying share one `initdb`.
pub struct DevPlace {
    pub server: DevServer,
    _cluster: Option<Ephemeral>,
}

impl DevPlace {
    pub async fn start(arg: Option<&str>, fallback: Option<&DbUrl>) -> Result<DevPlace, Error> {
        Self::start_major(arg, fallback, None).await
    }

    /// [`DevPlace::start`]; a throw-away cluster runs exactly `major` when one is given.
    pub async fn start_major(
        arg: Option<&str>,
        fallback: Option<&DbUrl>,
        major: Option<u32>,
    ) -> Result<DevPlace, Error> {
        let explicit = app::dev_server(arg)?;
        let server = match (explicit, fallback) {
            (Some(s), _) => s,
            (None, Some(url)) => DevServer::Url(url.clone()),
            (None, None) => DevServer::Ephemeral,
        };
        match server {
            DevServer::Ephemeral => {
                let cluster = Ephemeral::start_major(major).await?;
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
/// on `dev`, which is dropped before this returns (so the pg_dump witness cannot dump it; see
/// [`resolve_source_held`]).
pub async fn resolve_source(
    source: &Source,
    dev: Option<&DevServer>,
    schemas: &[String],
) -> Result<SquashSource, Error> {
    Ok(resolve_source_held(source, dev, schemas)
        .await?
        .release()
        .await)
}

/// [`resolve_source`], keeping a declared project's scratch database for the pg_dump witness.
pub async fn resolve_source_held(
    source: &Source,
    dev: Option<&DevServer>,
    schemas: &[String],
) -> Result<HeldSource, Error> {
    let mut held = match source {
        Source::Db(url) => HeldSource {
            source: from_db(url, schemas).await?,
            scratch: None,
        },
        Source::Snapshot(path) => {
            let schema = load::load_snapshot(path)?;
            HeldSource {
                source: SquashSource {
                    major: schema.postgres,
                    schema,
                    label: source.label(),
                    extras: Extras::default(),
                    dump: DumpSource::Snapshot,
                },
                scratch: None,
            }
        }
        Source::Declared {
            schema_file,
            views_dir,
        } => from_declared(source, schema_file, views_dir, dev).await?,
    };
    held.source
        .schema
        .tables
        .shift_remove(&QualifiedName::new(DEFAULT_SCHEMA, ALEMBIC_VERSION));
    // Like pg_dump --no-owner: a squashed script's objects belong to whoever runs it.
    crate::kinds::owner::strip(&mut held.source.schema);
    Ok(held)
}

/// A live database, with its [`Extras`] and the selection pg_dump is to dump of it.
async fn from_db(url: &DbUrl, schemas: &[String]) -> Result<SquashSource, Error> {
    let r = app::read_db(url, schemas).await?;
    let client = url.connect().await?;
    let extras = read_extras(&client, &r.schemas_read).await?;
    // The same schemas as the squash read; without a selection that is every user
    // schema, which is what pg_dump dumps of a whole database (extensions included).
    let dump = DumpSource::Database(DumpTarget {
        url: url.clone(),
        schemas: (!schemas.is_empty()).then(|| r.schemas_read.clone()),
        exclude_tables: witness_exclusions(),
        no_privileges: false,
    });
    Ok(SquashSource {
        schema: r.schema,
        major: r.major,
        label: r.label,
        extras,
        dump,
    })
}

/// A declared project normalized in a scratch database on `dev`, which is kept (see
/// [`HeldSource`]) and dropped here only when normalizing fails.
async fn from_declared(
    source: &Source,
    schema_file: &std::path::Path,
    views_dir: &std::path::Path,
    dev: Option<&DevServer>,
) -> Result<HeldSource, Error> {
    // Load first: bad input fails before any server is touched.
    let declared = load::load_project(schema_file, views_dir)?;
    let dev = dev.cloned().unwrap_or(DevServer::Ephemeral);
    let scratch = Scratch::create(&dev).await?;
    let schema = match normalize::normalize(&declared, &scratch).await {
        Ok(schema) => schema,
        Err(e) => {
            scratch.drop_now().await;
            return Err(e.into());
        }
    };
    // Grants are never run during normalization (roles are compared as names); the witness
    // dumps this database, so it gets the declared roles and grants now.
    let throwaway = scratch.throwaway().await;
    let completed = crate::kinds::privilege::complete_scratch(&scratch.client, &schema, throwaway);
    if let Err(e) = completed.await {
        scratch.drop_now().await;
        return Err(normalize::NormalizeError::Query(e.to_string()).into());
    }
    // The whole scratch database: it holds exactly what the declaration creates.
    let mut target = DumpTarget::whole(scratch.url().clone());
    target.exclude_tables = witness_exclusions();
    Ok(HeldSource {
        source: SquashSource {
            schema,
            major: Some(scratch.major),
            label: source.label(),
            extras: Extras::default(),
            dump: DumpSource::Database(target),
        },
        scratch: Some(scratch),
    })
}

/// Runs `pgdrift squash`; returns the exit code.
impl SquashArgs {
    /// `--verify` or `--verify-strict`.
    fn verifies(&self) -> bool {
        self.verify || self.verify_strict
    }
}

pub async fn run(args: SquashArgs) -> Result<u8, crate::Error> {
    args.jobs.apply();
    check_revisions(&args)?;
    let source = source_of(&args)?;
    if let Source::Declared {
        schema_file,
        views_dir,
    } = &source
    {
        // Bad input fails before a throw-away server is started.
        load::load_project(schema_file, views_dir)?;
    }
    let needs_dev = matches!(source, Source::Declared { .. }) || args.verifies();
    let fallback = match &source {
        Source::Db(url) => Some(url.clone()),
        _ => None,
    };
    let dev = if needs_dev {
        // A throw-away server runs the source's major (a database's, or a snapshot's).
        let pin = app::pinned_major(&source, &source).await;
        Some(DevPlace::start_major(args.dev_url.as_deref(), fallback.as_ref(), pin).await?)
    } else {
        None
    };
    let held = resolve_source_held(
        &source,
        dev.as_ref().map(|d| &d.server),
        &args.db.selection(),
    )
    .await?;
    // The held scratch database (a declared source's) is dropped on every path, errors included.
    let result = run_resolved(&args, &source, dev.as_ref(), &held.source).await;
    held.release().await;
    result
}

/// Revision ids fail before anything is read: an Alembic file must carry the stamped revision.
fn check_revisions(args: &SquashArgs) -> Result<(), SquashError> {
    if let (Some(r), Some(s)) = (&args.revision, &args.stamp) {
        if r != s && args.format == Format::Alembic {
            return Err(SquashError::RevisionMismatch {
                revision: r.clone(),
                stamp: s.clone(),
            });
        }
    }
    if let Some(s) = &args.stamp {
        check_revision(s)?;
    }
    Ok(())
}

/// The source the arguments name: `--from-db`, `--from-snapshot`, else the declared project.
fn source_of(args: &SquashArgs) -> Result<Source, Error> {
    Ok(match (&args.from_db, &args.from_snapshot) {
        (Some(url), _) => Source::Db(DbUrl::parse(url)?),
        (None, Some(path)) => Source::Snapshot(path.clone()),
        (None, None) => Source::Declared {
            schema_file: args.schema_file.clone(),
            views_dir: args.views.clone(),
        },
    })
}

/// `squash` once the source is resolved: render, verify, write (only what verified), stamp.
async fn run_resolved(
    args: &SquashArgs,
    source: &Source,
    dev: Option<&DevPlace>,
    src: &SquashSource,
) -> Result<u8, crate::Error> {
    // `--no-privileges`: no grants in the script, none in either pg_dump of the witness.
    let stripped;
    let src = if args.db.no_privileges {
        let mut s = src.clone();
        crate::kinds::privilege::strip(&mut s.schema);
        if let DumpSource::Database(t) = &mut s.dump {
            t.no_privileges = true;
        }
        stripped = s;
        &stripped
    } else {
        src
    };
    warn_unsupported(src);
    let script = script(&src.schema, args.views_output)?;
    let revision = args.revision.as_deref().or(args.stamp.as_deref());
    let files = render(
        src,
        &script,
        args.format,
        args.out.as_deref(),
        revision,
        args.message.as_deref(),
        args.views_file.as_deref(),
    )?;
    let meta = Meta::new(src);
    if meta.relations > LOCK_WARNING_RELATIONS {
        eprintln!("{}", meta.lock_note());
    }
    // Verify before writing: a script that failed verification must not be left at --out.
    if let (Some(dev), true) = (dev, args.verifies()) {
        if !verified(args, src, &script, dev).await? {
            let places: Vec<String> = files
                .iter()
                .map(|f| match &f.path {
                    Some(p) => p.display().to_string(),
                    None => "stdout".to_string(),
                })
                .collect();
            eprintln!(
                "nothing was written ({}): verification failed",
                places.join(", ")
            );
            if args.stamp.is_some() {
                eprintln!("not stamping: verification failed");
            }
            return Ok(1);
        }
    }
    write_files(&files)?;
    match &args.stamp {
        Some(id) => stamp_step(args, source, id).await,
        None => Ok(0),
    }
}

fn warn_unsupported(src: &SquashSource) {
    if !src.schema.unsupported.is_empty() {
        eprintln!(
            "warning: the source holds {} object(s) that pgdrift does not model; the squash does not build them:",
            src.schema.unsupported.len()
        );
        for line in crate::inventory::lines(&src.schema.unsupported) {
            eprintln!("  {line}");
        }
    }
}

/// `--verify`, reported; whether it passed.
async fn verified(
    args: &SquashArgs,
    src: &SquashSource,
    script: &Script,
    dev: &DevPlace,
) -> Result<bool, Error> {
    let mut v = verify(src, script, &dev.server).await?;
    if args.allow_unsupported {
        let before = v.differences.len();
        v.differences
            .retain(|c| c.category != Category::Unsupported);
        if v.differences.len() < before {
            eprintln!("--allow-unsupported: not counting the {} object(s) above that pgdrift does not model", before - v.differences.len());
        }
    }
    report_verification(&v, src, args.allow_unsupported);
    if !v.passed(args.allow_unsupported) {
        return Ok(false);
    }
    if args.verify_strict {
        if let Some(problem) =
            verify::strict(src, script, &dev.server, &v.rebuilt_fingerprint).await?
        {
            eprintln!("{problem}");
            return Ok(false);
        }
        eprintln!("--verify-strict: the SQL, run in one session as written, built the same schema");
    }
    Ok(true)
}

fn write_files(files: &[OutFile]) -> Result<(), Error> {
    for f in files {
        match &f.path {
            Some(p) => {
                write_file(p, &f.text)?;
                eprintln!("wrote {}", p.display());
            }
            None => print!("{}", f.text),
        }
    }
    Ok(())
}

/// `--stamp ID`: records the revision in --db when it has no drift; 1 when it has.
async fn stamp_step(args: &SquashArgs, source: &Source, id: &str) -> Result<u8, crate::Error> {
    let t = app::target(&args.db).await?;
    let dev_arg = app::dev_server(args.dev_url.as_deref())?;
    let drift = stamp(source, &t.url, dev_arg.as_ref(), &args.db.selection(), id).await?;
    if drift.is_empty() {
        eprintln!(
            "stamped {}: alembic_version = {id} (no drift from the squashed schema)",
            t.url.redacted()
        );
        return Ok(0);
    }
    eprintln!(
        "not stamped: {} differs from the squashed schema in {} place(s); alembic_version was not changed:",
        t.url.redacted(),
        drift.len()
    );
    print_changes(&drift);
    Ok(1)
}
