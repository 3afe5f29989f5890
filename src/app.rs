//! The commands, as library functions: the binary parses arguments and prints; everything that
//! touches a database or a file happens here.

use std::path::{Path, PathBuf};

use crate::conn::{describe_pg_error, resolve_db_arg, DbUrl};
use crate::diff::{self, Change};
use crate::error::Error;
use crate::introspect::{introspect, IntrospectOptions};
use crate::load::{self, Declared};
use crate::model::Schema;
use crate::normalize::{self, DevServer, Scratch};

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
pub struct Resolved {
    pub schema: Schema,
    pub major: Option<u32>,
    pub label: String,
}

pub fn default_schemas(schemas: &[String]) -> Vec<String> {
    if schemas.is_empty() {
        vec![crate::model::DEFAULT_SCHEMA.to_string()]
    } else {
        schemas.to_vec()
    }
}

/// Reads a live database into the model.
pub async fn read_db(url: &DbUrl, schemas: &[String]) -> Result<Resolved, Error> {
    let client = url.connect().await?;
    let major = crate::conn::server_major(&client)
        .await
        .map_err(|e| Error::Other(format!("{}: {}", url.redacted(), describe_pg_error(&e, ""))))?;
    let schema = introspect(
        &client,
        &IntrospectOptions {
            schemas: default_schemas(schemas),
        },
    )
    .await?;
    Ok(Resolved {
        schema,
        major: Some(major),
        label: url.redacted(),
    })
}

/// `pgdrift inspect`: writes schema.yaml and views/*.sql describing a live database.
pub async fn inspect(url: &DbUrl, schemas: &[String], out: &Path) -> Result<Resolved, Error> {
    let resolved = read_db(url, schemas).await?;
    crate::write::write_project(&resolved.schema, out).map_err(|e| Error::Io {
        path: out.to_path_buf(),
        source: e,
    })?;
    Ok(resolved)
}

/// `pgdrift snapshot`: one YAML file holding the normalized model (views inline) and the major
/// version that printed it.
pub async fn snapshot(url: &DbUrl, schemas: &[String], out: &Path) -> Result<Resolved, Error> {
    let mut resolved = read_db(url, schemas).await?;
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

/// Compares `left` (the declared side) with `right` (the live side). Declared sources are
/// normalized in a scratch database on `dev` (default: the right side's server when it is a
/// database, else a throw-away cluster).
pub async fn compare(
    left: &Source,
    right: &Source,
    dev: Option<&DevServer>,
    schemas: &[String],
) -> Result<Comparison, Error> {
    let needs_scratch =
        matches!(left, Source::Declared { .. }) || matches!(right, Source::Declared { .. });
    let dev = match (dev, right) {
        (Some(d), _) => d.clone(),
        (None, Source::Db(url)) => DevServer::Url(url.clone()),
        (None, _) => match left {
            Source::Db(url) => DevServer::Url(url.clone()),
            _ => DevServer::Ephemeral,
        },
    };
    // Load declared files before touching any server, so bad input fails fast and changes nothing.
    let left_declared = load_if_declared(left)?;
    let right_declared = load_if_declared(right)?;
    let scratch = if needs_scratch {
        Some(Scratch::create(&dev).await?)
    } else {
        None
    };
    let result = compare_in(
        left,
        right,
        left_declared.as_ref(),
        right_declared.as_ref(),
        scratch.as_ref(),
        schemas,
    )
    .await;
    if let Some(s) = scratch {
        s.drop_now().await;
    }
    result
}

fn load_if_declared(source: &Source) -> Result<Option<Declared>, Error> {
    match source {
        Source::Declared {
            schema_file,
            views_dir,
        } => Ok(Some(load::load_project(schema_file, views_dir)?)),
        _ => Ok(None),
    }
}

async fn resolve(
    source: &Source,
    declared: Option<&Declared>,
    scratch: Option<&Scratch>,
    schemas: &[String],
) -> Result<Resolved, Error> {
    match (source, declared, scratch) {
        (Source::Db(url), _, _) => read_db(url, schemas).await,
        (Source::Snapshot(path), _, _) => {
            let schema = load::load_snapshot(path)?;
            Ok(Resolved {
                major: schema.postgres,
                schema,
                label: source.label(),
            })
        }
        (Source::Declared { .. }, Some(declared), Some(scratch)) => {
            let schema = normalize::normalize(declared, scratch).await?;
            Ok(Resolved {
                schema,
                major: Some(scratch.major),
                label: source.label(),
            })
        }
        (Source::Declared { .. }, _, _) => Err(Error::Other(
            "internal: declared source without a scratch database".into(),
        )),
    }
}

async fn compare_in(
    left: &Source,
    right: &Source,
    left_declared: Option<&Declared>,
    right_declared: Option<&Declared>,
    scratch: Option<&Scratch>,
    schemas: &[String],
) -> Result<Comparison, Error> {
    let mut l = resolve(left, left_declared, scratch, schemas).await?;
    let mut r = resolve(right, right_declared, scratch, schemas).await?;
    if let Some(scratch) = scratch {
        // Text deparsed by one major version is only comparable with text from the same one.
        for side in [&l, &r] {
            if let Some(major) = side.major {
                normalize::check_versions(scratch.major, major)?;
            }
        }
        normalize::settle_view_fixpoints(scratch, &mut l.schema, &mut r.schema).await;
    } else if let (Some(a), Some(b)) = (l.major, r.major) {
        normalize::check_versions(a, b)?;
    }
    normalize::canonicalize_equivalents(&mut l.schema);
    normalize::canonicalize_equivalents(&mut r.schema);
    let changes = diff::diff(&l.schema, &r.schema);
    Ok(Comparison {
        normalizer_major: scratch.map(|s| s.major),
        left: l,
        right: r,
        changes,
    })
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

/// `--db` and `--schema`, shared by every command that reads a database.
#[derive(clap::Args, Clone, Debug)]
pub struct DbArgs {
    /// Database URL (or `ephemeral`). Default: $DATABASE_URL, then DATABASE_URL in ./.env.
    #[arg(long, value_name = "URL")]
    pub db: Option<String>,
    /// Schemas to read (repeatable). Default: public.
    #[arg(long = "schema", value_name = "NAME")]
    pub schemas: Vec<String>,
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

