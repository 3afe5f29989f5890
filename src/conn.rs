//! Connection strings: where they come from (`--db`, `DATABASE_URL`, `.env`), which spellings we
//! accept (libpq URLs and SQLAlchemy's `postgresql+driver://`), and how they are shown (never with
//! a password).

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
        let (client, connection) = config
            .connect(NoTls)
            .await
            .map_err(|e| ConnError::Connect {
                url: self.redacted(),
                reason: describe_pg_error(&e, &self.raw),
            })?;
        tokio::spawn(async move {
            // The connection task ends when the client is dropped; its errors surface on queries.
            let _ = connection.await;
        });
        Ok(client)
    }
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

/// Replaces the password in a URL (`user:secret@host` and `?password=secret`) with `***`.
pub fn redact(url: &str) -> String {
    let mut out = url.to_string();
    if let Some(scheme_end) = out.find("://") {
        let auth_start = scheme_end + 3;
        let rest = &out[auth_start..];
        let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
        if let Some(at) = rest[..auth_end].rfind('@') {
            if let Some(colon) = rest[..at].find(':') {
                out = format!(
                    "{}{}:***{}",
                    &out[..auth_start],
                    &rest[..colon],
                    &rest[at..]
                );
            }
        }
    }
    if let Some(q) = out.find('?') {
        let (head, query) = out.split_at(q + 1);
        let parts: Vec<String> = query
            .split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                _ => kv.to_string(),
            })
            .collect();
        out = format!("{head}{}", parts.join("&"));
    }
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
    let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let at = rest[..auth_end].rfind('@')?;
    let (_, pw) = rest[..at].split_once(':')?;
    Some(pw.to_string())
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
            redact_text("bad s3cret here", "postgres://u:s3cret@h/db"),
            "bad *** here"
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
        assert!(DbUrl::parse("not a url").is_err());
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
