//! The commands, as library functions: the binary parses arguments and prints; everything that
//! touches a database or a file happens here.

use std::path::{Path, PathBuf};

use crate::conn::{describe_pg_error, resolve_db_arg, DbUrl};
use crate::diff::{self, Change};
use crate::error::Error;
use crate::introspect::{introspect, IntrospectOptions};
use crate::load;
use crate::model::Schema;
use crate::normalize::{self, cache, DevServer};

mod scratch;
pub(crate) use scratch::LazyScratch;
pub use scratch::Normalized;

/// Something a schema can be read from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A live database.
    Db(DbUrl),
    /// A snapshot file written by `pgdrift snapshot` (already normalized).
    Snapshot(PathBuf),
    /// A declared project: schema.yaml + views/.
    Declared {
        schema_file: PathBuf,
        views_dir: PathBuf,
    },
}

impl Source {
    /// Reads a `diff` argument: a URL, a `.yaml`/`.yml` snapshot or schema file, or a folder
    /// holding schema.yaml (+ views/).
    pub fn from_arg(arg: &str) -> Result<Source, Error> {
        if arg.contains("://") {
            return Ok(Source::Db(DbUrl::parse(arg)?));
        }
        let path = PathBuf::from(arg);
        if path.is_dir() {
            return Ok(Source::Declared {
                schema_file: path.join("schema.yaml"),
                views_dir: path.join("views"),
            });
        }
        if !path.exists() {
            return Err(Error::Other(format!("{arg}: no such file or folder (expected a database URL, a snapshot file or a project folder)")));
        }
        if is_snapshot_file(&path) {
            Ok(Source::Snapshot(path))
        } else {
            let views_dir = path.parent().unwrap_or(Path::new(".")).join("views");
            Ok(Source::Declared {
                schema_file: path,
                views_dir,
            })
        }
    }

    pub fn label(&self) -> String {
        match self {
            Source::Db(url) => url.redacted(),
            Source::Snapshot(p) => p.display().to_string(),
            Source::Declared {
                schema_file,
                views_dir,
            } => {
                format!("{} + {}", schema_file.display(), views_dir.display())
            }
        }
    }
}

/// A schema read from a source, with the PostgreSQL major version that printed its SQL text.
#[derive(Clone)]
pub struct Resolved {
    pub schema: Schema,
    pub major: Option<u32>,
    pub label: String,
    /// The exact schemas read, for a database source (empty otherwise).
    pub schemas_read: Vec<String>,
}

/// Reads a live database into the model: every user schema (like pg_dump), or those the
/// selection patterns name (see [`crate::kinds::schema::catalog`]).
pub async fn read_db(url: &DbUrl, schemas: &[String]) -> Result<Resolved, Error> {
    read_db_with(url, schemas, false).await
}

/// [`read_db`], with `--owners`: the owner of every object too (see [`crate::kinds::owner`]).
pub async fn read_db_with(
    url: &DbUrl,
    schemas: &[String],
    owners: bool,
) -> Result<Resolved, Error> {
    let _progress = crate::progress::Progress::start(format!("reading {}", url.redacted()), None);
    read_db_silently(url, schemas, owners).await
}

/// [`read_db_with`] without its progress line (a fleet shows one line for all its reads).
pub(crate) async fn read_db_silently(
    url: &DbUrl,
    schemas: &[String],
    owners: bool,
) -> Result<Resolved, Error> {
    let client = url.connect().await?;
    let major = crate::conn::server_major(&client)
        .await
        .map_err(|e| Error::Other(format!("{}: {}", url.redacted(), describe_pg_error(&e, ""))))?;
    let schemas = crate::kinds::schema::catalog::resolve(&client, schemas).await?;
    let mut schema = introspect(
        &client,
        &IntrospectOptions {
            schemas: schemas.clone(),
        },
    )
    .await?;
    if owners {
        crate::kinds::owner::catalog::read(&client, &schemas, &mut schema).await?;
    }
    Ok(Resolved {
        schema,
        major: Some(major),
        label: url.redacted(),
        schemas_read: schemas,
    })
}

/// What `inspect` and `snapshot` leave out or add, beyond the schema selection.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// `--no-privileges`: no grants written.
    pub no_privileges: bool,
    /// `--owners`: `owner:` (the most common owner) and `owners:` (the others) written.
    pub owners: bool,
}

/// `pgdrift inspect`: writes schema.yaml and views/*.sql describing a live database.
pub async fn inspect(url: &DbUrl, schemas: &[String], out: &Path) -> Result<Resolved, Error> {
    inspect_with(url, schemas, out, false).await
}

/// [`inspect`], with `--no-privileges`: no grants written.
pub async fn inspect_with(
    url: &DbUrl,
    schemas: &[String],
    out: &Path,
    no_privileges: bool,
) -> Result<Resolved, Error> {
    let options = WriteOptions {
        no_privileges,
        owners: false,
    };
    inspect_with_options(url, schemas, out, options).await
}

/// Reads the database as `inspect` and `snapshot` write it.
async fn read_for_writing(
    url: &DbUrl,
    schemas: &[String],
    options: WriteOptions,
) -> Result<Resolved, Error> {
    let mut resolved = read_db_with(url, schemas, options.owners).await?;
    if options.no_privileges {
        crate::kinds::privilege::strip(&mut resolved.schema);
    }
    crate::kinds::owner::compress(&mut resolved.schema);
    Ok(resolved)
}

/// [`inspect`] with every option.
pub async fn inspect_with_options(
    url: &DbUrl,
    schemas: &[String],
    out: &Path,
    options: WriteOptions,
) -> Result<Resolved, Error> {
    let resolved = read_for_writing(url, schemas, options).await?;
    crate::write::write_project(&resolved.schema, out).map_err(|e| Error::Io {
        path: out.to_path_buf(),
        source: e,
    })?;
    Ok(resolved)
}

/// `pgdrift snapshot`: one YAML file holding the normalized model (views inline) and the major
/// version that printed it.
pub async fn snapshot(url: &DbUrl, schemas: &[String], out: &Path) -> Result<Resolved, Error> {
    snapshot_with(url, schemas, out, false).await
}

/// [`snapshot`], with `--no-privileges`: no grants stored.
pub async fn snapshot_with(
    url: &DbUrl,
    schemas: &[String],
    out: &Path,
    no_privileges: bool,
) -> Result<Resolved, Error> {
    let options = WriteOptions {
        no_privileges,
        owners: false,
    };
    snapshot_with_options(url, schemas, out, options).await
}

/// [`snapshot`] with every option.
pub async fn snapshot_with_options(
    url: &DbUrl,
    schemas: &[String],
    out: &Path,
    options: WriteOptions,
) -> Result<Resolved, Error> {
    let mut resolved = read_for_writing(url, schemas, options).await?;
    resolved.schema.postgres = resolved.major;
    let text = snapshot_yaml(&resolved.schema)?;
    if let Some(parent) = out.parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(|e| Error::Io {
                path: parent.to_path_buf(),
                source: e,
            })?;
        }
    }
    std::fs::write(out, text).map_err(|e| Error::Io {
        path: out.to_path_buf(),
        source: e,
    })?;
    Ok(resolved)
}

/// The outcome of comparing a declared (or any) source with another.
pub struct Comparison {
    pub left: Resolved,
    pub right: Resolved,
    pub changes: Vec<Change>,
    pub normalizer_major: Option<u32>,
}

impl Comparison {
    /// The report of `changes` (this comparison's, filtered), `ignored` of them hidden by ignore
    /// rules, titled after the subcommand (`check`, `diff`, `plan`).
    pub fn report(
        &self,
        changes: Vec<Change>,
        ignored: usize,
        command: &str,
    ) -> crate::report::Report {
        crate::report::Report {
            changes,
            ignored,
            declared_source: self.left.label.clone(),
            live_source: self.right.label.clone(),
            server_version: self.right.major.map(|m| m.to_string()),
            normalizer_version: self
                .normalizer_major
                .or(self.left.major)
                .map(|m| m.to_string()),
            command: command.to_string(),
        }
    }
}

/// Options of a comparison beyond its two sources.
#[derive(Debug, Clone, Default)]
pub struct CompareOptions {
    /// Where normalized declared schemas are cached, keyed by the declared text and the
    /// normalizing server's major version. `None` normalizes every time.
    pub cache_dir: Option<PathBuf>,
    /// `--no-privileges`: grants are left out of both sides before comparing.
    pub no_privileges: bool,
    /// `--owners`: owners are read and compared (without it, declared ones are ignored).
    pub owners: bool,
    /// Role patterns of `--ignore role:PATTERN=REASON`: like schema.yaml's `kind: role` rules,
    /// their grants and owners are left out of both sides before comparing.
    pub ignore_roles: Vec<String>,
}

/// Compares `left` (the declared side) with `right` (the live side). Declared sources are
/// normalized in a scratch database on `dev` (default: the right side's server when it is a
/// database, else a throw-away cluster).
pub async fn compare(
    left: &Source,
    right: &Source,
    dev: Option<&DevServer>,
    schemas: &[String],
) -> Result<Comparison, Error> {
    compare_with(left, right, dev, schemas, &CompareOptions::default()).await
}

/// [`compare`] with options (the CLI turns the normalization cache on).
pub async fn compare_with(
    left: &Source,
    right: &Source,
    dev: Option<&DevServer>,
    schemas: &[String],
    options: &CompareOptions,
) -> Result<Comparison, Error> {
    let (cmp, kept) = compare_scratch(None, false, left, right, dev, schemas, options).await?;
    kept.drop_now().await;
    Ok(cmp)
}

/// [`compare_with`], handing back the declared side's normalization ([`Normalized`]). With
/// `again` (what an earlier comparison of the same declared files handed back), the declared
/// side is not normalized anew.
pub async fn compare_keeping(
    again: Option<Normalized>,
    left: &Source,
    right: &Source,
    dev: Option<&DevServer>,
    schemas: &[String],
    options: &CompareOptions,
) -> Result<(Comparison, Normalized), Error> {
    compare_scratch(again, true, left, right, dev, schemas, options).await
}

/// [`compare_keeping`]; `keep`: whether the handed-back [`Normalized`] keeps a copy of the
/// declared side for another comparison (a copy of the whole model, so only when asked).
async fn compare_scratch(
    again: Option<Normalized>,
    keep: bool,
    left: &Source,
    right: &Source,
    dev: Option<&DevServer>,
    schemas: &[String],
    options: &CompareOptions,
) -> Result<(Comparison, Normalized), Error> {
    let dev = match (dev, right) {
        (Some(d), _) => d.clone(),
        (None, Source::Db(url)) => DevServer::Url(url.clone()),
        (None, _) => match left {
            Source::Db(url) => DevServer::Url(url.clone()),
            _ => DevServer::Ephemeral,
        },
    };
    // A throw-away cluster runs the major of the side it is compared with, found or installed.
    let pin = match dev {
        DevServer::Ephemeral => pinned_major(left, right).await,
        DevServer::Url(_) => None,
    };
    // One scratch database per declared side: two declared projects cannot share one.
    let mut scratch = [
        again.map_or_else(|| LazyScratch::new(dev.clone(), pin), |n| n.0),
        LazyScratch::new(dev, pin),
    ];
    scratch.iter_mut().for_each(|s| s.keep = keep);
    let result = compare_in(left, right, &mut scratch, schemas, options).await;
    let [l, r] = scratch;
    // Only declared sides create one; of two declared sides, the left one is kept.
    let (kept, other) = if l.scratch.is_some() || r.scratch.is_none() {
        (l, r)
    } else {
        (r, l)
    };
    Normalized(other).drop_now().await;
    match result {
        Ok(cmp) => Ok((cmp, Normalized(kept))),
        Err(e) => {
            Normalized(kept).drop_now().await;
            Err(e)
        }
    }
}

/// The major a throw-away normalizer must run: that of the side that is not declared (a live
/// database's server, or the major a snapshot records). `None` when neither side pins one; a
/// database that cannot be reached is reported by the comparison itself.
pub async fn pinned_major(left: &Source, right: &Source) -> Option<u32> {
    for side in [right, left] {
        match side {
            Source::Db(url) => {
                let client = url.connect().await.ok()?;
                return crate::conn::server_major(&client).await.ok();
            }
            Source::Snapshot(path) => return snapshot_major(path),
            Source::Declared { .. } => {}
        }
    }
    None
}

/// The `postgres:` key of a snapshot, read without parsing the whole file.
pub fn snapshot_major(path: &Path) -> Option<u32> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("postgres:"))
        .and_then(|v| v.trim().trim_matches(['"', '\'']).parse().ok())
}

pub(crate) async fn resolve(
    source: &Source,
    lazy: &mut LazyScratch,
    schemas: &[String],
    options: &CompareOptions,
) -> Result<Resolved, Error> {
    match source {
        Source::Db(url) => read_db_with(url, schemas, options.owners).await,
        Source::Snapshot(path) => {
            let schema = load::load_snapshot(path)?;
            Ok(Resolved {
                major: schema.postgres,
                schema,
                label: source.label(),
                schemas_read: Vec::new(),
            })
        }
        Source::Declared {
            schema_file,
            views_dir,
        } => {
            if let (Some(done), Some(_)) = (&lazy.normalized, &lazy.scratch) {
                return Ok(done.clone());
            }
            if let Some(w) = load::empty_declaration_warning(schema_file, views_dir) {
                eprintln!("warning: {w}");
            }
            // The whole-project entry is keyed by the declared files' bytes, so an unchanged
            // project is not even parsed again (only successful normalizations are cached).
            let cache = match (
                &options.cache_dir,
                cache::project_bytes(schema_file, views_dir),
            ) {
                (Some(dir), Some(bytes)) => {
                    Some(cache::Entry::new(dir, &bytes, lazy.major().await?))
                }
                _ => None,
            };
            let cached = match &cache {
                Some(entry) => {
                    let path = entry.clone();
                    cache::off_thread(move || path.read()).await.flatten()
                }
                None => None,
            };
            if let Some(schema) = cached {
                cache::trace("normalized 0 objects (the whole project is cached)");
                return Ok(Resolved {
                    major: cache.as_ref().map(|c| c.major),
                    schema,
                    label: source.label(),
                    schemas_read: Vec::new(),
                });
            }
            // Bad input fails here, before any scratch database exists.
            let (file, dir) = (schema_file.clone(), views_dir.clone());
            let load = move || load::load_project(&file, &dir).map_err(Error::from);
            let declared = off_thread(load.clone()).await??;
            let schema = lazy
                .normalize(declared, load, options.cache_dir.as_deref())
                .await?;
            if let Some(entry) = &cache {
                entry.write(&schema);
            }
            let resolved = Resolved {
                schema,
                major: Some(lazy.get().await?.major),
                label: source.label(),
                schemas_read: Vec::new(),
            };
            if lazy.keep {
                lazy.normalized = Some(resolved.clone());
            }
            Ok(resolved)
        }
    }
}

/// [`cache::off_thread`]; a failed task is an error of pgdrift's own.
async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Error> {
    cache::off_thread(work)
        .await
        .ok_or_else(|| Error::Other("internal: a background task failed".into()))
}

async fn compare_in(
    left: &Source,
    right: &Source,
    scratch: &mut [LazyScratch; 2],
    schemas: &[String],
    options: &CompareOptions,
) -> Result<Comparison, Error> {
    let (l, r) = resolve_both(left, right, scratch, schemas, options).await?;
    compare_resolved(left, right, l, r, scratch, schemas, options).await
}

/// Both sides of a comparison. A declared side compared with a database is normalized while
/// the database is read: one waits on the scratch database (or parses files), the other on the
/// live catalog, so the two overlap instead of adding up. The declared side's error comes
/// first, as when the sides were read in turn; the live read, which changes nothing, is what
/// gets abandoned when the declared side fails.
async fn resolve_both(
    left: &Source,
    right: &Source,
    scratch: &mut [LazyScratch; 2],
    schemas: &[String],
    options: &CompareOptions,
) -> Result<(Resolved, Resolved), Error> {
    let [ls, rs] = scratch;
    // Read at once: a declared project (normalized while the database is read) or a second
    // database (`diff URL URL`: the two servers work side by side).
    let concurrent = matches!(
        (left, right),
        (Source::Declared { .. } | Source::Db(_), Source::Db(_))
    );
    if !concurrent {
        let l = resolve(left, ls, schemas, options).await?;
        let r = resolve(right, rs, schemas, options).await?;
        return Ok((l, r));
    }
    // On the heap: two resolutions side by side would otherwise overflow a small thread stack.
    let mut declared = Box::pin(resolve(left, ls, schemas, options));
    let mut live = Box::pin(resolve(right, rs, schemas, options));
    let mut read = None;
    loop {
        tokio::select! {
            // The left side first: its error ends the comparison at once, and is the one
            // reported when both fail, as when they are read one after the other.
            biased;
            l = &mut declared => {
                let l = l?;
                let r = match read.take() {
                    Some(r) => r,
                    None => live.await,
                };
                return Ok((l, r?));
            }
            r = &mut live, if read.is_none() => read = Some(r),
        }
    }
}

/// The comparison of two sources already read (`l` from `left`, `r` from `right`): fixpoints
/// settled, options applied, diffed.
pub(crate) async fn compare_resolved(
    left: &Source,
    right: &Source,
    mut l: Resolved,
    mut r: Resolved,
    scratch: &mut [LazyScratch; 2],
    schemas: &[String],
    options: &CompareOptions,
) -> Result<Comparison, Error> {
    let [left_scratch, right_scratch] = scratch;
    // The side whose scratch database settles fixpoints: the declared one (left by convention).
    let declared_side = if matches!(left, Source::Declared { .. }) {
        Some((left, &mut *left_scratch, true))
    } else if matches!(right, Source::Declared { .. }) {
        Some((right, &mut *right_scratch, false))
    } else {
        None
    };
    let mut normalizer_major = None;
    if let Some((source, scratch, is_left)) = declared_side {
        let dev = scratch.major().await?;
        normalizer_major = Some(dev);
        // Text deparsed by one major version is only comparable with text from the same one.
        for side in [&l, &r] {
            if let Some(major) = side.major {
                normalize::check_versions(dev, major)?;
            }
        }
        if deparsed_text_differs(&l.schema, &r.schema) {
            let (d, live) = if is_left { (&mut l, &r) } else { (&mut r, &l) };
            let dir = options.cache_dir.as_deref();
            let settle = cache::settle::Settle::new(dir, dev, &mut d.schema, &live.schema);
            // Settling needs what each object reads in the scratch database; a cached (or
            // incremental) normalization may not have created it, so then normalize for real.
            let enough = scratch.scratch.is_some()
                && settle.can_run_with(&scratch.present, &d.schema, &live.schema);
            if settle.misses() && !scratch.complete && !enough {
                let fresh = resolve(source, scratch, schemas, &CompareOptions::default()).await?;
                if is_left {
                    l = fresh;
                } else {
                    r = fresh;
                }
            }
            let s = match settle.misses() {
                true => Some(scratch.get().await?),
                false => None,
            };
            if is_left {
                settle.run(s, &mut l.schema, &mut r.schema).await;
            } else {
                settle.run(s, &mut r.schema, &mut l.schema).await;
            }
        }
    } else if let (Some(a), Some(b)) = (l.major, r.major) {
        normalize::check_versions(a, b)?;
    }
    if options.no_privileges {
        crate::kinds::privilege::strip(&mut l.schema);
        crate::kinds::privilege::strip(&mut r.schema);
    }
    let mut roles = crate::kinds::privilege::ignored_roles(&l.schema);
    roles.extend(crate::kinds::privilege::ignored_roles(&r.schema));
    roles.extend(options.ignore_roles.iter().cloned());
    for side in [&mut l.schema, &mut r.schema] {
        if options.owners {
            crate::kinds::owner::expand(side);
        } else {
            crate::kinds::owner::strip(side);
        }
        crate::kinds::privilege::without_roles(side, &roles);
        crate::kinds::owner::without_roles(side, &roles);
    }
    if !options.no_privileges {
        // Each side's default is its own server's (a declared side's is its normalizer's).
        let (lm, rm) = (l.major.or(normalizer_major), r.major.or(normalizer_major));
        crate::kinds::privilege::with_builtin_schema_grants(&mut l.schema, lm);
        crate::kinds::privilege::with_builtin_schema_grants(&mut r.schema, rm);
    }
    // Equivalent spellings compare equal, but each side keeps its own (plans emit the declared one).
    let changes = diff::diff(
        &normalize::with_canonical_equivalents(&l.schema),
        &normalize::with_canonical_equivalents(&r.schema),
    );
    Ok(Comparison {
        normalizer_major,
        left: l,
        right: r,
        changes,
    })
}

/// Whether some deparsed text (view body, check, default, index) differs between objects both
/// sides have: only then can a deparse fixpoint matter.
fn deparsed_text_differs(a: &Schema, b: &Schema) -> bool {
    let views = a.views.iter().any(|(name, v)| {
        b.views
            .get(name)
            .is_some_and(|o| o.definition != v.definition)
    });
    let tables = a.tables.iter().any(|(name, t)| {
        let Some(o) = b.tables.get(name) else {
            return false;
        };
        t.checks.iter().any(|(k, c)| {
            o.checks
                .get(k)
                .is_some_and(|x| x.expression != c.expression)
        }) || t.columns.iter().any(|(k, c)| {
            o.columns.get(k).is_some_and(|x| {
                x.default.is_some() && c.default.is_some() && x.default != c.default
            })
        }) || t
            .indexes
            .iter()
            .any(|(k, i)| o.indexes.get(k).is_some_and(|x| x != i))
    });
    views || tables
}

/// `$PGDRIFT_CACHE_DIR`, else `$XDG_CACHE_HOME/pgdrift`, else `~/.cache/pgdrift`.
pub fn default_cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PGDRIFT_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("pgdrift"));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache").join("pgdrift"))
}

/// `--db`, `--schema` and `--exclude-schema`, shared by every command that reads a database.
#[derive(clap::Args, Clone, Debug)]
pub struct DbArgs {
    /// Database URL (or `ephemeral`). Default: $DATABASE_URL, then DATABASE_URL in ./.env.
    #[arg(long, value_name = "URL")]
    pub db: Option<String>,
    /// Schemas to read (repeatable; `*` and `?` globs). Default: every schema that is not a
    /// system schema and not owned by an extension, as pg_dump reads them.
    #[arg(long = "schema", value_name = "PATTERN")]
    pub schemas: Vec<String>,
    /// Schemas to leave out (repeatable; globs), e.g. `--exclude-schema 'partman*'`.
    #[arg(long = "exclude-schema", value_name = "PATTERN")]
    pub exclude_schemas: Vec<String>,
    /// Leave privileges (grants and default privileges) out entirely, like pg_dump's flag: not
    /// compared, not planned, not in scripts. For projects that manage grants elsewhere.
    #[arg(long)]
    pub no_privileges: bool,
    /// Compare, plan and write object owners (schema.yaml's `owner:` and `owners:`; drift
    /// category `owner`; `plan` ends with ALTER ... OWNER TO). Without it, declared owners are
    /// accepted and ignored (their roles need not exist), and none are read. `squash` always
    /// leaves owners out.
    #[arg(long)]
    pub owners: bool,
}

impl DbArgs {
    /// The selection as the library takes it (see [`crate::kinds::schema::catalog`]).
    pub fn selection(&self) -> Vec<String> {
        crate::kinds::schema::catalog::selection(&self.schemas, &self.exclude_schemas)
    }
}

/// A database argument, possibly `ephemeral`: the throw-away cluster is kept alive for the
/// command's duration.
pub struct Target {
    pub url: DbUrl,
    _cluster: Option<crate::ephemeral::Ephemeral>,
}

pub async fn target(arg: &DbArgs) -> Result<Target, Error> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let raw = resolve_db_arg(arg.db.as_deref(), &cwd).ok_or(crate::conn::ConnError::Missing)?;
    if raw == "ephemeral" {
        let cluster = crate::ephemeral::Ephemeral::start().await?;
        return Ok(Target {
            url: DbUrl::parse(&cluster.url())?,
            _cluster: Some(cluster),
        });
    }
    Ok(Target {
        url: DbUrl::parse(&raw)?,
        _cluster: None,
    })
}

pub fn dev_server(arg: Option<&str>) -> Result<Option<DevServer>, Error> {
    match arg {
        None => Ok(None),
        Some("ephemeral") => Ok(Some(DevServer::Ephemeral)),
        Some(url) => Ok(Some(DevServer::Url(DbUrl::parse(url)?))),
    }
}

const SNAPSHOT_HEADER: &str =
    "# pgdrift snapshot: the normalized schema of a live database (pgdrift snapshot)\n";

/// A snapshot is the model itself, views inline, serialized to YAML.
pub fn snapshot_yaml(schema: &Schema) -> Result<String, Error> {
    let body = serde_saphyr::to_string(schema)
        .map_err(|e| Error::Other(format!("cannot serialize the snapshot: {e}")))?;
    Ok(format!("{SNAPSHOT_HEADER}{body}"))
}

/// Snapshots start with our header, or at least carry the `postgres:` version key.
pub fn is_snapshot_file(path: &Path) -> bool {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            text.starts_with("# pgdrift snapshot")
                || text.lines().any(|l| l.starts_with("postgres:"))
        }
        Err(_) => false,
    }
}
