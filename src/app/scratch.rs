//! The scratch database of one side of a comparison, created on first use, and the handle a
//! command keeps to reuse a normalization ([`Normalized`]).

use std::collections::HashSet;
use std::path::Path;

use super::Resolved;
use crate::conn::describe_pg_error;
use crate::error::Error;
use crate::load;
use crate::model::{QualifiedName, Schema};
use crate::normalize::{cache, DevServer, Scratch};

/// The scratch database, created on first use: a cached normalization needs none unless view
/// fixpoints must be settled.
pub(crate) struct LazyScratch {
    pub(super) dev: DevServer,
    /// The major a throw-away cluster must run (see [`super::pinned_major`]).
    pub(super) pin: Option<u32>,
    pub(super) scratch: Option<Scratch>,
    /// The normalizer's major once asked: a fleet compares many databases with one normalizer.
    pub(super) known_major: Option<u32>,
    /// Whether every declared object exists in it, as settling deparse fixpoints needs.
    pub(super) complete: bool,
    /// What exists in it when not complete: an incremental normalization creates only the
    /// changed objects and what they need.
    pub(super) present: HashSet<QualifiedName>,
    /// The declared side as normalized in `scratch` (before a comparison settled or filtered
    /// it): comparing the same files again in this process reuses it.
    pub(super) normalized: Option<Resolved>,
    /// Whether to keep `normalized` (a copy of the whole declared model): only a command that
    /// compares the same files again asks for it.
    pub(super) keep: bool,
}

/// A comparison's scratch database with the declared side it normalized there, handed back by
/// [`super::compare_keeping`] so the command can read more from it (`plan`: the declared views'
/// columns) or compare the same declared files once more (`apply`'s check afterwards) without
/// normalizing again. Drop it with [`Normalized::drop_now`].
pub struct Normalized(pub(super) LazyScratch);

impl Normalized {
    /// The scratch database holding the declared objects, if the comparison made one (a cached
    /// normalization does not).
    pub fn scratch(&self) -> Option<&Scratch> {
        // An incremental normalization created only what changed: not every declared object
        // is there to read.
        self.0.scratch.as_ref().filter(|_| self.0.complete)
    }

    pub async fn drop_now(self) {
        if let Some(s) = self.0.scratch {
            s.drop_now().await;
        }
    }
}

impl LazyScratch {
    pub(crate) fn new(dev: DevServer, pin: Option<u32>) -> LazyScratch {
        LazyScratch {
            dev,
            pin,
            scratch: None,
            known_major: None,
            complete: false,
            present: HashSet::new(),
            normalized: None,
            keep: false,
        }
    }

    /// Drops the scratch database: the next [`LazyScratch::get`] creates an empty one.
    pub(super) async fn reset(&mut self) {
        if let Some(s) = self.scratch.take() {
            s.drop_now().await;
        }
        self.complete = false;
        self.present.clear();
    }

    /// Normalizes `declared` through the per-object cache in `dir` (`None`: no cache); when
    /// nothing cached applies, the whole project; when the incremental path fails, the whole
    /// project again, loaded anew with `reload` (the incremental path cut the model down), in a
    /// fresh scratch database. The declared model is consumed: both paths slim it while they
    /// read the scratch database back.
    pub(super) async fn normalize(
        &mut self,
        declared: load::Declared,
        reload: impl FnOnce() -> Result<load::Declared, Error> + Send + 'static,
        dir: Option<&Path>,
    ) -> Result<Schema, Error> {
        self.reset().await;
        let outcome = cache::normalize(declared, self.get().await?, dir).await?;
        let declared = match outcome {
            cache::Outcome::Done { schema, partial } => {
                self.complete = partial.is_none();
                self.present = partial.unwrap_or_default();
                return Ok(*schema);
            }
            cache::Outcome::Full(declared) => *declared,
            cache::Outcome::Retry => {
                self.reset().await;
                cache::trace("the incremental normalization failed: all of it again");
                cache::off_thread(reload)
                    .await
                    .ok_or_else(|| Error::Other("internal: a background task failed".into()))??
            }
        };
        let schema = cache::normalize_full(declared, self.get().await?, dir).await?;
        self.complete = true;
        Ok(schema)
    }

    /// Drops the scratch database, if one was made.
    pub(crate) async fn drop_now(self) {
        if let Some(s) = self.scratch {
            s.drop_now().await;
        }
    }

    pub(super) async fn get(&mut self) -> Result<&Scratch, Error> {
        if self.scratch.is_none() {
            self.scratch = Some(Scratch::create_for(&self.dev, self.pin).await?);
        }
        match self.scratch.as_ref() {
            Some(s) => Ok(s),
            None => Err(Error::Other(
                "internal: scratch database not created".into(),
            )),
        }
    }

    /// The normalizer's major version, without creating anything.
    pub(super) async fn major(&mut self) -> Result<u32, Error> {
        if let Some(s) = &self.scratch {
            return Ok(s.major);
        }
        if let Some(major) = self.known_major {
            return Ok(major);
        }
        let major = self.ask_major().await?;
        self.known_major = Some(major);
        Ok(major)
    }

    async fn ask_major(&self) -> Result<u32, Error> {
        match &self.dev {
            DevServer::Ephemeral => Ok(crate::ephemeral::planned_major(self.pin)?),
            DevServer::Url(url) => {
                let client = url.connect().await?;
                let major = crate::conn::server_major(&client).await.map_err(|e| {
                    Error::Other(format!("{}: {}", url.redacted(), describe_pg_error(&e, "")))
                })?;
                // A cache hit creates no scratch database, so it would hide a missing CREATEDB
                // until the day the declared files change: check what the cold path needs.
                let can = client
                    .query_one(
                        "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user",
                        &[],
                    )
                    .await
                    .map(|r| r.get::<_, bool>(0))
                    .unwrap_or(true);
                if !can {
                    return Err(crate::normalize::NormalizeError::CreateScratch {
                        server: url.redacted(),
                        reason: "the role has no CREATEDB (checked although the normalized declared schema is cached: any change to the declared files needs a scratch database)".into(),
                    }
                    .into());
                }
                Ok(major)
            }
        }
    }
}
