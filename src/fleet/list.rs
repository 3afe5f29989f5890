//! Which databases a fleet check covers: repeated `--db`, `--dbs-from FILE`, `--dbs-query` on a
//! control database, then `--shard I/N`'s share of them.

use std::path::{Path, PathBuf};

use crate::conn::{describe_pg_error, DbUrl};
use crate::error::Error;

/// The fleet flags of `check` (with `--db` repeated, which the binary collects).
#[derive(clap::Args, Clone, Debug, Default)]
pub struct FleetArgs {
    /// Check every database listed in FILE: one URL per line; blank lines and `#` comments (a
    /// whole line, or after a blank) are skipped. E.g. `--dbs-from tenants.txt`.
    #[arg(long, value_name = "FILE")]
    pub dbs_from: Option<PathBuf>,
    /// Check the databases a query lists: it runs on the control database (--control-db, else the
    /// one --db given) and returns one text column, each value a URL or a database name on the
    /// control database's server (same host, port, user and password). The control database is
    /// not checked unless listed. E.g. `--db postgres://admin@pg1/postgres --dbs-query "SELECT
    /// datname FROM pg_database WHERE datname LIKE 'tenant_%'"`.
    #[arg(long, value_name = "SQL")]
    pub dbs_query: Option<String>,
    /// The database --dbs-query runs on; with it, every --db is checked as well.
    #[arg(long, value_name = "URL", requires = "dbs_query")]
    pub control_db: Option<String>,
    /// At most N connections at once to one server (host:port) while reading a fleet.
    #[arg(long, value_name = "N", default_value_t = 4,
          value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub max_connections_per_server: u32,
    /// Give up on a database of a fleet that has not been read after SECS seconds (connecting and
    /// reading its catalog): it is reported as not checked and the run goes on.
    #[arg(long, value_name = "SECS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub db_timeout: u64,
    /// Check only share I of N of the fleet (1 <= I <= N): the databases sorted by redacted URL,
    /// every Nth from the Ith. `--shard 1/4` ... `--shard 4/4` on four runners, then `pgdrift
    /// report merge` of their JSON reports, give the report of one run.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,
}

/// `--shard I/N`, I counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

fn parse_shard(text: &str) -> Result<Shard, String> {
    let err = || format!("`{text}`: expected I/N with 1 <= I <= N, e.g. 2/4");
    let (i, n) = text.split_once('/').ok_or_else(err)?;
    let index: usize = i.trim().parse().map_err(|_| err())?;
    let count: usize = n.trim().parse().map_err(|_| err())?;
    if index == 0 || index > count {
        return Err(err());
    }
    Ok(Shard { index, count })
}

impl FleetArgs {
    /// Whether `check` runs on a fleet rather than on one database (`dbs`: every `--db`).
    pub fn is_fleet(&self, dbs: &[String]) -> bool {
        dbs.len() > 1 || self.dbs_from.is_some() || self.dbs_query.is_some() || self.shard.is_some()
    }
}

/// The databases to check, sorted by redacted URL, without duplicates, sharded.
pub async fn gather(dbs: &[String], args: &FleetArgs) -> Result<Vec<DbUrl>, Error> {
    let mut urls = Vec::new();
    let mut direct: &[String] = dbs;
    if let Some(sql) = &args.dbs_query {
        let control = match (&args.control_db, dbs) {
            (Some(c), _) => c.clone(),
            (None, [one]) => {
                direct = &[];
                one.clone()
            }
            (None, _) => {
                return Err(Error::Other(
                    "--dbs-query needs a control database: give --db once, or --control-db URL"
                        .into(),
                ))
            }
        };
        urls.extend(from_query(&DbUrl::parse(&control)?, sql).await?);
    }
    for db in direct {
        urls.push(DbUrl::parse(db)?);
    }
    if let Some(file) = &args.dbs_from {
        urls.extend(from_file(file)?);
    }
    if urls.is_empty() {
        return Err(Error::Other(
            "no databases to check: --dbs-from and --dbs-query listed none".into(),
        ));
    }
    Ok(share(urls, args.shard))
}

/// Sorted by redacted URL (what every report shows), deduplicated, then the shard's share.
pub fn share(mut urls: Vec<DbUrl>, shard: Option<Shard>) -> Vec<DbUrl> {
    urls.sort_by_cached_key(|u| u.redacted());
    urls.dedup_by_key(|u| u.redacted());
    match shard {
        None => urls,
        Some(s) => urls
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % s.count == s.index - 1)
            .map(|(_, u)| u)
            .collect(),
    }
}

/// `--dbs-from FILE`: one URL per line; a bad line is an error naming FILE:LINE.
pub fn from_file(file: &Path) -> Result<Vec<DbUrl>, Error> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::Io {
        path: file.to_path_buf(),
        source: e,
    })?;
    let mut urls = Vec::new();
    for (n, line) in text.lines().enumerate() {
        // A comment runs from a `#` that starts the line or follows a blank; a `#` inside a URL
        // (percent-encoding aside) never follows a blank.
        let line = line.split(" #").next().unwrap_or_default();
        let line = line.split("\t#").next().unwrap_or_default().trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = || format!("{}:{}", file.display(), n + 1);
        if !line.contains("://") {
            return Err(Error::Other(format!(
                "{}: expected a database URL (postgres://...), found `{}`",
                at(),
                crate::conn::redact(line)
            )));
        }
        urls.push(DbUrl::parse(line).map_err(|e| Error::Other(format!("{}: {e}", at())))?);
    }
    Ok(urls)
}

/// `--dbs-query`: URLs, or database names on the control database's server.
async fn from_query(control: &DbUrl, sql: &str) -> Result<Vec<DbUrl>, Error> {
    let client = control.connect().await?;
    let fail =
        |reason: String| Error::Other(format!("--dbs-query on {}: {reason}", control.redacted()));
    let rows = client
        .query(sql, &[])
        .await
        .map_err(|e| fail(describe_pg_error(&e, "")))?;
    let mut urls = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        if row.len() != 1 {
            return Err(fail(format!("row {} has {} columns; the query must return one text column (URLs or database names)", n + 1, row.len())));
        }
        let value: Option<String> = row.try_get(0).map_err(|_| {
            fail("the query must return one text column (URLs or database names); cast it with ::text".into())
        })?;
        let Some(value) = value
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
        else {
            continue;
        };
        let url = if value.contains("://") {
            DbUrl::parse(&value)
        } else {
            control.with_dbname(&value)
        };
        urls.push(url.map_err(|e| fail(format!("row {}: {e}", n + 1)))?);
    }
    Ok(urls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_the_sorted_list_and_cover_it_once() {
        let urls: Vec<DbUrl> = (0..10)
            .map(|i| DbUrl::parse(&format!("postgres://u:pw@h/db{i}")).unwrap())
            .collect();
        let mut seen = Vec::new();
        for index in 1..=4 {
            let part = share(urls.clone(), Some(Shard { index, count: 4 }));
            seen.extend(part.iter().map(|u| u.redacted()));
        }
        seen.sort();
        let all: Vec<String> = share(urls, None).iter().map(|u| u.redacted()).collect();
        assert_eq!(seen, all);
        assert_eq!(all.len(), 10);
    }

    #[test]
    fn shard_syntax() {
        assert_eq!(parse_shard("2/4"), Ok(Shard { index: 2, count: 4 }));
        for bad in ["0/4", "5/4", "x/4", "2", "2/0"] {
            assert!(parse_shard(bad).is_err(), "{bad}");
        }
    }
}
