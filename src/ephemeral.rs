//! A throw-away PostgreSQL cluster built from the machine's server binaries.
//!
//! [`Ephemeral::start`] runs `initdb` into a fresh temporary directory, starts `postgres` on a free
//! loopback port with trust authentication, and waits until it accepts connections.
//! [`Ephemeral::stop`] (or `Drop`) shuts the server down and deletes the directory, so the
//! cluster is cleaned up on error paths too.
//!
//! Every live cluster is also recorded in a process-global registry. [`cleanup_all_sync`] stops and
//! deletes all of them; call it from a Ctrl-C handler or an `atexit` hook, where destructors do
//! not run.
//!
//! When the process runs as root (initdb refuses to), the directory is handed to the `postgres`
//! OS user (or `nobody` when there is none, said on stderr) and `initdb`/`postgres` run with
//! that user's uid/gid. No sudo is needed.

use std::ffi::CString;
use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::postgres::NEWEST;

/// How every throw-away cluster's folder name starts (`$TMPDIR/pgdrift-eph-<pid>-<n>`).
pub const DIR_PREFIX: &str = "pgdrift-eph-";

/// How long to wait for a freshly started server to accept connections.
const READY_TIMEOUT: Duration = Duration::from_secs(30);
/// How many times to retry startup with a new port when the port was taken in the meantime.
const PORT_ATTEMPTS: usize = 5;
/// Lines of the server log included in error messages.
const LOG_TAIL_LINES: usize = 30;

const NOT_FOUND_MSG: &str = "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found; \
     install them (Debian/Ubuntu: apt-get install postgresql) or set PG_BIN to their directory";

/// Errors from discovering, creating, starting or stopping a throw-away cluster.
#[derive(Debug, thiserror::Error)]
pub enum EphemeralError {
    /// No usable server binaries were found.
    #[error("{NOT_FOUND_MSG}{}\n  fix: pgdrift postgres install {NEWEST}   (or pass --install-postgres, or set PGDRIFT_INSTALL_POSTGRES=1)", detail_suffix(.0))]
    BinariesNotFound(String),
    /// No binaries of the major asked for, or installing them failed.
    #[error(transparent)]
    Postgres(#[from] crate::postgres::PostgresError),
    /// Running as root, but there is no `postgres` OS user to run the server as.
    #[error(
        "running as root, but there is no `postgres` OS user to run the throw-away PostgreSQL server as \
         (initdb refuses to run as root); create it (e.g. `useradd --system --user-group postgres`) \
         or run pgdrift as a non-root user"
    )]
    NoPostgresUser,
    /// No temporary directory the server user can reach.
    #[error("no temporary directory usable by the PostgreSQL server user: {0}; set TMPDIR to a directory every user can traverse")]
    NoTempDir(String),
    /// An I/O error with context.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: io::Error,
    },
    /// `initdb` failed.
    #[error("initdb failed ({status}) in {dir}:\n{output}")]
    Initdb {
        status: String,
        dir: PathBuf,
        output: String,
    },
    /// The server did not come up.
    #[error("PostgreSQL server failed to start: {reason}\n--- server log ({log}) ---\n{tail}")]
    Start {
        reason: String,
        log: PathBuf,
        tail: String,
    },
}

fn detail_suffix(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!(" ({detail})")
    }
}

fn io_err(context: impl Into<String>) -> impl FnOnce(io::Error) -> EphemeralError {
    let context = context.into();
    move |source| EphemeralError::Io { context, source }
}

mod bins;
pub use bins::{binaries_major, find_bin_dir, planned_major, resolve_bins};
pub(crate) use bins::{
    is_executable, parse_version_output, pg_config_bindir, probe_version, usable, version_token,
    versioned_bin_dirs,
};

// ---------------------------------------------------------------------------------------------
// Process-global registry (for Ctrl-C / atexit cleanup)
// ---------------------------------------------------------------------------------------------

struct Live {
    id: u64,
    pid: libc::pid_t,
    dir: PathBuf,
}

static REGISTRY: Mutex<Vec<Live>> = Mutex::new(Vec::new());
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

fn registry() -> std::sync::MutexGuard<'static, Vec<Live>> {
    REGISTRY.lock().unwrap_or_else(|e| e.into_inner())
}

fn register(pid: libc::pid_t, dir: &Path) -> u64 {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    registry().push(Live {
        id,
        pid,
        dir: dir.to_path_buf(),
    });
    id
}

/// Removes the entry; returns true if it was still registered (i.e. nobody cleaned it up yet).
fn unregister(id: u64) -> bool {
    let mut reg = registry();
    let before = reg.len();
    reg.retain(|l| l.id != id);
    reg.len() != before
}

/// Stops (immediate shutdown) and deletes every throw-away cluster still alive in this process.
///
/// Safe to call from a Ctrl-C handler task or an `atexit` hook; synchronous, waits for each
/// postmaster to exit (escalating to SIGKILL after a few seconds). Idempotent.
pub fn cleanup_all_sync() {
    let live: Vec<Live> = std::mem::take(&mut *registry());
    for l in live {
        kill_and_reap_pid(l.pid);
        remove_dir_quiet(&l.dir);
    }
}

/// Sends SIGQUIT (immediate shutdown) and waits for `pid` to disappear, escalating to SIGKILL.
fn kill_and_reap_pid(pid: libc::pid_t) {
    if pid <= 0 {
        return;
    }
    // SAFETY: plain syscalls on a pid we spawned.
    unsafe {
        libc::kill(pid, libc::SIGQUIT);
    }
    if wait_pid_gone(pid, Duration::from_secs(5)) {
        return;
    }
    unsafe {
        libc::kill(pid, libc::SIGKILL);
    }
    wait_pid_gone(pid, Duration::from_secs(5));
}

/// Polls waitpid(WNOHANG); if the pid is not our child (ECHILD), falls back to kill(pid, 0).
fn wait_pid_gone(pid: libc::pid_t, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        let mut status: libc::c_int = 0;
        // SAFETY: plain syscall.
        let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if r == pid {
            return true;
        }
        if r < 0 {
            // Not our child (or already reaped): check existence instead.
            let alive = unsafe { libc::kill(pid, 0) } == 0;
            if !alive {
                return true;
            }
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn remove_dir_quiet(dir: &Path) {
    for _ in 0..3 {
        match fs::remove_dir_all(dir) {
            Ok(()) => return,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return,
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The cluster
// ---------------------------------------------------------------------------------------------

/// A running throw-away PostgreSQL cluster. Stopped and deleted by [`Ephemeral::stop`] or on drop.
pub struct Ephemeral {
    root: PathBuf,
    data: PathBuf,
    log: PathBuf,
    port: u16,
    major: u32,
    child: Option<Child>,
    reg_id: u64,
}

impl std::fmt::Debug for Ephemeral {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ephemeral")
            .field("dir", &self.root)
            .field("port", &self.port)
            .field("major", &self.major)
            .finish()
    }
}

#[derive(Clone, Copy)]
struct RunAs {
    uid: libc::uid_t,
    gid: libc::gid_t,
}

fn run_as() -> Result<Option<RunAs>, EphemeralError> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Ok(None);
    }
    if let Some(ra) = os_user("postgres") {
        return Ok(Some(ra));
    }
    // A fresh machine without PostgreSQL packages has no `postgres` user; `nobody` exists
    // everywhere and is unprivileged, which is all a throw-away trust-auth cluster needs.
    let ra = os_user("nobody").ok_or(EphemeralError::NoPostgresUser)?;
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| {
        eprintln!(
            "pgdrift: running as root and there is no `postgres` OS user: the throw-away PostgreSQL \
             server runs as the unprivileged user `nobody`"
        )
    });
    Ok(Some(ra))
}

/// The uid/gid of an OS user other than root.
fn os_user(name: &str) -> Option<RunAs> {
    let name = CString::new(name).ok()?;
    // SAFETY: getpwnam returns NULL or a pointer to static storage; we copy the fields at once.
    let pw = unsafe { libc::getpwnam(name.as_ptr()) };
    if pw.is_null() {
        return None;
    }
    let (uid, gid) = unsafe { ((*pw).pw_uid, (*pw).pw_gid) };
    (uid != 0).then_some(RunAs { uid, gid })
}

/// True if every ancestor of `dir` is searchable by "other" (we cannot easily test group
/// membership, so we require o+x unless the ancestor is owned by the target uid).
fn traversable_by(dir: &Path, uid: libc::uid_t) -> bool {
    use std::os::unix::fs::MetadataExt;
    let mut cur = Some(dir);
    while let Some(d) = cur {
        match fs::metadata(d) {
            Ok(m) => {
                let ok = m.mode() & 0o001 != 0 || (m.uid() == uid && m.mode() & 0o100 != 0);
                if !ok {
                    return false;
                }
            }
            Err(_) => return false,
        }
        cur = d.parent();
    }
    true
}

fn random_suffix() -> u64 {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut h = RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    h.write_u64(NEXT_ID.fetch_add(1, Ordering::Relaxed));
    h.finish()
}

/// Creates the cluster root directory (mode 0700, owned by the server user).
fn make_root_dir(run_as: Option<RunAs>) -> Result<PathBuf, EphemeralError> {
    let mut bases = vec![std::env::temp_dir()];
    if bases[0] != Path::new("/tmp") {
        bases.push(PathBuf::from("/tmp"));
    }
    let base = match run_as {
        None => bases.swap_remove(0),
        Some(ra) => bases
            .iter()
            .find(|b| traversable_by(b, ra.uid))
            .cloned()
            .ok_or_else(|| {
                EphemeralError::NoTempDir(format!(
                    "{} is not traversable by the postgres user",
                    bases[0].display()
                ))
            })?,
    };
    let pid = std::process::id();
    for _ in 0..16 {
        let dir = base.join(format!(
            "{DIR_PREFIX}{pid}-{:x}",
            random_suffix() & 0xffff_ffff
        ));
        match fs::create_dir(&dir) {
            Ok(()) => {
                let setup = || -> io::Result<()> {
                    fs::set_permissions(&dir, fs::Permissions::from_mode(0o700))?;
                    if let Some(ra) = run_as {
                        std::os::unix::fs::chown(&dir, Some(ra.uid), Some(ra.gid))?;
                    }
                    Ok(())
                };
                if let Err(e) = setup() {
                    remove_dir_quiet(&dir);
                    return Err(EphemeralError::Io {
                        context: format!("preparing {}", dir.display()),
                        source: e,
                    });
                }
                return Ok(dir);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(EphemeralError::Io {
                    context: format!("creating a temporary directory in {}", base.display()),
                    source: e,
                })
            }
        }
    }
    Err(EphemeralError::NoTempDir(format!(
        "could not create a unique directory in {}",
        base.display()
    )))
}

fn free_port() -> Result<u16, EphemeralError> {
    let l = std::net::TcpListener::bind(("127.0.0.1", 0))
        .map_err(io_err("binding 127.0.0.1:0 to find a free port"))?;
    let port = l
        .local_addr()
        .map_err(io_err("reading the local address of a probe socket"))?
        .port();
    Ok(port)
}

fn log_tail(log: &Path) -> String {
    match fs::read(log) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let lines: Vec<&str> = text.lines().collect();
            let start = lines.len().saturating_sub(LOG_TAIL_LINES);
            lines[start..].join("\n")
        }
        Err(e) => format!("(could not read log: {e})"),
    }
}

fn configure(cmd: &mut Command, run_as: Option<RunAs>, cwd: &Path) {
    cmd.current_dir(cwd)
        .stdin(Stdio::null())
        .env_remove("PGDATA")
        .env("LC_ALL", "C");
    if let Some(ra) = run_as {
        cmd.uid(ra.uid).gid(ra.gid);
    }
}

/// Guard that deletes the root directory unless disarmed (start() error paths).
struct DirGuard(Option<PathBuf>);
impl Drop for DirGuard {
    fn drop(&mut self) {
        if let Some(d) = self.0.take() {
            remove_dir_quiet(&d);
        }
    }
}

impl Ephemeral {
    /// Creates and starts a fresh cluster from this machine's default server binaries (see
    /// [`resolve_bins`]). Takes about a second (mostly `initdb`).
    pub async fn start() -> Result<Ephemeral, EphemeralError> {
        Self::start_major(None).await
    }

    /// Creates and starts a fresh cluster of exactly `major` (any when `None`); see
    /// [`resolve_bins`] for where the binaries come from.
    pub async fn start_major(major: Option<u32>) -> Result<Ephemeral, EphemeralError> {
        // Discovery runs `postgres --version` and may download: off the async threads.
        let (bin, _) = tokio::task::spawn_blocking(move || resolve_bins(major))
            .await
            .map_err(|e| EphemeralError::Io {
                context: "finding PostgreSQL server binaries".into(),
                source: io::Error::other(e.to_string()),
            })??;
        let _progress = crate::progress::Progress::start("starting a throw-away PostgreSQL", None);
        let run_as = run_as()?;
        let root = make_root_dir(run_as)?;
        let mut guard = DirGuard(Some(root.clone()));
        let data = root.join("data");
        let log = root.join("server.log");

        // initdb
        let mut cmd = Command::new(bin.join("initdb"));
        cmd.arg("-D").arg(&data).args([
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ]);
        configure(&mut cmd, run_as, &root);
        let out = tokio::process::Command::from(cmd)
            .kill_on_drop(true)
            .output()
            .await
            .map_err(io_err(format!("running {}", bin.join("initdb").display())))?;
        if !out.status.success() {
            let mut output = String::from_utf8_lossy(&out.stdout).into_owned();
            output.push_str(&String::from_utf8_lossy(&out.stderr));
            return Err(EphemeralError::Initdb {
                status: out.status.to_string(),
                dir: data,
                output,
            });
        }

        let major = fs::read_to_string(data.join("PG_VERSION"))
            .ok()
            .and_then(|s| s.trim().split('.').next().and_then(|m| m.parse().ok()))
            .or_else(|| probe_version(&bin))
            .unwrap_or(0);

        let mut last_err = None;
        for _ in 0..PORT_ATTEMPTS {
            let port = free_port()?;
            match Self::launch(&bin, &root, &data, &log, port, run_as).await {
                Ok((child, reg_id)) => {
                    guard.0 = None;
                    return Ok(Ephemeral {
                        root,
                        data,
                        log,
                        port,
                        major,
                        child: Some(child),
                        reg_id,
                    });
                }
                Err((e, retry)) => {
                    last_err = Some(e);
                    if !retry {
                        break;
                    }
                }
            }
        }
        Err(last_err.unwrap_or_else(|| EphemeralError::Start {
            reason: "no attempt was made".into(),
            log: log.clone(),
            tail: String::new(),
        }))
    }

    /// Starts the postmaster on `port` and waits until it accepts connections.
    /// On failure returns the error and whether a retry with another port makes sense.
    async fn launch(
        bin: &Path,
        root: &Path,
        data: &Path,
        log: &Path,
        port: u16,
        run_as: Option<RunAs>,
    ) -> Result<(Child, u64), (EphemeralError, bool)> {
        let start_err = |reason: String| EphemeralError::Start {
            reason,
            log: log.to_path_buf(),
            tail: log_tail(log),
        };
        let logfile = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .map_err(|e| (io_err(format!("opening {}", log.display()))(e), false))?;
        let logfile2 = logfile
            .try_clone()
            .map_err(|e| (io_err("duplicating the log file handle")(e), false))?;

        let mut cmd = Command::new(bin.join("postgres"));
        cmd.arg("-D")
            .arg(data)
            .arg("-p")
            .arg(port.to_string())
            .arg("-k")
            .arg(root)
            .args([
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                // Lock-table settings stay at PostgreSQL's defaults on purpose: normalization
                // must work on a default server, and the tests prove it here.
            ])
            .stdout(logfile)
            .stderr(logfile2);
        configure(&mut cmd, run_as, root);
        let mut child = cmd.spawn().map_err(|e| {
            (
                io_err(format!("starting {}", bin.join("postgres").display()))(e),
                false,
            )
        })?;
        let pid = child.id() as libc::pid_t;
        let reg_id = register(pid, root);

        let conn_str =
            format!("host=127.0.0.1 port={port} user=postgres dbname=postgres connect_timeout=2");
        let deadline = Instant::now() + READY_TIMEOUT;
        let mut last_conn_err: String;
        loop {
            // Err/None from try_wait: the connection attempt below decides.
            if let Ok(Some(status)) = child.try_wait() {
                unregister(reg_id);
                let tail = log_tail(log);
                let port_race = tail.contains("could not bind")
                    || tail.contains("Address already in use")
                    || tail.contains("could not create any TCP/IP sockets");
                return Err((
                    EphemeralError::Start {
                        reason: format!("postgres exited with {status} (port {port})"),
                        log: log.to_path_buf(),
                        tail,
                    },
                    port_race,
                ));
            }
            match tokio_postgres::connect(&conn_str, tokio_postgres::NoTls).await {
                Ok((client, conn)) => {
                    drop(client);
                    // Let the connection terminate cleanly.
                    let _ = conn.await;
                    return Ok((child, reg_id));
                }
                Err(e) => last_conn_err = e.to_string(),
            }
            if Instant::now() >= deadline {
                let err = start_err(format!(
                    "not accepting connections on 127.0.0.1:{port} after {}s (last error: {last_conn_err})",
                    READY_TIMEOUT.as_secs()
                ));
                if unregister(reg_id) {
                    stop_child_sync(&mut child, libc::SIGQUIT);
                }
                return Err((err, false));
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// `postgres://postgres@127.0.0.1:PORT/postgres` (trust auth, no password).
    pub fn url(&self) -> String {
        self.url_for_db("postgres")
    }

    /// Same as [`Ephemeral::url`] but for another database on this cluster.
    pub fn url_for_db(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{}", self.port, db)
    }

    /// TCP port the server listens on (127.0.0.1 only).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Server major version (e.g. 15), read from the data directory's `PG_VERSION`.
    pub fn major_version(&self) -> u32 {
        self.major
    }

    /// Root directory of the cluster (holds `data/` and `server.log`); deleted on stop/drop.
    pub fn dir(&self) -> &Path {
        &self.root
    }

    /// Data directory (`<dir>/data`).
    pub fn data_dir(&self) -> &Path {
        &self.data
    }

    /// Server log file.
    pub fn log_path(&self) -> &Path {
        &self.log
    }

    /// Fast shutdown (SIGINT: aborts open transactions, disconnects clients), waits for the
    /// server to exit, then deletes the directory.
    pub async fn stop(mut self) {
        if let Some(mut child) = self.child.take() {
            if unregister(self.reg_id) {
                let pid = child.id() as libc::pid_t;
                // SAFETY: signalling our own child, which has not been reaped (still registered).
                unsafe {
                    libc::kill(pid, libc::SIGINT);
                }
                let deadline = Instant::now() + Duration::from_secs(10);
                loop {
                    match child.try_wait() {
                        Ok(Some(_)) | Err(_) => break,
                        Ok(None) => {}
                    }
                    if Instant::now() >= deadline {
                        stop_child_sync(&mut child, libc::SIGQUIT);
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }
        }
        remove_dir_quiet(&self.root);
    }
}

/// Sends `sig`, waits up to 5 s, then SIGKILL and waits.
fn stop_child_sync(child: &mut Child, sig: libc::c_int) {
    let pid = child.id() as libc::pid_t;
    // SAFETY: signalling our own, unreaped child.
    unsafe {
        libc::kill(pid, sig);
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match child.try_wait() {
            Ok(Some(_)) | Err(_) => return,
            Ok(None) => {}
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

impl Drop for Ephemeral {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // If cleanup_all_sync already handled it, the pid may be reaped (and even reused):
            // do not signal it again.
            if unregister(self.reg_id) {
                stop_child_sync(&mut child, libc::SIGQUIT);
            }
            remove_dir_quiet(&self.root);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_version() {
        assert_eq!(
            parse_version_output("postgres (PostgreSQL) 15.6 (Debian 15.6-0+deb12u1)\n"),
            Some(15)
        );
        assert_eq!(
            parse_version_output("postgres (PostgreSQL) 9.6.24"),
            Some(9)
        );
        assert_eq!(
            parse_version_output("postgres (PostgreSQL) 17beta1"),
            Some(17)
        );
        assert_eq!(parse_version_output("garbage"), None);
    }
}
