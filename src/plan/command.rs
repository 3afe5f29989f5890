//! The `pgdrift plan` command: its arguments, and the comparison a plan is computed from.

use std::collections::HashSet;
use std::path::PathBuf;

use super::{
    appendable_views, build_plan, render_human, render_json, render_sql, Plan, PlanOptions,
};
use crate::diff::{Category, ObjectKind, Presence};
use crate::model::QualifiedName;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanFormat {
    Sql,
    Json,
    Human,
    /// The next Alembic revision (see `--alembic-dir`, `--message`).
    Alembic,
    /// A dbmate migration `<version>_<message>.sql` written into --out DIR (else stdout):
    /// `-- migrate:up` the plan, `-- migrate:down` the reverse plan.
    Dbmate,
    /// A self-contained review page (inline CSS and SVG, no script, nothing from the network):
    /// the drift by category, body diffs, the plan with hazards flagged, the affected tables.
    Html,
}

/// What the plan is computed from; shared by `plan` and `apply`.
#[derive(clap::Args, Debug, Clone)]
pub struct PlanSourceArgs {
    #[command(flatten)]
    pub db: crate::app::DbArgs,
    /// The declared schema file.
    #[arg(long, value_name = "FILE", default_value = "schema.yaml")]
    pub schema_file: PathBuf,
    /// The declared project's folder of view files (read, never written).
    #[arg(long, value_name = "DIR", default_value = "views")]
    pub views: PathBuf,
    /// Where declared SQL is normalized: a database URL or `ephemeral` (default: the target's
    /// server, in a scratch database).
    #[arg(long, value_name = "URL")]
    pub dev_url: Option<String>,
    #[command(flatten)]
    pub jobs: crate::normalize::parallel::JobsArg,
    /// Build indexes concurrently after the transaction; add foreign keys and checks NOT VALID,
    /// then VALIDATE.
    #[arg(long)]
    pub online: bool,
    /// Zone `timestamp` values are in, for conversions to and from `timestamptz`.
    #[arg(long, value_name = "ZONE", default_value = "UTC")]
    pub tz: String,
    /// Normalize the declared schema anew instead of reusing `check`'s cache (whole project,
    /// per table and view, settled fixpoints; see `pgdrift check --help`), e.g. `pgdrift plan
    /// --no-cache`. The plan is the same either way.
    #[arg(long)]
    pub no_cache: bool,
}

impl PlanSourceArgs {
    pub fn options(&self) -> PlanOptions {
        PlanOptions {
            appendable_views: HashSet::new(),
            online: self.online,
            tz: self.tz.clone(),
            cache_dir: if self.no_cache {
                None
            } else {
                crate::app::default_cache_dir()
            },
            no_privileges: self.db.no_privileges,
            owners: self.db.owners,
            ..PlanOptions::default()
        }
    }
    pub fn declared(&self) -> crate::app::Source {
        crate::app::Source::Declared {
            schema_file: self.schema_file.clone(),
            views_dir: self.views.clone(),
        }
    }
}

/// Arguments of `pgdrift plan`.
#[derive(clap::Args, Debug)]
pub struct PlanArgs {
    #[command(flatten)]
    pub source: PlanSourceArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "sql")]
    pub format: PlanFormat,
    /// Write the plan to this file instead of stdout (with `--format dbmate`: the migrations
    /// folder, e.g. db/migrations).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// With `--format alembic`: the versions folder; the revision revises its head and is
    /// written there as `<revision>_<message>.py` (unless `--out` is given). Without it, the
    /// revision revises the database's alembic_version and goes to stdout.
    #[arg(long, value_name = "DIR")]
    pub alembic_dir: Option<PathBuf>,
    /// With `--format alembic`: the revision's message; with `dbmate`: the file name's words.
    #[arg(short = 'm', long, value_name = "TEXT")]
    pub message: Option<String>,
    /// With `--format alembic`: the revision id (default: 12 fresh hex digits); with `dbmate`:
    /// the version (default: the UTC time, YYYYMMDDHHMMSS).
    #[arg(long, value_name = "ID")]
    pub revision: Option<String>,
}

/// Compares the declared project with the database at `url` and plans the migration. Returns
/// the plan and the comparison it came from.
pub async fn plan_for(
    declared: &crate::app::Source,
    url: &crate::conn::DbUrl,
    dev: Option<&crate::normalize::DevServer>,
    schemas: &[String],
    opts: &PlanOptions,
) -> Result<(Plan, crate::app::Comparison), crate::Error> {
    // On the heap: the whole comparison's state machine is large in debug builds.
    let (plan, cmp, kept) = Box::pin(plan_keeping(declared, url, dev, schemas, opts)).await?;
    drop_kept(kept).await;
    Ok((plan, cmp))
}

/// [`plan_for`], handing back the comparison's normalization for another comparison of the same
/// declared files (`apply` checks the result with it); drop it with [`drop_kept`].
pub async fn plan_keeping(
    declared: &crate::app::Source,
    url: &crate::conn::DbUrl,
    dev: Option<&crate::normalize::DevServer>,
    schemas: &[String],
    opts: &PlanOptions,
) -> Result<(Plan, crate::app::Comparison, Kept), crate::Error> {
    let (cmp, kept) = compare_for(declared, url, dev, schemas, opts).await?;
    match plan_changes(&cmp, cmp.changes.clone(), url, &kept, schemas, opts).await {
        Ok(plan) => Ok((plan, cmp, kept)),
        Err(e) => {
            drop_kept(kept).await;
            Err(e)
        }
    }
}

/// Drops the scratch database [`compare_for`] kept.
pub async fn drop_kept(kept: Kept) {
    kept.normalized.drop_now().await;
}

/// What [`compare_for`] hands on to [`plan_changes`]: where declared SQL is normalized and the
/// scratch database the comparison normalized in, if it made one (a cached normalization does
/// not), so the plan reads the declared views' columns there instead of normalizing again.
pub struct Kept {
    pub dev: crate::normalize::DevServer,
    pub normalized: crate::app::Normalized,
}

/// The comparison a plan of the database at `url` is computed from, and its scratch database
/// (drop it with [`drop_kept`]).
pub async fn compare_for(
    declared: &crate::app::Source,
    url: &crate::conn::DbUrl,
    dev: Option<&crate::normalize::DevServer>,
    schemas: &[String],
    opts: &PlanOptions,
) -> Result<(crate::app::Comparison, Kept), crate::Error> {
    check_time_zone(url, &opts.tz).await?;
    let compare_options = crate::app::CompareOptions {
        cache_dir: opts.cache_dir.clone(),
        no_privileges: opts.no_privileges,
        owners: opts.owners,
        ignore_roles: Vec::new(),
    };
    let (cmp, normalized) = crate::app::compare_keeping(
        None,
        declared,
        &crate::app::Source::Db(url.clone()),
        dev,
        schemas,
        &compare_options,
    )
    .await?;
    let dev = match dev {
        Some(d) => d.clone(),
        None => crate::normalize::DevServer::Url(url.clone()),
    };
    Ok((cmp, Kept { dev, normalized }))
}

/// Plans `changes` (those of `cmp`, or some of them) after the declared ignore rules, probing
/// the database at `url` for views that can be replaced in place and tables without rows.
pub async fn plan_changes(
    cmp: &crate::app::Comparison,
    changes: Vec<crate::diff::Change>,
    url: &crate::conn::DbUrl,
    kept: &Kept,
    schemas: &[String],
    opts: &PlanOptions,
) -> Result<Plan, crate::Error> {
    let (changes, _ignored) = crate::diff::apply_ignores(changes, &cmp.left.schema.ignore);
    let mut opts = opts.clone();
    let candidates: Vec<QualifiedName> = changes
        .iter()
        .filter(|c| c.presence == Presence::Changed && c.category == Category::View)
        .filter(|c| c.object.kind == ObjectKind::View)
        .filter_map(|c| c.object.qualified.clone())
        .collect();
    if !candidates.is_empty() {
        opts.appendable_views = appendable_views(
            &cmp.left.schema,
            url,
            (&kept.dev, kept.normalized.scratch()),
            schemas,
            &candidates,
        )
        .await;
    }
    opts.column_users = column_users(url, schemas, &cmp.right.schema).await?;
    opts.live_major = cmp.right.major;
    let probed = {
        let cx = super::PlanCx::new(&cmp.left.schema, &cmp.right.schema, &changes, &opts);
        let mut t = crate::kinds::function::plan::trigger_tables(&cx, &changes);
        // Rule changes alter what writes do too (`kinds::rule::plan`).
        let rules = changes.iter().filter(|c| c.object.kind == ObjectKind::Rule);
        t.extend(rules.filter_map(|c| c.object.table.clone()));
        t
    };
    opts.empty_tables =
        crate::kinds::trigger::rows::empty_tables(url, &cmp.right.schema, &probed).await;
    Ok(build_plan(
        &cmp.left.schema,
        &cmp.right.schema,
        &changes,
        &opts,
    )?)
}

/// What depends on each column of the live database (see [`crate::kinds::column::users`]), in
/// every schema the live model holds tables in.
async fn column_users(
    url: &crate::conn::DbUrl,
    schemas: &[String],
    live: &crate::model::Schema,
) -> Result<crate::kinds::column::users::ColumnUsers, crate::Error> {
    let mut read: Vec<String> = schemas.to_vec();
    for t in live.tables.keys() {
        if !read.contains(&t.schema) {
            read.push(t.schema.clone());
        }
    }
    let client = url.connect().await?;
    crate::kinds::column::users::read(&client, &read)
        .await
        .map_err(|e| {
            crate::Error::Other(format!(
                "reading what depends on each column: {}",
                crate::conn::describe_pg_error(&e, "")
            ))
        })
}

/// `--tz` must be a zone the server knows, or the conversions it spells fail only at apply time.
async fn check_time_zone(url: &crate::conn::DbUrl, tz: &str) -> Result<(), crate::Error> {
    let client = url.connect().await?;
    client
        .query_one("SELECT now() AT TIME ZONE $1", &[&tz])
        .await
        .map(|_| ())
        .map_err(|e| {
            crate::Error::Other(format!(
                "--tz {tz}: {} (use a name from pg_timezone_names, e.g. UTC or Europe/Berlin)",
                crate::conn::describe_pg_error(&e, "")
            ))
        })
}

/// Runs `pgdrift plan`; returns the exit code (0: plan written, whether or not it is empty).
pub async fn run(args: PlanArgs) -> Result<u8, crate::Error> {
    args.source.jobs.apply();
    if args.format == PlanFormat::Alembic {
        return super::alembic::run(&args).await;
    }
    if args.format == PlanFormat::Dbmate {
        return super::dbmate::run(&args).await;
    }
    for (given, flag) in [
        (args.alembic_dir.is_some(), "--alembic-dir"),
        (args.message.is_some(), "--message"),
        (args.revision.is_some(), "--revision"),
    ] {
        if given {
            return Err(crate::alembic::AlembicError::OnlyWithAlembic(flag).into());
        }
    }
    let target = crate::app::target(&args.source.db).await?;
    let dev = crate::app::dev_server(args.source.dev_url.as_deref())?;
    let (plan, cmp) = plan_for(
        &args.source.declared(),
        &target.url,
        dev.as_ref(),
        &args.source.db.selection(),
        &args.source.options(),
    )
    .await?;
    warn_missing_roles(&args.source, &cmp, &target.url).await?;
    let text = match args.format {
        PlanFormat::Sql | PlanFormat::Alembic | PlanFormat::Dbmate => render_sql(&plan),
        PlanFormat::Json => render_json(&plan),
        PlanFormat::Human => render_human(&plan, crate::color::stdout() && args.out.is_none()),
        PlanFormat::Html => html_page(&cmp, &plan),
    };
    crate::report::emit(args.out.as_deref(), &text)?;
    Ok(0)
}

/// The review page of a plan: the drift it resolves (after the declared ignore rules), then
/// the plan itself.
fn html_page(cmp: &crate::app::Comparison, plan: &Plan) -> String {
    let (changes, ignored) =
        crate::diff::apply_ignores(cmp.changes.clone(), &cmp.left.schema.ignore);
    let report = cmp.report(changes, ignored.len(), "plan");
    crate::html::render(&crate::html::Page {
        command: &report.title(),
        report: &report,
        plan: crate::html::PlanSection::Plan(plan),
        declared: &cmp.left.schema,
        live: &cmp.right.schema,
    })
}

/// Warns about each role the declared schema names that the target lacks.
pub(super) async fn warn_missing_roles(
    source: &PlanSourceArgs,
    cmp: &crate::app::Comparison,
    url: &crate::conn::DbUrl,
) -> Result<(), crate::Error> {
    for m in missing_roles(&source.declared(), &cmp.left.schema, url).await? {
        eprintln!(
            "warning: {m}; `apply` refuses this plan until the role exists\n  hint: {ROLE_HINT}"
        );
    }
    Ok(())
}

const ROLE_HINT: &str = "roles are cluster-wide and pgdrift never creates them: CREATE ROLE it on the target first (or leave grants out with --no-privileges, owners without --owners)";

/// A role that a declared grant, policy or owner names but the target lacks, and where it is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingRole {
    pub role: String,
    /// `path/schema.yaml:12:7`, or the schema file when the position is unknown.
    pub at: String,
}

impl std::fmt::Display for MissingRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: role {} does not exist on the target",
            self.at, self.role
        )
    }
}

/// The roles the declared (normalized) `schema` names that do not exist on the database at
/// `url`, each with the file:line of its first mention in the declared files.
pub async fn missing_roles(
    declared: &crate::app::Source,
    schema: &crate::model::Schema,
    url: &crate::conn::DbUrl,
) -> Result<Vec<MissingRole>, crate::Error> {
    let wanted = crate::kinds::privilege::roles(schema);
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let client = url.connect().await?;
    let missing = crate::kinds::privilege::missing_roles(&client, &wanted)
        .await
        .map_err(|e| crate::Error::Other(e.to_string()))?;
    if missing.is_empty() {
        return Ok(Vec::new());
    }
    let (sources, file) = match declared {
        crate::app::Source::Declared {
            schema_file,
            views_dir,
        } => (
            crate::load::load_project(schema_file, views_dir)
                .ok()
                .map(|d| d.sources),
            schema_file.display().to_string(),
        ),
        other => (None, other.label()),
    };
    Ok(missing
        .into_iter()
        .map(|role| {
            let key = crate::load::ObjectKey::Role(role.clone());
            let at = sources
                .as_ref()
                .and_then(|s| s.get(&key))
                .map(|l| l.to_string())
                .unwrap_or_else(|| file.clone());
            MissingRole { role, at }
        })
        .collect())
}

/// `apply`'s refusal: nothing ran, every missing role is named with its declaration.
pub fn missing_roles_error(missing: &[MissingRole]) -> crate::Error {
    let lines: Vec<String> = missing.iter().map(|m| format!("  {m}")).collect();
    crate::Error::Other(format!(
        "refusing to apply: the declared grants, policies or owners name role(s) that do not exist on the target; nothing was run:\n{}\n  hint: {ROLE_HINT}",
        lines.join("\n")
    ))
}
