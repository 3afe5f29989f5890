//! `check` of a fleet: many databases against one declared schema in one run.
//!
//! Reading the databases is what waits on the network, so it runs concurrently, bounded per
//! server (host:port) by a semaphore of `--max-connections-per-server` permits, each read under
//! `--db-timeout`. The declared side is normalized once per server major (through the same
//! normalization cache as a single check) and every database of that major is compared with
//! that one result as soon as it is read. Comparisons take turns (a mutex): they are CPU work on
//! one thread, and may share the major's scratch database to settle deparse fixpoints.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::app::{self, CompareOptions, LazyScratch, Resolved, Source};
use crate::conn::DbUrl;
use crate::diff::Verdict;
use crate::error::Error;
use crate::normalize::DevServer;

pub mod list;
pub mod report;

pub use list::{FleetArgs, Shard};
pub use report::{FleetReport, Outcome};

/// How a fleet is checked, beyond its list of databases.
#[derive(Debug, Clone)]
pub struct FleetOptions {
    /// `--schema` / `--exclude-schema` selection.
    pub schemas: Vec<String>,
    pub compare: CompareOptions,
    pub verdict: Verdict,
    /// `--dev-url`; default: a scratch database on the server of the first database (by
    /// redacted URL) of each major.
    pub dev: Option<DevServer>,
    pub per_server: usize,
    pub timeout: Duration,
}

/// Checks every database of `urls` against `declared` and groups the outcomes. An error is
/// returned only for what concerns the whole fleet (the declared schema is invalid, no scratch
/// database can be made); a database that cannot be read is an outcome.
pub async fn check(
    declared: &Source,
    urls: &[DbUrl],
    options: &FleetOptions,
) -> Result<FleetReport, Error> {
    let shared = tokio::sync::Mutex::new(Shared::default());
    // The first database's major is normalized while the databases are read: both wait on
    // servers, and for a fleet of one major that is all the normalization there is. It takes
    // the lock first (join! polls it first), so no comparison starts before it is done.
    let ((), outcomes) = tokio::join!(
        normalize_first(declared, urls, &shared, options),
        check_all(declared, urls, &shared, options)
    );
    let shared = shared.into_inner();
    for n in shared.normalizers.into_values() {
        n.drop_now().await;
    }
    match shared.fatal {
        Some(e) => Err(e),
        None => Ok(FleetReport::build(&declared.label(), outcomes)),
    }
}

/// Never shown: the run fails with the declared schema's error instead.
const NOT_COMPARED: &str = "not compared: the declared schema failed";

/// What the comparisons share: one normalizer per major, and the error that stops the fleet.
#[derive(Default)]
struct Shared {
    normalizers: BTreeMap<u32, Normalizer>,
    fatal: Option<Error>,
}

impl Shared {
    async fn compare(
        &mut self,
        declared: &Source,
        url: &DbUrl,
        live: Resolved,
        options: &FleetOptions,
    ) -> Outcome {
        if self.fatal.is_some() {
            return Outcome::Unchecked(NOT_COMPARED.into());
        }
        let major = live.major.unwrap_or_default();
        let n = match self.normalizers.entry(major) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => match Normalizer::new(declared, url, major, options).await {
                Ok(n) => e.insert(n),
                Err(err) => {
                    self.fatal = Some(err);
                    return Outcome::Unchecked(NOT_COMPARED.into());
                }
            },
        };
        n.compare(declared, url, live, options).await
    }
}

/// Makes the normalizer of the first database's major. When that database cannot be reached,
/// its read reports why and the first database of each major read makes the normalizer.
async fn normalize_first(
    declared: &Source,
    urls: &[DbUrl],
    shared: &tokio::sync::Mutex<Shared>,
    options: &FleetOptions,
) {
    let mut shared = shared.lock().await;
    let Some(first) = urls.first() else {
        return;
    };
    let live = Source::Db(first.clone());
    let read = app::pinned_major(&live, declared);
    let Ok(Some(major)) = tokio::time::timeout(options.timeout, read).await else {
        return;
    };
    match Normalizer::new(declared, first, major, options).await {
        Ok(n) => {
            shared.normalizers.insert(major, n);
        }
        Err(e) => shared.fatal = Some(e),
    }
}

/// Reads every database concurrently, at most `per_server` at once per server, and compares
/// each as soon as it is read. A database keeps its server's permit until compared, so at most
/// `per_server` models per server are held at once, however large the fleet.
async fn check_all(
    declared: &Source,
    urls: &[DbUrl],
    shared: &tokio::sync::Mutex<Shared>,
    options: &FleetOptions,
) -> Vec<(String, Outcome)> {
    let mut servers: BTreeMap<String, Semaphore> = BTreeMap::new();
    for u in urls {
        servers
            .entry(u.server())
            .or_insert_with(|| Semaphore::new(options.per_server));
    }
    let progress = crate::progress::Progress::start(
        format!("checking {} databases", urls.len()),
        Some(urls.len()),
    );
    let each = urls.iter().map(|url| {
        let server = servers.get(&url.server());
        let progress = &progress;
        async move {
            // Never closed, so acquiring cannot fail; without a permit the read still runs.
            let _permit = match server {
                Some(s) => s.acquire().await.ok(),
                None => None,
            };
            let outcome = match read_one(url, options).await {
                Err(reason) => Outcome::Unchecked(reason),
                Ok(live) => {
                    let mut shared = shared.lock().await;
                    shared.compare(declared, url, live, options).await
                }
            };
            progress.inc(1);
            (url.redacted(), outcome)
        }
    });
    futures_util::future::join_all(each).await
}

/// One database, within the timeout; the reason of a failure is one redacted line.
async fn read_one(url: &DbUrl, options: &FleetOptions) -> Result<Resolved, String> {
    let read = app::read_db_silently(url, &options.schemas, options.compare.owners);
    match tokio::time::timeout(options.timeout, read).await {
        Ok(Ok(resolved)) => Ok(resolved),
        Ok(Err(e)) => Err(one_line(&url.scrub(&e.to_string()))),
        Err(_) => Err(format!(
            "not read within {} s (--db-timeout)",
            options.timeout.as_secs()
        )),
    }
}

/// The first line of an error: hints are the same for every database and would repeat.
fn one_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().trim().to_string()
}

/// The declared schema normalized for one server major, and the scratch database (made only
/// when a fixpoint must be settled) every database of that major shares.
struct Normalizer {
    scratch: [LazyScratch; 2],
    declared: Resolved,
}

impl Normalizer {
    async fn new(
        declared: &Source,
        first: &DbUrl,
        major: u32,
        options: &FleetOptions,
    ) -> Result<Normalizer, Error> {
        let dev = options
            .dev
            .clone()
            .unwrap_or_else(|| DevServer::Url(first.clone()));
        let pin = matches!(dev, DevServer::Ephemeral).then_some(major);
        let mut scratch = [
            LazyScratch::new(dev.clone(), pin),
            LazyScratch::new(dev, pin),
        ];
        match app::resolve(
            declared,
            &mut scratch[0],
            &options.schemas,
            &options.compare,
        )
        .await
        {
            Ok(resolved) => Ok(Normalizer {
                scratch,
                declared: resolved,
            }),
            Err(e) => {
                for s in scratch {
                    s.drop_now().await;
                }
                Err(e)
            }
        }
    }

    async fn compare(
        &mut self,
        declared: &Source,
        url: &DbUrl,
        live: Resolved,
        options: &FleetOptions,
    ) -> Outcome {
        let cmp = app::compare_resolved(
            declared,
            &Source::Db(url.clone()),
            self.declared.clone(),
            live,
            &mut self.scratch,
            &options.schemas,
            &options.compare,
        )
        .await;
        match cmp {
            Err(e) => Outcome::Unchecked(one_line(&url.scrub(&e.to_string()))),
            Ok(cmp) => {
                let (kept, _ignored, code) =
                    options.verdict.apply(cmp.changes, &cmp.left.schema.ignore);
                if kept.is_empty() {
                    Outcome::Match
                } else {
                    Outcome::Drift {
                        changes: kept,
                        failing: code != 0,
                    }
                }
            }
        }
    }

    async fn drop_now(self) {
        for s in self.scratch {
            s.drop_now().await;
        }
    }
}
