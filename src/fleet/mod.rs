//! `check` of a fleet: many databases against one declared schema in one run.
//!
//! Reading the databases is what waits on the network, so it runs concurrently, bounded per
//! server (host:port) by a semaphore of `--max-connections-per-server` permits, each read under
//! `--db-timeout`. The declared side is normalized once per server major (through the same
//! normalization cache as a single check) and every database of that major is compared with
//! that one result; the comparisons run one after the other, since they are CPU work on one
//! thread and may share the major's scratch database to settle deparse fixpoints.

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
    // The first database's major is normalized while the databases are read: both wait on
    // servers, and for a fleet of one major that is all the normalization there is.
    let (reads, first) = tokio::join!(
        read_all(urls, options),
        normalize_first(declared, urls, options)
    );
    let mut normalizers: BTreeMap<u32, Normalizer> = BTreeMap::new();
    match first {
        Some(Ok((major, n))) => {
            normalizers.insert(major, n);
        }
        Some(Err(e)) => return Err(e),
        None => {}
    }
    let compared = compare_all(declared, urls, reads, &mut normalizers, options).await;
    for n in normalizers.into_values() {
        n.drop_now().await;
    }
    Ok(FleetReport::build(&declared.label(), compared?))
}

/// The normalizer of the first database's major; `None` when that database cannot be reached
/// (its read reports why, and the next database of each major makes the normalizer).
async fn normalize_first(
    declared: &Source,
    urls: &[DbUrl],
    options: &FleetOptions,
) -> Option<Result<(u32, Normalizer), Error>> {
    let first = urls.first()?;
    let live = Source::Db(first.clone());
    let read = app::pinned_major(&live, declared);
    let major = tokio::time::timeout(options.timeout, read).await.ok()??;
    let n = Normalizer::new(declared, first, major, options).await;
    Some(n.map(|n| (major, n)))
}

/// Reads every database concurrently, at most `per_server` at once per server.
async fn read_all(urls: &[DbUrl], options: &FleetOptions) -> Vec<Result<Resolved, String>> {
    let mut servers: BTreeMap<String, Semaphore> = BTreeMap::new();
    for u in urls {
        servers
            .entry(u.server())
            .or_insert_with(|| Semaphore::new(options.per_server));
    }
    let progress = crate::progress::Progress::start(
        format!("reading {} databases", urls.len()),
        Some(urls.len()),
    );
    let reads = urls.iter().map(|url| {
        let server = servers.get(&url.server());
        let progress = &progress;
        async move {
            let _permit = match server {
                Some(s) => Some(s.acquire().await.map_err(|e| e.to_string())?),
                None => None,
            };
            let read = read_one(url, options).await;
            progress.inc(1);
            read
        }
    });
    futures_util::future::join_all(reads).await
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

async fn compare_all(
    declared: &Source,
    urls: &[DbUrl],
    reads: Vec<Result<Resolved, String>>,
    normalizers: &mut BTreeMap<u32, Normalizer>,
    options: &FleetOptions,
) -> Result<Vec<(String, Outcome)>, Error> {
    let mut outcomes = Vec::with_capacity(urls.len());
    for (url, read) in urls.iter().zip(reads) {
        let outcome = match read {
            Err(reason) => Outcome::Unchecked(reason),
            Ok(live) => {
                let major = live.major.unwrap_or_default();
                let n = match normalizers.entry(major) {
                    Entry::Occupied(e) => e.into_mut(),
                    Entry::Vacant(e) => {
                        e.insert(Normalizer::new(declared, url, major, options).await?)
                    }
                };
                n.compare(declared, url, live, options).await
            }
        };
        outcomes.push((url.redacted(), outcome));
    }
    Ok(outcomes)
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
