//! Connection strings: where they come from (`--db`, `DATABASE_URL`, `.env`), which spellings we
//! accept (libpq URLs and SQLAlchemy's `postgresql+driver://`), and how they are shown (never with
//! a password).

use std::ffi::OsString;
use std::path::Path;
use std::time::Duration;

use tokio_postgres::{Client, NoTls};

#[derive(Debug, thiserror::Error)]
pub enum ConnError {
    #[error("no database given: pass --db URL, or set DATABASE_URL (environment or .env)")]
    Missing,
    #[error("invalid database URL {url}: {reason}")]
    Invalid { url: String, reason: String },
    #[error("cannot connect to {url}: {reason}")]
    Connect { url: String, reason: String },
    #[error("could not reach a PostgreSQL server at {target} ({url}): {reason}\n  hint: check that the server is running and accepts TCP connections on {target}, that the host and port in the URL are right, and that no firewall, proxy or tunnel in between is down")]
    Unreachable {
        url: String,
        target: String,
        reason: String,
    },
}

/// A database URL as the user gave it, plus the form tokio-postgres accepts.
#[derive(Clone)]
pub struct DbUrl {
    raw: String,
    libpq: String,
}

impl std::fmt::Debug for DbUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DbUrl({})", redact(&self.raw))
    }
}

impl DbUrl {
    pub fn parse(raw: &str) -> Result<DbUrl, ConnError> {
        let raw = raw.trim().to_string();
        let libpq = to_libpq(&raw)?;
        check_ports(&raw)?;
        // Let tokio-postgres validate now, so a typo is reported before any work starts.
        libpq
            .parse::<tokio_postgres::Config>()
            .map_err(|e| ConnError::Invalid {
                url: redact(&raw),
                reason: redact_text(&e.to_string(), &raw),
            })?;
        Ok(DbUrl { raw, libpq })
    }

    /// The URL with any password replaced by `***`: the only form that may be printed.
    pub fn redacted(&self) -> String {
        redact(&self.raw)
    }

    pub fn config(&self) -> Result<tokio_postgres::Config, ConnError> {
        self.libpq
            .parse::<tokio_postgres::Config>()
            .map_err(|e| ConnError::Invalid {
                url: self.redacted(),
                reason: redact_text(&e.to_string(), &self.raw),
            })
    }

    /// Removes this URL's password from `text` (output of a program that was given it).
    /// Both spellings count: as written in the URL and percent-decoded.
    pub fn scrub(&self, text: &str) -> String {
        let mut out = redact_text(text, &self.raw);
        if let Some(pw) = self.config().ok().and_then(|c| {
            c.get_password()
                .map(|p| String::from_utf8_lossy(p).into_owned())
        }) {
            if !pw.is_empty() {
                out = out.replace(&pw, "***");
            }
        }
        out
    }

    /// The libpq environment (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`,
    /// `PGSSLMODE`, ...) that makes a libpq program such as pg_dump connect where this URL
    /// connects. Child processes get the password this way because a command line is visible to
    /// every user of the machine (`ps`) and ends up in error messages; an environment is not.
    /// Settings the URL leaves open are absent, so libpq's defaults apply.
    pub fn libpq_env(&self) -> Result<Vec<(&'static str, OsString)>, ConnError> {
        use std::os::unix::ffi::OsStrExt;
        use tokio_postgres::config::{Host, SslMode, TargetSessionAttrs};
        let c = self.config()?;
        let mut env: Vec<(&'static str, OsString)> = Vec::new();
        let join = |parts: Vec<String>| OsString::from(parts.join(","));
        if !c.get_hosts().is_empty() {
            let hosts = c
                .get_hosts()
                .iter()
                .map(|h| match h {
                    Host::Tcp(name) => name.clone(),
                    Host::Unix(path) => path.to_string_lossy().into_owned(),
                })
                .collect();
            env.push(("PGHOST", join(hosts)));
        }
        if !c.get_hostaddrs().is_empty() {
            let addrs = c.get_hostaddrs().iter().map(|a| a.to_string()).collect();
            env.push(("PGHOSTADDR", join(addrs)));
        }
        if !c.get_ports().is_empty() {
            let ports = c.get_ports().iter().map(|p| p.to_string()).collect();
            env.push(("PGPORT", join(ports)));
        }
        if let Some(user) = c.get_user() {
            env.push(("PGUSER", user.into()));
        }
        if let Some(pw) = c.get_password() {
            env.push(("PGPASSWORD", std::ffi::OsStr::from_bytes(pw).to_os_string()));
        }
        if let Some(db) = c.get_dbname() {
            env.push(("PGDATABASE", db.into()));
        }
        if let Some(options) = c.get_options() {
            env.push(("PGOPTIONS", options.into()));
        }
        if let Some(timeout) = c.get_connect_timeout() {
            // libpq takes whole seconds; 0 would mean "wait forever".
            let secs = timeout.as_secs().max(1);
            env.push(("PGCONNECT_TIMEOUT", secs.to_string().into()));
        }
        let ssl = match c.get_ssl_mode() {
            SslMode::Disable => Some("disable"),
            SslMode::Prefer => Some("prefer"),
            SslMode::Require => Some("require"),
            _ => None,
        };
        if let Some(mode) = ssl {
            env.push(("PGSSLMODE", mode.into()));
        }
        let attrs = match c.get_target_session_attrs() {
            TargetSessionAttrs::ReadWrite => Some("read-write"),
            TargetSessionAttrs::ReadOnly => Some("read-only"),
            _ => None,
        };
        if let Some(attrs) = attrs {
            env.push(("PGTARGETSESSIONATTRS", attrs.into()));
        }
        Ok(env)
    }

    /// `host:port` of the server this URL names (a fleet bounds its connections per server).
    pub fn server(&self) -> String {
        match self.config() {
            Ok(c) => targets(&c),
            Err(_) => self.redacted(),
        }
    }

    pub fn dbname(&self) -> Option<String> {
        self.config()
            .ok()
            .and_then(|c| c.get_dbname().map(str::to_string))
    }

    /// The same server, another database (for scratch databases).
    pub fn with_dbname(&self, dbname: &str) -> Result<DbUrl, ConnError> {
        let (base, query) = match self.libpq.split_once('?') {
            Some((b, q)) => (b.to_string(), Some(q.to_string())),
            None => (self.libpq.clone(), None),
        };
        let after_scheme = base.find("://").map(|i| i + 3).unwrap_or(0);
        let path_start = base[after_scheme..].find('/').map(|i| i + after_scheme);
        let host_part = match path_start {
            Some(i) => &base[..i],
            None => &base[..],
        };
        let mut libpq = format!("{host_part}/{}", percent_encode(dbname));
        if let Some(q) = query {
            libpq.push('?');
            libpq.push_str(&q);
        }
        let raw = libpq.clone();
        Ok(DbUrl { raw, libpq })
    }

    pub async fn connect(&self) -> Result<Client, ConnError> {
        let mut config = self.config()?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        config.application_name("pgdrift");
        let (client, connection) = config.connect(NoTls).await.map_err(|e| {
            let reason = describe_pg_error(&e, &self.raw);
            if e.as_db_error().is_some() {
                // The server answered (bad password, no such database, ...).
                return ConnError::Connect {
                    url: self.redacted(),
                    reason,
                };
            }
            ConnError::Unreachable {
                url: self.redacted(),
                target: targets(&config),
                reason: explain_unreachable(&reason),
            }
        })?;
        tokio::spawn(async move {
            // The connection task ends when the client is dropped; its errors surface on queries.
            let _ = connection.await;
        });
        Ok(client)
    }
}

/// `host:port` of every host the config names, for messages.
fn targets(config: &tokio_postgres::Config) -> String {
    use tokio_postgres::config::Host;
    let ports = config.get_ports();
    config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let port = ports.get(i).or(ports.first()).copied().unwrap_or(5432);
            match h {
                Host::Tcp(name) => format!("{name}:{port}"),
                Host::Unix(path) => format!("{}/.s.PGSQL.{port}", path.display()),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The driver's words for a connection that never reached PostgreSQL, in plain terms.
fn explain_unreachable(reason: &str) -> String {
    let r = reason.to_ascii_lowercase();
    if r.contains("bytes remaining on stream")
        || r.contains("unexpected eof")
        || r.contains("connection reset")
        || r.contains("connection closed")
    {
        "the peer accepted the connection and closed it before PostgreSQL answered (is it a PostgreSQL server? a proxy or tunnel whose far end is down does this too)".into()
    } else if r.contains("connection refused") {
        "connection refused (nothing listens on that port)".into()
    } else if r.contains("timed out") || r.contains("timeout") {
        "timed out (the host does not answer: down, or a firewall drops the packets)".into()
    } else if r.contains("lookup address") || r.contains("name or service not known") {
        "the host name does not resolve (DNS)".into()
    } else {
        reason.to_string()
    }
}

/// A port in the URL that is not a number from 1 to 65535 is named (the driver only says
/// "invalid connection string").
fn check_ports(raw: &str) -> Result<(), ConnError> {
    let Some((_, rest)) = raw.split_once("://") else {
        return Ok(());
    };
    let authority = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
    let hosts = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    for host in hosts.split(',') {
        let after_host = match host.strip_prefix('[') {
            Some(v6) => v6.split_once(']').map_or("", |(_, after)| after),
            None => host.find(':').map_or("", |i| &host[i..]),
        };
        let Some(port) = after_host.strip_prefix(':') else {
            continue;
        };
        if port.is_empty() {
            continue;
        }
        if !matches!(port.parse::<u16>(), Ok(p) if p > 0) {
            return Err(ConnError::Invalid {
                url: redact(raw),
                reason: format!("the port `{port}` is not a number from 1 to 65535"),
            });
        }
    }
    Ok(())
}

fn to_libpq(raw: &str) -> Result<String, ConnError> {
    let Some((scheme, rest)) = raw.split_once("://") else {
        return Err(ConnError::Invalid {
            url: redact(raw),
            reason: "expected a URL like postgres://user@host:5432/dbname".into(),
        });
    };
    // SQLAlchemy spells the driver into the scheme: postgresql+asyncpg://, postgresql+psycopg2://.
    let base = scheme.split('+').next().unwrap_or(scheme);
    match base {
        "postgres" | "postgresql" => Ok(format!("postgresql://{rest}")),
        _ => Err(ConnError::Invalid {
            url: redact(raw),
            reason: format!("unsupported scheme `{scheme}://` (use postgres:// or postgresql://)"),
        }),
    }
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `%XX` escapes decoded (an invalid one is kept as written), for comparing URL query keys.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(b) if bytes[i] == b'%' => {
                out.push(b);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Replaces the password in a URL (`user:secret@host` and `?password=secret`) with `***`; in a
/// libpq `key=value` string (which is not accepted, but is echoed in the error), `password=...`.
pub fn redact(url: &str) -> String {
    if !url.contains("://") {
        return redact_keyword_values(url);
    }
    let mut out = url.to_string();
    if let Some(scheme_end) = out.find("://") {
        let auth_start = scheme_end + 3;
        let rest = &out[auth_start..];
        if let Some((start, end)) = password_span(rest) {
            out = format!(
                "{}{}***{}",
                &out[..auth_start],
                &rest[..start],
                &rest[end..]
            );
        }
    }
    if let Some(q) = out.find('?') {
        let (head, query) = out.split_at(q + 1);
        let parts: Vec<String> = query
            .split('&')
            .map(|kv| match kv.split_once('=') {
                // tokio-postgres percent-decodes keys: `%70assword=` sets the password too.
                Some((k, _)) if percent_decode(k).eq_ignore_ascii_case("password") => {
                    format!("{k}=***")
                }
                _ => kv.to_string(),
            })
            .collect();
        out = format!("{head}{}", parts.join("&"));
    }
    out
}

/// `password=secret` / `password = 'se cret'` in a libpq keyword/value string becomes `password=***`.
fn redact_keyword_values(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::new();
    let mut rest_start = 0;
    let mut search = 0;
    while let Some(i) = lower[search..].find("password").map(|i| i + search) {
        let after = &text[i + "password".len()..];
        let trimmed = after.trim_start();
        let Some(value) = trimmed.strip_prefix('=') else {
            search = i + "password".len();
            continue;
        };
        let value = value.trim_start();
        let value_start = text.len() - value.len();
        let value_end = if let Some(quoted) = value.strip_prefix('\'') {
            quoted
                .find('\'')
                .map_or(text.len(), |j| value_start + 1 + j + 1)
        } else {
            value
                .find(char::is_whitespace)
                .map_or(text.len(), |j| value_start + j)
        };
        out.push_str(&text[rest_start..i]);
        out.push_str("password=***");
        rest_start = value_end;
        search = value_end;
    }
    out.push_str(&text[rest_start..]);
    out
}

/// Removes the password of `url` from any text (an error message may echo it back).
pub fn redact_text(text: &str, url: &str) -> String {
    match password_of(url) {
        Some(pw) if !pw.is_empty() => text.replace(&pw, "***"),
        _ => text.to_string(),
    }
}

fn password_of(url: &str) -> Option<String> {
    let rest = &url[url.find("://")? + 3..];
    let (start, end) = password_span(rest)?;
    Some(rest[start..end].to_string())
}

/// Where the password of `user:password@` lies in `rest` (the URL after `://`). Two readings
/// are in use: libpq's (an `@` inside the authority) and tokio-postgres's (the first `@`
/// anywhere, even past a `/`: `postgres://h/x:pw@y` has password `pw` for it). The span covers
/// both, so neither can show a password; the spans share their `:` whenever both exist.
fn password_span(rest: &str) -> Option<(usize, usize)> {
    let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let spans = [rest[..auth_end].rfind('@'), rest.find('@')]
        .into_iter()
        .flatten()
        .filter_map(|at| rest[..at].find(':').map(|colon| (colon + 1, at)));
    spans.reduce(|(s1, e1), (s2, e2)| (s1.min(s2), e1.max(e2)))
}

/// One line saying why a connection or query failed, with PostgreSQL's own message when there is
/// one (`password authentication failed for user "x"`) and never the password.
pub fn describe_pg_error(e: &tokio_postgres::Error, url: &str) -> String {
    let text = match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => {
            let mut s = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(inner) = source {
                s = format!("{s}: {inner}");
                source = inner.source();
            }
            s
        }
    };
    redact_text(&text, url)
}

/// `--db` or `DATABASE_URL` from the environment or a `.env` file in `dir`.
pub fn resolve_db_arg(arg: Option<&str>, dir: &Path) -> Option<String> {
    if let Some(a) = arg {
        return Some(a.to_string());
    }
    if let Ok(v) = std::env::var("DATABASE_URL") {
        if !v.trim().is_empty() {
            return Some(v);
        }
    }
    dotenv_value(&dir.join(".env"), "DATABASE_URL")
}

/// Reads `KEY=value` (optionally `export KEY=...`, quoted values) from a dotenv file.
pub fn dotenv_value(path: &Path, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    dotenv_lookup(&text, key)
}

/// `key`'s value in the text of a dotenv file (see [`dotenv_value`]).
pub fn dotenv_lookup(text: &str, key: &str) -> Option<String> {
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        if k.trim() != key {
            continue;
        }
        let v = v.trim();
        let v = v
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(v);
        return Some(v.to_string());
    }
    None
}

/// The server's major version (`server_version_num / 10000`).
pub async fn server_major(client: &Client) -> Result<u32, tokio_postgres::Error> {
    let row = client
        .query_one("SELECT current_setting('server_version_num')::int", &[])
        .await?;
    let num: i32 = row.get(0);
    Ok((num / 10000) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords_everywhere() {
        assert_eq!(
            redact("postgres://u:s3cret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(
            redact("postgres://u@h/db?password=s3cret&sslmode=disable"),
            "postgres://u@h/db?password=***&sslmode=disable"
        );
        assert_eq!(redact("postgres://h/db"), "postgres://h/db");
        assert_eq!(
            redact("host=h password=s3cret user=u"),
            "host=h password=*** user=u"
        );
        assert_eq!(
            redact("host=h PASSWORD = 'se cret' user=u"),
            "host=h password=*** user=u"
        );
        assert_eq!(
            redact_text("bad s3cret here", "postgres://u:s3cret@h/db"),
            "bad *** here"
        );
        // Found by the url fuzz target: tokio-postgres reads the credentials up to the first
        // `@` even past a `/`, so `s3cret` is a password here although libpq would not say so.
        assert_eq!(
            redact("postgres://32/user:s3cret@[::1]:5432/db"),
            "postgres://32/user:***@[::1]:5432/db"
        );
        // tokio-postgres percent-decodes query keys, so this sets the password too.
        assert_eq!(
            redact("postgres://u@h/db?%70assword=s3cret&x=%"),
            "postgres://u@h/db?%70assword=***&x=%"
        );
    }

    #[test]
    fn accepts_sqlalchemy_urls() {
        for u in [
            "postgresql+asyncpg://u:p@localhost/db",
            "postgresql+psycopg2://u:p@localhost/db",
            "postgres://u@localhost/db",
        ] {
            let url = DbUrl::parse(u).unwrap();
            assert_eq!(url.dbname().as_deref(), Some("db"));
        }
        assert!(DbUrl::parse("mysql://x@y/z").is_err());
        for bad in [
            "postgres://u:p@h:abc/db",
            "postgres://h:0/db",
            "postgres://h:70000/db",
        ] {
            let e = DbUrl::parse(bad)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(e.contains("port `"), "{bad}: {e}");
            assert!(!e.contains(":p@"), "{e}");
        }
        assert!(DbUrl::parse("postgres://[::1]:5432,h2:5433/db").is_ok());
        assert!(DbUrl::parse("not a url").is_err());
    }

    #[test]
    fn libpq_env_carries_every_setting() {
        let url = DbUrl::parse(
            "postgres://u:s%40cret@db.example:6543/app?sslmode=disable&connect_timeout=5&options=-c%20x%3Dy",
        )
        .unwrap();
        let env: std::collections::HashMap<&str, String> = url
            .libpq_env()
            .unwrap()
            .into_iter()
            .map(|(k, v)| (k, v.to_string_lossy().into_owned()))
            .collect();
        let get = |k: &str| env.get(k).map(String::as_str);
        assert_eq!(get("PGPASSWORD"), Some("s@cret"));
        assert_eq!(get("PGHOST"), Some("db.example"));
        assert_eq!(get("PGPORT"), Some("6543"));
        assert_eq!(get("PGUSER"), Some("u"));
        assert_eq!(get("PGDATABASE"), Some("app"));
        assert_eq!(get("PGSSLMODE"), Some("disable"));
        assert_eq!(get("PGCONNECT_TIMEOUT"), Some("5"));
        assert_eq!(get("PGOPTIONS"), Some("-c x=y"));
        let bare = DbUrl::parse("postgres://localhost/db")
            .unwrap()
            .libpq_env()
            .unwrap();
        assert!(bare
            .iter()
            .all(|(k, _)| *k != "PGPASSWORD" && *k != "PGUSER"));
        assert_eq!(url.scrub("failed for s@cret"), "failed for ***");
    }

    #[test]
    fn switches_database() {
        let url = DbUrl::parse("postgres://u:p@localhost:5433/app?sslmode=disable").unwrap();
        let other = url.with_dbname("scratch_1").unwrap();
        assert_eq!(other.dbname().as_deref(), Some("scratch_1"));
        assert_eq!(
            other.redacted(),
            "postgresql://u:***@localhost:5433/scratch_1?sslmode=disable"
        );
    }

    #[test]
    fn reads_dotenv() {
        let dir = std::env::temp_dir().join(format!("pgdrift-dotenv-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(".env"),
            "# c\nexport DATABASE_URL=\"postgresql+asyncpg://a:b@h/d\"\n",
        )
        .unwrap();
        assert_eq!(
            dotenv_value(&dir.join(".env"), "DATABASE_URL").as_deref(),
            Some("postgresql+asyncpg://a:b@h/d")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
