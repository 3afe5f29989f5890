//! Finding server binaries of an exact major on this machine or in pgdrift's cache.
//!
//! Order for major N: `PG_BIN`, `PG_BIN_<N>`, `/usr/lib/postgresql/<N>/bin`, `pg_config
//! --bindir`, the real directory of `initdb` on `PATH`, then the cache
//! (`<cache>/postgres/<N>-<platform>/bin`). Every candidate is verified by running `postgres
//! --version`: a directory of another major is skipped (and named in the error), because its
//! deparsed SQL would differ from the target's.

use std::path::{Path, PathBuf};

use super::{platform, PostgresError};
use crate::ephemeral;

/// A directory holding `initdb`, `pg_ctl` and `postgres` of one major.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinDir {
    pub dir: PathBuf,
    pub major: u32,
}

/// Where installed majors live, most preferred first: `$PGDRIFT_CACHE_DIR/postgres` (or
/// `~/.cache/pgdrift/postgres`), and for root without `PGDRIFT_CACHE_DIR` also
/// `/var/cache/pgdrift/postgres`, used when the home cache is not reachable by the unprivileged
/// user the server runs as. An explicit `PGDRIFT_CACHE_DIR` is the only cache.
pub fn cache_roots() -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = crate::app::default_cache_dir()
        .map(|d| d.join("postgres"))
        .into_iter()
        .collect();
    if system_root_applies() {
        let system = PathBuf::from(SYSTEM_ROOT);
        if !roots.contains(&system) {
            roots.push(system);
        }
    }
    roots
}

/// The cache for root when `~/.cache` is private (`/root` is usually mode 0700).
pub const SYSTEM_ROOT: &str = "/var/cache/pgdrift/postgres";

/// Root, and no explicit cache: [`SYSTEM_ROOT`] is a cache root too.
pub(crate) fn system_root_applies() -> bool {
    is_root() && std::env::var_os("PGDRIFT_CACHE_DIR").is_none_or(|d| d.is_empty())
}

pub(crate) fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// `<root>/<major>-<platform>`: one installed major.
pub fn install_dir(root: &Path, major: u32) -> Result<PathBuf, PostgresError> {
    Ok(root.join(format!("{major}-{}", platform()?)))
}

/// Server binaries of exactly `major`, or `NotFound` naming what was looked at.
pub fn find_major(major: u32) -> Result<BinDir, PostgresError> {
    let mut looked = Vec::new();
    let mut candidates: Vec<(String, PathBuf)> = Vec::new();
    for var in ["PG_BIN".to_string(), format!("PG_BIN_{major}")] {
        if let Some(v) = std::env::var_os(&var).filter(|v| !v.is_empty()) {
            let dir = PathBuf::from(v);
            candidates.push((format!("{var}={}", dir.display()), dir));
        }
    }
    let debian = PathBuf::from(format!("/usr/lib/postgresql/{major}/bin"));
    candidates.push((debian.display().to_string(), debian));
    if let Some(dir) = ephemeral::pg_config_bindir() {
        candidates.push((format!("pg_config --bindir ({})", dir.display()), dir));
    }
    if let Some(dir) = initdb_on_path() {
        candidates.push((format!("initdb on PATH ({})", dir.display()), dir));
    }
    for root in cache_roots() {
        let dir = install_dir(&root, major)?.join("bin");
        candidates.push((dir.display().to_string(), dir));
    }
    for (label, dir) in candidates {
        match ephemeral::usable(&dir) {
            Some((dir, v)) if v == major => return Ok(BinDir { dir, major }),
            Some((_, v)) => looked.push(format!("{label} is PostgreSQL {v}")),
            None if label.contains('=') || label.starts_with("pg_config") => looked.push(format!(
                "{label} has no working initdb, pg_ctl and postgres"
            )),
            None => {}
        }
    }
    if let Some(root) = cache_roots().first() {
        looked.push(format!(
            "cache {} (nothing installed)",
            install_dir(root, major)?.display()
        ));
    }
    Err(PostgresError::NotFound { major, looked })
}

/// The real directory of `initdb` on `PATH` (resolving `/usr/local/bin/initdb -> ...`).
fn initdb_on_path() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|entry| {
        let initdb = entry.join("initdb");
        if !ephemeral::is_executable(&initdb) {
            return None;
        }
        std::fs::canonicalize(&initdb)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
    })
}

/// The newest major installed in the cache, for a cluster nothing pins to a major when the
/// machine has no server binaries of its own.
pub fn find_any() -> Option<BinDir> {
    let mut best: Option<BinDir> = None;
    for (major, dir) in installed() {
        if best.as_ref().is_none_or(|b| major > b.major) {
            if let Some((dir, v)) = ephemeral::usable(&dir.join("bin")) {
                best = Some(BinDir { dir, major: v });
            }
        }
    }
    best
}

/// What [`find_any`] looked at, for its error.
pub fn looked_any() -> Vec<String> {
    cache_roots()
        .iter()
        .map(|r| format!("cache {}", r.display()))
        .collect()
}

/// Every installed major in the cache roots for this platform: `(major, install dir)`, by major.
pub fn installed() -> Vec<(u32, PathBuf)> {
    let Ok(suffix) = platform().map(|p| format!("-{p}")) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for root in cache_roots() {
        let Ok(entries) = std::fs::read_dir(&root) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(major) = name.strip_suffix(&suffix).and_then(|m| m.parse().ok()) {
                found.push((major, e.path()));
            }
        }
    }
    found.sort();
    found
}
