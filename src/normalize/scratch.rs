//! The scratch database: created per run, dropped afterwards (also on error and Ctrl-C), and
//! swept when an earlier run was killed before it could drop its own.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use tokio_postgres::Client;

use super::{DevServer, NormalizeError};
use crate::conn::{describe_pg_error, DbUrl};
use crate::ephemeral::Ephemeral;
use crate::model::quote_ident;

/// The session every connection to a scratch database starts with.
const SESSION: &str = "SET search_path TO public; SET client_min_messages TO warning";

/// Scratch databases this process created, for `PGDRIFT_TRACE` (see [`trace`]).
static CREATED: AtomicUsize = AtomicUsize::new(0);

/// With `PGDRIFT_TRACE` set (to anything but empty or `0`), prints `pgdrift trace: <what>` on
/// stderr: what the normalizer did (scratch databases created, connections used), so a test or
/// a user can see that a command normalizes once.
pub fn trace(what: &str) {
    if std::env::var("PGDRIFT_TRACE").is_ok_and(|v| !v.is_empty() && v != "0") {
        eprintln!("pgdrift trace: {what}");
    }
}

/// Scratch databases live while this process runs; the Ctrl-C handler drops them.
static LIVE_SCRATCH: Mutex<Vec<(DbUrl, String)>> = Mutex::new(Vec::new());

/// A scratch database holding the normalized declared objects, kept open so the caller can settle
/// deparse fixpoints in it; `drop_now` removes it.
pub struct Scratch {
    pub client: Client,
    pub major: u32,
    /// The scratch database itself (the pg_dump witness dumps it).
    url: DbUrl,
    admin: Client,
    dbname: String,
    _cluster: Option<Ephemeral>,
}

impl Scratch {
    /// Whether it lives on a throw-away cluster (which has none of the target's tablespaces).
    pub fn is_ephemeral(&self) -> bool {
        self._cluster.is_some()
    }

    pub async fn create(dev: &DevServer) -> Result<Scratch, NormalizeError> {
        Self::create_for(dev, None).await
    }

    /// [`Scratch::create`]; a throw-away cluster runs exactly `major` when one is given (the
    /// target's: deparsed SQL differs between majors).
    pub async fn create_for(
        dev: &DevServer,
        major: Option<u32>,
    ) -> Result<Scratch, NormalizeError> {
        let (server_url, cluster) = match dev {
            DevServer::Url(url) => (url.clone(), None),
            DevServer::Ephemeral => {
                let cluster = Ephemeral::start_major(major).await?;
                (DbUrl::parse(&cluster.url())?, Some(cluster))
            }
        };
        let admin = server_url.connect().await?;
        sweep_stale_scratch(&admin).await;
        let dbname = scratch_name();
        // FILE_COPY (PostgreSQL 15+) copies the tiny template's files instead of WAL-logging every
        // block: several times faster for a scratch database nobody needs to recover.
        let strategy = match crate::conn::server_major(&admin).await {
            Ok(major) if major >= 15 => " STRATEGY FILE_COPY",
            _ => "",
        };
        let create = format!(
            "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'{strategy}",
            quote_ident(&dbname)
        );
        admin
            .batch_execute(&create)
            .await
            .map_err(|e| NormalizeError::CreateScratch {
                server: server_url.redacted(),
                reason: describe_pg_error(&e, ""),
            })?;
        if let Ok(mut live) = LIVE_SCRATCH.lock() {
            live.push((server_url.clone(), dbname.clone()));
        }
        let scratch_url = server_url.with_dbname(&dbname)?;
        let client = match scratch_url.connect().await {
            Ok(c) => c,
            Err(e) => {
                let _ = admin
                    .batch_execute(&format!("DROP DATABASE IF EXISTS {}", quote_ident(&dbname)))
                    .await;
                return Err(e.into());
            }
        };
        let major = crate::conn::server_major(&client)
            .await
            .map_err(|e| NormalizeError::Query(e.to_string()))?;
        client
            .batch_execute(SESSION)
            .await
            .map_err(|e| NormalizeError::Query(e.to_string()))?;
        trace(&format!(
            "scratch database #{} created",
            CREATED.fetch_add(1, Ordering::Relaxed) + 1
        ));
        Ok(Scratch {
            client,
            major,
            url: scratch_url,
            admin,
            dbname,
            _cluster: cluster,
        })
    }

    /// `n` more connections to the scratch database, set up like [`Scratch::client`], for
    /// running independent statements at once (see `normalize::parallel`).
    pub async fn helpers(&self, n: usize) -> Result<Vec<Client>, NormalizeError> {
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let client = self.url.connect().await?;
            client
                .batch_execute(SESSION)
                .await
                .map_err(|e| NormalizeError::Query(e.to_string()))?;
            out.push(client);
        }
        Ok(out)
    }

    /// The URL of the scratch database (password-bearing when the server's URL has one).
    pub fn url(&self) -> &DbUrl {
        &self.url
    }

    /// Whether this scratch lives on a throw-away cluster (where pgdrift may create roles):
    /// one it started itself, or one a command started for several scratch databases (then
    /// the server runs from a `pgdrift-eph-*` folder, which only superusers can see).
    pub async fn throwaway(&self) -> bool {
        if self._cluster.is_some() {
            return true;
        }
        let sql = "SELECT setting FROM pg_settings WHERE name = 'data_directory'";
        match self.client.query_opt(sql, &[]).await {
            Ok(Some(row)) => row
                .try_get::<_, String>(0)
                .is_ok_and(|dir| dir.contains(crate::ephemeral::DIR_PREFIX)),
            _ => false,
        }
    }

    /// Drops the scratch database. Errors are ignored on purpose: the scratch name is unique and
    /// the caller's real error (if any) matters more.
    pub async fn drop_now(self) {
        let Scratch {
            client,
            admin,
            dbname,
            _cluster,
            ..
        } = self;
        drop(client);
        let sql = format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            quote_ident(&dbname)
        );
        let _ = admin.batch_execute(&sql).await;
        if let Ok(mut live) = LIVE_SCRATCH.lock() {
            live.retain(|(_, n)| n != &dbname);
        }
        if let Some(c) = _cluster {
            c.stop().await;
        }
    }
}

/// Drops every scratch database this process created and has not dropped yet. The Ctrl-C
/// handler calls it, since an interrupted command never reaches its own cleanup.
pub async fn drop_pending_scratch() {
    let pending: Vec<(DbUrl, String)> = LIVE_SCRATCH
        .lock()
        .map(|mut v| std::mem::take(&mut *v))
        .unwrap_or_default();
    for (server, dbname) in pending {
        if let Ok(admin) = server.connect().await {
            let _ = admin
                .batch_execute(&format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    quote_ident(&dbname)
                ))
                .await;
        }
    }
}

/// `pgdrift_scratch_<unix seconds>_<pid>_<nanos>`: unique, recognizable, and dated, so a
/// database left behind by a killed process (SIGKILL cannot be caught) can be swept later.
fn scratch_name() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    format!(
        "{SCRATCH_PREFIX}{}_{}_{}",
        now.as_secs(),
        std::process::id(),
        now.subsec_nanos()
    )
}

const SCRATCH_PREFIX: &str = "pgdrift_scratch_";

/// A scratch database older than this, with nobody connected, belongs to a process that died.
const STALE_AFTER_SECS: u64 = 3600;

/// Drops scratch databases of dead pgdrift processes: older than an hour and unused. `DROP
/// DATABASE` without FORCE refuses a database someone is connected to, so a live run (which keeps
/// its connection open throughout) is never touched. Best effort and silent.
async fn sweep_stale_scratch(admin: &Client) {
    let Ok(rows) = admin
        .query(
            "SELECT datname FROM pg_database WHERE datname LIKE 'pgdrift\\_scratch\\_%' \
             AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = pg_database.datname)",
            &[],
        )
        .await
    else {
        return;
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    for row in rows {
        let name: String = row.get(0);
        let created = name
            .strip_prefix(SCRATCH_PREFIX)
            .and_then(|rest| rest.split('_').next())
            .and_then(|secs| secs.parse::<u64>().ok());
        if matches!(created, Some(t) if now.saturating_sub(t) > STALE_AFTER_SECS) {
            let _ = admin
                .batch_execute(&format!("DROP DATABASE IF EXISTS {}", quote_ident(&name)))
                .await;
        }
    }
}
