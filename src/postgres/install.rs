//! Installing one major into the cache: download into a hidden staging folder next to the final
//! one, unpack `package/native/` (no script of the package is run), create the library symlinks
//! `native/pg-symlinks.json` lists (npm tarballs cannot carry symlinks), check that `postgres
//! --version` runs and is the major asked for, then rename the staging folder into place. A
//! rename within one folder is atomic, so a killed install leaves only a `.staging-*` folder that
//! discovery never looks at and the next install sweeps.

use std::io;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::discover::{self, install_dir, BinDir};
use super::npm::{self, Release};
use super::{io_err, platform, PostgresError};

const STAGING_PREFIX: &str = ".staging-";
/// Staging folders older than this belong to a killed install.
const STALE_AFTER: Duration = Duration::from_secs(3600);
/// What pgdrift writes next to `bin/` to say what it installed.
const MARKER: &str = "pgdrift-install.json";

/// Where to install from and into.
#[derive(Debug, Clone)]
pub struct Options {
    pub registry: String,
    pub root: PathBuf,
    /// Show a progress bar (on a terminal) and one line per step on stderr.
    pub progress: bool,
}

impl Options {
    /// `$PGDRIFT_NPM_REGISTRY` and the first cache root the server user can reach.
    pub fn from_env() -> Options {
        Options {
            registry: npm::registry(),
            root: install_root(),
            progress: true,
        }
    }
}

/// The cache root installs go to: the user's cache, or for root [`discover::SYSTEM_ROOT`] when
/// the home cache is not traversable by others (the server runs as an unprivileged user and
/// must be able to execute the binaries).
pub fn install_root() -> PathBuf {
    let roots = discover::cache_roots();
    let first = roots
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from(discover::SYSTEM_ROOT));
    if discover::system_root_applies() && !world_traversable(&first) {
        return PathBuf::from(discover::SYSTEM_ROOT);
    }
    first
}

/// Whether every existing ancestor of `dir` has the "others may search" bit.
fn world_traversable(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    dir.ancestors()
        .filter_map(|d| std::fs::metadata(d).ok())
        .all(|m| m.mode() & 0o001 != 0)
}

/// One installed major.
#[derive(Debug, Clone)]
pub struct Installed {
    pub bins: BinDir,
    pub version: String,
    /// False when it was already installed (nothing was downloaded).
    pub downloaded: bool,
}

/// Installs the newest `@embedded-postgres/<platform>` release of `major` into `opts.root`
/// (nothing is downloaded when that major is already installed there).
pub fn install(major: u32, opts: &Options) -> Result<Installed, PostgresError> {
    if !super::SUPPORTED.contains(&major) {
        return Err(PostgresError::Unsupported(major));
    }
    let platform = platform()?;
    let dest = install_dir(&opts.root, major)?;
    if let Some(done) = already(&dest, major) {
        return Ok(done);
    }
    std::fs::create_dir_all(&opts.root)
        .map_err(io_err(format!("creating {}", opts.root.display())))?;
    set_mode(&opts.root, 0o755);
    sweep_stale(&opts.root);
    let release = npm::resolve(&opts.registry, platform, major)?;
    say(
        opts,
        &format!(
            "downloading {}@{} ({})",
            release.package, release.version, release.tarball
        ),
    );
    let staging = opts.root.join(format!(
        "{STAGING_PREFIX}{major}-{}-{}",
        std::process::id(),
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    let result = stage(&release, &staging, major, opts).and_then(|()| {
        match std::fs::rename(&staging, &dest) {
            Ok(()) => Ok(()),
            // Another process installed it meanwhile: theirs is as good as ours.
            Err(_) if already(&dest, major).is_some() => Ok(()),
            Err(e) => Err(io_err(format!(
                "moving the install into {}",
                dest.display()
            ))(e)),
        }
    });
    let _ = std::fs::remove_dir_all(&staging);
    result?;
    let bins = already(&dest, major).ok_or_else(|| PostgresError::Broken {
        dir: dest.clone(),
        reason: "missing after install".into(),
    })?;
    say(
        opts,
        &format!(
            "installed PostgreSQL {} in {}",
            release.version,
            dest.display()
        ),
    );
    Ok(Installed {
        downloaded: true,
        ..bins
    })
}

fn say(opts: &Options, line: &str) {
    if opts.progress {
        eprintln!("pgdrift: {line}");
    }
}

/// An existing, working install of `major` in `dest`.
fn already(dest: &Path, major: u32) -> Option<Installed> {
    let (dir, v) = crate::ephemeral::usable(&dest.join("bin"))?;
    (v == major).then(|| Installed {
        bins: BinDir { dir, major },
        version: read_marker(dest).unwrap_or_default(),
        downloaded: false,
    })
}

fn read_marker(dest: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dest.join(MARKER)).ok()?;
    let doc: serde_json::Value = serde_json::from_str(&text).ok()?;
    doc.get("version")?.as_str().map(str::to_string)
}

/// Downloads, verifies and unpacks `release` into `staging`, and checks that it runs.
fn stage(
    release: &Release,
    staging: &Path,
    major: u32,
    opts: &Options,
) -> Result<(), PostgresError> {
    std::fs::create_dir(staging).map_err(io_err(format!("creating {}", staging.display())))?;
    set_mode(staging, 0o755);
    let tgz = staging.join("package.tgz");
    let bar = progress_bar(opts);
    npm::download(release, &tgz, &mut |done, total| {
        if let Some(t) = total {
            bar.set_length(t);
        }
        bar.set_position(done);
    })?;
    bar.finish_and_clear();
    say(
        opts,
        &format!(
            "verified {} ({})",
            release.integrity.get(..20).unwrap_or(""),
            release.version
        ),
    );
    unpack(&tgz, staging, &release.tarball)?;
    std::fs::remove_file(&tgz).map_err(io_err(format!("removing {}", tgz.display())))?;
    make_symlinks(staging, &release.tarball)?;
    match crate::ephemeral::usable(&staging.join("bin")) {
        Some((_, v)) if v == major => {}
        Some((_, v)) => {
            return Err(PostgresError::Archive {
                tarball: release.tarball.clone(),
                reason: format!("it holds PostgreSQL {v}, not {major}"),
            })
        }
        None => {
            return Err(PostgresError::Broken {
                dir: staging.to_path_buf(),
                reason: "bin/postgres --version failed".into(),
            })
        }
    }
    let marker = serde_json::json!({
        "package": release.package,
        "version": release.version,
        "tarball": release.tarball,
        "integrity": release.integrity,
    });
    std::fs::write(staging.join(MARKER), format!("{marker:#}\n")).map_err(io_err(format!(
        "writing {}",
        staging.join(MARKER).display()
    )))
}

fn progress_bar(opts: &Options) -> indicatif::ProgressBar {
    if !opts.progress {
        return indicatif::ProgressBar::hidden();
    }
    // indicatif draws nothing when stderr is not a terminal (CI logs stay clean).
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "  {bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Unpacks the regular files and folders under `package/native/` of the tarball into `into`
/// (without the `package/native/` prefix); anything else in the package is left out.
fn unpack(tgz: &Path, into: &Path, tarball: &str) -> Result<(), PostgresError> {
    let bad = |reason: String| PostgresError::Archive {
        tarball: tarball.to_string(),
        reason,
    };
    let file = std::fs::File::open(tgz).map_err(io_err(format!("opening {}", tgz.display())))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    archive.set_preserve_permissions(true);
    let entries = archive.entries().map_err(|e| bad(e.to_string()))?;
    let mut files = 0usize;
    for entry in entries {
        let mut entry = entry.map_err(|e| bad(e.to_string()))?;
        let path = entry.path().map_err(|e| bad(e.to_string()))?.into_owned();
        let Ok(rel) = path.strip_prefix("package/native") else {
            continue;
        };
        if rel.as_os_str().is_empty() {
            continue;
        }
        if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(bad(format!("unsafe path {}", path.display())));
        }
        let kind = entry.header().entry_type();
        let dest = into.join(rel);
        if kind.is_dir() {
            mkdirs(&dest)?;
        } else if kind.is_file() {
            if let Some(parent) = dest.parent() {
                mkdirs(parent)?;
            }
            entry
                .unpack(&dest)
                .map_err(|e| bad(format!("{}: {e}", path.display())))?;
            files += 1;
        }
    }
    if files == 0 {
        return Err(bad("no files under package/native/".into()));
    }
    Ok(())
}

fn mkdirs(dir: &Path) -> Result<(), PostgresError> {
    std::fs::create_dir_all(dir).map_err(io_err(format!("creating {}", dir.display())))?;
    set_mode(dir, 0o755);
    Ok(())
}

/// Best effort: readable and searchable by the unprivileged user the server may run as.
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
}

#[derive(serde::Deserialize)]
struct Link {
    source: String,
    target: String,
}

/// Creates the symlinks `pg-symlinks.json` lists (`native/lib/libpq.so.5` -> `libpq.so.5.17`),
/// relative to their folder as the package's own script does, so the folder can move.
fn make_symlinks(root: &Path, tarball: &str) -> Result<(), PostgresError> {
    let bad = |reason: String| PostgresError::Archive {
        tarball: tarball.to_string(),
        reason,
    };
    let list = root.join("pg-symlinks.json");
    let text = match std::fs::read_to_string(&list) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_err(format!("reading {}", list.display()))(e)),
    };
    let links: Vec<Link> =
        serde_json::from_str(&text).map_err(|e| bad(format!("pg-symlinks.json: {e}")))?;
    for link in links {
        let rel = |p: &str| -> Result<PathBuf, PostgresError> {
            let rel = Path::new(p)
                .strip_prefix("native")
                .unwrap_or(Path::new(p))
                .to_path_buf();
            if rel.components().all(|c| matches!(c, Component::Normal(_))) {
                Ok(rel)
            } else {
                Err(bad(format!("pg-symlinks.json: unsafe path {p}")))
            }
        };
        let (source, target) = (rel(&link.source)?, rel(&link.target)?);
        if source.parent() != target.parent() {
            return Err(bad(format!(
                "pg-symlinks.json: {} and {} are in different folders",
                link.source, link.target
            )));
        }
        let Some(name) = source.file_name() else {
            continue;
        };
        let at = root.join(&target);
        match std::os::unix::fs::symlink(name, &at) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(io_err(format!("linking {}", at.display()))(e)),
        }
    }
    Ok(())
}

/// Removes staging folders of installs killed more than an hour ago.
fn sweep_stale(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for e in entries.flatten() {
        let stale = e.file_name().to_string_lossy().starts_with(STAGING_PREFIX)
            && e.metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > STALE_AFTER);
        if stale {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// `pgdrift postgres list`: every installed major, with its version and folder size.
pub fn list() -> Vec<(Installed, u64)> {
    discover::installed()
        .into_iter()
        .filter_map(|(major, dir)| {
            let found = already(&dir, major)?;
            Some((found, dir_size(&dir)))
        })
        .collect()
}

fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map(|m| m.len()).unwrap_or(0),
            _ => 0,
        })
        .sum()
}
