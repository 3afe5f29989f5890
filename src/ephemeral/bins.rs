//! Which server binaries a throw-away cluster starts from: this machine's default ones (`PG_BIN`,
//! `pg_config --bindir`, `initdb` on `PATH`, `/usr/lib/postgresql/<newest>/bin`), or those of an
//! exact major through [`crate::postgres`] (found, or installed when the user allowed it).

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::EphemeralError;
use crate::postgres::NEWEST;

const REQUIRED_BINS: [&str; 3] = ["initdb", "pg_ctl", "postgres"];

/// Whether `p` is a file with an execute bit (shared with the pg_dump lookup in `witness`).
pub(crate) fn is_executable(p: &Path) -> bool {
    fs::metadata(p)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

fn has_server_bins(dir: &Path) -> bool {
    REQUIRED_BINS.iter().all(|b| is_executable(&dir.join(b)))
}

/// Runs `<dir>/postgres --version` and parses the major version (`postgres (PostgreSQL) 15.6 ...`).
pub(crate) fn probe_version(dir: &Path) -> Option<u32> {
    let out = Command::new(dir.join("postgres"))
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    parse_version_output(&String::from_utf8_lossy(&out.stdout))
}

/// The major version in the `--version` line of a PostgreSQL program (`postgres`, `pg_dump`).
pub(crate) fn parse_version_output(text: &str) -> Option<u32> {
    let ver = version_token(text)?;
    let digits: String = ver.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

/// The version in a `--version` line: `15.6` of "postgres (PostgreSQL) 15.6 (Debian 15.6-0+deb12u1)",
/// `9.6.24` of "pg_dump (PostgreSQL) 9.6.24".
pub(crate) fn version_token(text: &str) -> Option<&str> {
    text.split(')').nth(1)?.split_whitespace().next()
}

/// `pg_config --bindir`, when pg_config is on PATH and answers.
pub(crate) fn pg_config_bindir() -> Option<PathBuf> {
    let out = Command::new("pg_config")
        .arg("--bindir")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let dir = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (!dir.is_empty()).then(|| PathBuf::from(dir))
}

/// `/usr/lib/postgresql/<N>/bin` of every numbered installation (Debian's layout), with N.
pub(crate) fn versioned_bin_dirs() -> Vec<(u32, PathBuf)> {
    let mut versions: Vec<(u32, PathBuf)> = Vec::new();
    if let Ok(rd) = fs::read_dir("/usr/lib/postgresql") {
        for e in rd.flatten() {
            if let Some(n) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) {
                versions.push((n, e.path().join("bin")));
            }
        }
    }
    versions.sort();
    versions
}

/// A candidate directory is usable if it holds the three server binaries and `postgres --version`
/// runs (catches broken wrappers/copies that cannot find their installation).
pub(crate) fn usable(dir: &Path) -> Option<(PathBuf, u32)> {
    if !has_server_bins(dir) {
        return None;
    }
    let dir = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let v = probe_version(&dir)?;
    Some((dir, v))
}

fn find_bin_dir_with_version() -> Result<(PathBuf, u32), EphemeralError> {
    // 1. PG_BIN override: honoured exclusively.
    if let Some(v) = std::env::var_os("PG_BIN").filter(|v| !v.is_empty()) {
        let dir = PathBuf::from(&v);
        return usable(&dir).ok_or_else(|| {
            EphemeralError::BinariesNotFound(format!(
                "PG_BIN={} does not contain working initdb, pg_ctl and postgres",
                dir.display()
            ))
        });
    }
    // 2. pg_config --bindir
    if let Some(found) = pg_config_bindir().as_deref().and_then(usable) {
        return Ok(found);
    }
    // 3. initdb on PATH (resolving symlinks, so /usr/local/bin/initdb -> /usr/lib/postgresql/N/bin).
    if let Some(path) = std::env::var_os("PATH") {
        for entry in std::env::split_paths(&path) {
            let initdb = entry.join("initdb");
            if !is_executable(&initdb) {
                continue;
            }
            let real_dir = fs::canonicalize(&initdb)
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf));
            if let Some(found) = real_dir.as_deref().and_then(usable) {
                return Ok(found);
            }
            if let Some(found) = usable(&entry) {
                return Ok(found);
            }
        }
    }
    // 4. /usr/lib/postgresql/*/bin, highest numeric version first.
    for (_, dir) in versioned_bin_dirs().into_iter().rev() {
        if let Some(found) = usable(&dir) {
            return Ok(found);
        }
    }
    Err(EphemeralError::BinariesNotFound(String::new()))
}

/// The major version of the server binaries `start` would use, without starting anything.
pub fn binaries_major() -> Result<u32, EphemeralError> {
    find_bin_dir_with_version().map(|(_, v)| v)
}

/// The major a cluster of `major` (any when `None`) would run, without installing or starting
/// anything: when nothing is found but installing is allowed, the major that would be installed.
pub fn planned_major(major: Option<u32>) -> Result<u32, EphemeralError> {
    if let Some(m) = major {
        return Ok(m);
    }
    match find_bin_dir_with_version() {
        Err(EphemeralError::BinariesNotFound(d)) if d.is_empty() => {
            match crate::postgres::discover::find_any() {
                Some(b) => Ok(b.major),
                None if crate::postgres::install_allowed() => Ok(NEWEST),
                None => Err(EphemeralError::BinariesNotFound(d)),
            }
        }
        other => other.map(|(_, v)| v),
    }
}

/// The server binaries a cluster of `major` starts from: exactly that major (installed when
/// allowed, see [`crate::postgres::server_bins`]); with `None`, this machine's default
/// binaries, else the newest major in pgdrift's cache, else (when allowed) PostgreSQL
/// [`NEWEST`] installed. Blocking: it may download.
pub fn resolve_bins(major: Option<u32>) -> Result<(PathBuf, u32), EphemeralError> {
    let bins = match major {
        Some(m) => crate::postgres::server_bins(Some(m))?,
        None => match find_bin_dir_with_version() {
            Err(EphemeralError::BinariesNotFound(d)) if d.is_empty() => {
                match crate::postgres::discover::find_any() {
                    Some(b) => b,
                    None if crate::postgres::install_allowed() => {
                        crate::postgres::server_bins(Some(NEWEST))?
                    }
                    None => return Err(EphemeralError::BinariesNotFound(d)),
                }
            }
            other => return other,
        },
    };
    Ok((bins.dir, bins.major))
}

/// Finds the directory holding the PostgreSQL server binaries (`initdb`, `pg_ctl`, `postgres`;
/// usually also `pg_dump` and `psql`).
///
/// Order: `PG_BIN` (exclusively, when set and non-empty), `pg_config --bindir`, the real directory
/// of `initdb` on `PATH`, then `/usr/lib/postgresql/<highest>/bin`. Each candidate is verified by
/// running `postgres --version`.
pub fn find_bin_dir() -> Result<PathBuf, EphemeralError> {
    find_bin_dir_with_version().map(|(d, _)| d)
}
