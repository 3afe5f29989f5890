//! `--verify` (build the squash in a scratch database, compare through the model and through the
//! pg_dump witness) and `--stamp` (record the revision only when there is no drift).

use std::collections::HashMap;

use super::extras::{extras_differences, read_extras};
use super::fingerprint::{canonical, fingerprint};
use super::render::{check_revision, render_sql, Meta, MIGRATION, VIEWS};
use super::script::Script;
use super::{DumpSource, SquashError, SquashSource, ALEMBIC_VERSION};
use crate::app::{self, Source};
use crate::conn::{describe_pg_error, DbUrl};
use crate::ddl::Statement;
use crate::diff::{self, Change};
use crate::error::Error;
use crate::introspect::{introspect, IntrospectOptions};
use crate::model::{quote_ident, quote_literal, IgnoreRule, QualifiedName, Schema, DEFAULT_SCHEMA};
use crate::normalize::{self, DevServer, Scratch};
use crate::witness::{self, DumpTarget, NotRun, Outcome};

/// Statements per autocommit batch when building in the scratch database: one transaction cannot
/// hold the locks of thousands of relations, and verifying is about what the statements build.
const BATCH: usize = 64;

/// Runs `statements` in order on `client`; names the statement PostgreSQL rejects.
pub async fn apply_statements(
    client: &tokio_postgres::Client,
    statements: &[Statement],
) -> Result<(), SquashError> {
    let runnable: Vec<(usize, &Statement)> = statements
        .iter()
        .enumerate()
        .filter(|(_, s)| s.object != "session")
        .collect();
    client
        .batch_execute(&format!(
            "SET search_path TO {}",
            quote_ident(DEFAULT_SCHEMA)
        ))
        .await
        .map_err(|e| SquashError::Query(describe_pg_error(&e, "")))?;
    let progress = crate::progress::Progress::start("verify: statements", Some(runnable.len()));
    apply_numbered(client, &runnable, &progress).await
}

/// Runs `runnable` (each with its index in the migration) in autocommit batches.
async fn apply_numbered(
    client: &tokio_postgres::Client,
    runnable: &[(usize, &Statement)],
    progress: &crate::progress::Progress,
) -> Result<(), SquashError> {
    for chunk in runnable.chunks(BATCH) {
        progress.inc(chunk.len());
        let batch: String = chunk.iter().map(|(_, s)| format!("{};\n", s.sql)).collect();
        if client.batch_execute(&batch).await.is_ok() {
            continue;
        }
        // The batch ran as one implicit transaction and rolled back; replay it statement by
        // statement to name the one PostgreSQL rejects.
        for (i, st) in chunk {
            if let Err(e) = client.batch_execute(&st.sql).await {
                return Err(SquashError::Rejected {
                    index: i + 1,
                    object: st.object.clone(),
                    message: crate::kinds::publication::explain_error(
                        &st.sql,
                        &e,
                        crate::kinds::event_trigger::explain_error(
                            &st.sql,
                            &e,
                            describe_pg_error(&e, ""),
                        ),
                    ),
                    sql: st.sql.clone(),
                });
            }
        }
    }
    Ok(())
}

/// Builds `script.migration` in `scratch` on `--jobs` connections, stage by stage
/// (`Script::stages`); a rejected statement is named by its place in the migration, as
/// [`apply_statements`] names it.
async fn apply_migration(scratch: &Scratch, script: &Script) -> Result<(), Error> {
    let jobs = normalize::parallel::jobs_for(&scratch.client).await;
    normalize::trace(&format!("verify: migration on {jobs} connection(s)"));
    if jobs <= 1 {
        return Ok(apply_statements(&scratch.client, &script.migration).await?);
    }
    let helpers = scratch.helpers(jobs - 1).await?;
    let mut clients = vec![&scratch.client];
    clients.extend(helpers.iter());
    let place: HashMap<(&str, &str), usize> = script
        .migration
        .iter()
        .enumerate()
        .map(|(i, s)| ((s.object.as_str(), s.sql.as_str()), i))
        .collect();
    let total = script.stages.iter().flatten().map(Vec::len).sum();
    let progress = crate::progress::Progress::start("verify: statements", Some(total));
    let (place, progress) = (&place, &progress);
    normalize::parallel::run_stages(&clients, &script.stages, |client, lane| async move {
        let numbered: Vec<(usize, &Statement)> = lane
            .iter()
            .filter(|s| s.object != "session")
            .map(|s| {
                let at = place.get(&(s.object.as_str(), s.sql.as_str()));
                (at.copied().unwrap_or(0), s)
            })
            .collect();
        apply_numbered(client, &numbered, progress).await
    })
    .await?;
    Ok(())
}

/// `--verify-strict`: the migration (and the views file) run exactly as a user runs them, each
/// file's SQL text in one session (its BEGIN ... COMMIT one transaction), once, in a new scratch
/// database; what it builds must have the fingerprint of the staged build (`staged`). `None`
/// when it does, else what went wrong.
pub async fn strict(
    src: &SquashSource,
    script: &Script,
    dev: &DevServer,
    staged: &str,
) -> Result<Option<String>, Error> {
    let scratch = Scratch::create(dev).await?;
    let result = strict_in(src, script, &scratch, staged).await;
    scratch.drop_now().await;
    result
}

async fn strict_in(
    src: &SquashSource,
    script: &Script,
    scratch: &Scratch,
    staged: &str,
) -> Result<Option<String>, Error> {
    crate::kinds::privilege::ensure_roles(&scratch.client, &src.schema, scratch.throwaway().await)
        .await
        .map_err(|e| normalize::NormalizeError::Query(e.to_string()))?;
    let meta = Meta::new(src);
    for (what, statements) in [(MIGRATION, &script.migration), (VIEWS, &script.views)] {
        if statements.is_empty() {
            continue;
        }
        let text = render_sql(&meta, what, statements);
        if let Err(e) = scratch.client.batch_execute(&text).await {
            return Ok(Some(format!(
                "--verify-strict: {what}, run in one session as written, failed: {}",
                describe_pg_error(&e, "")
            )));
        }
    }
    let rebuilt = introspect(
        &scratch.client,
        &IntrospectOptions {
            schemas: read_schemas(src),
        },
    )
    .await?;
    let one_session = fingerprint(&rebuilt);
    Ok((one_session != staged).then(|| {
        format!("--verify-strict: the script run in one session built {one_session}, the staged build {staged}")
    }))
}

/// The schemas a rebuild is read from: `public` and the source's.
fn read_schemas(src: &SquashSource) -> Vec<String> {
    let mut schemas = vec![DEFAULT_SCHEMA.to_string()];
    for s in &src.schema.schemas {
        if !schemas.contains(s) {
            schemas.push(s.clone());
        }
    }
    schemas
}

/// The outcome of `--verify`.
pub struct Verification {
    pub differences: Vec<Change>,
    /// Differences the model cannot express (see [`Extras`](super::Extras)), one line each.
    pub extra_differences: Vec<String>,
    /// The fingerprint of the rebuilt database (equal to the header's unless the server prints
    /// some view differently the second time).
    pub rebuilt_fingerprint: String,
    pub rebuilt: Schema,
    /// What pg_dump of the source and of the rebuilt database says, independently of the model.
    pub witness: Outcome,
}

impl Verification {
    /// Whether pgdrift's model finds the rebuild equal to the source.
    pub fn model_agrees(&self) -> bool {
        self.differences.is_empty() && self.extra_differences.is_empty()
    }

    /// Whether verification passed: the model agrees, and so does the pg_dump witness unless
    /// `allow_unsupported` (a witness that could not run does not fail it).
    pub fn passed(&self, allow_unsupported: bool) -> bool {
        self.model_agrees() && (allow_unsupported || self.witness.differences().is_empty())
    }
}

/// Builds `script` in an empty scratch database on `dev` and diffs the result against `src`,
/// through the model and through the pg_dump witness.
pub async fn verify(
    src: &SquashSource,
    script: &Script,
    dev: &DevServer,
) -> Result<Verification, Error> {
    let scratch = Scratch::create(dev).await?;
    let result = verify_in(src, script, &scratch).await;
    scratch.drop_now().await;
    result
}

async fn verify_in(
    src: &SquashSource,
    script: &Script,
    scratch: &Scratch,
) -> Result<Verification, Error> {
    if let Some(major) = src.major {
        normalize::check_versions(scratch.major, major)?;
    }
    crate::kinds::privilege::ensure_roles(&scratch.client, &src.schema, scratch.throwaway().await)
        .await
        .map_err(|e| normalize::NormalizeError::Query(e.to_string()))?;
    apply_migration(scratch, script).await?;
    apply_statements(&scratch.client, &script.views).await?;
    let schemas = read_schemas(src);
    let rebuilt = introspect(
        &scratch.client,
        &IntrospectOptions {
            schemas: schemas.clone(),
        },
    )
    .await?;
    let rebuilt_extras = read_extras(&scratch.client, &schemas).await?;
    let extra_differences = extras_differences(&src.extras, &rebuilt_extras);
    let rebuilt_fingerprint = fingerprint(&rebuilt);
    let mut left = canonical(&src.schema);
    let mut right = canonical(&rebuilt);
    // canonical() drops extension versions; restore the declared ones so a pinned version is
    // still verified.
    for (name, ext) in &src.schema.extensions {
        if let (Some(v), Some(l), Some(r)) = (
            &ext.version,
            left.extensions.get_mut(name),
            right.extensions.get_mut(name),
        ) {
            l.version = Some(v.clone());
            r.version = rebuilt.extensions.get(name).and_then(|e| e.version.clone());
        }
    }
    normalize::settle_fixpoints(scratch, &mut left, &mut right).await;
    let differences = diff::diff(&left, &right);
    let witness = witness_outcome(src, scratch).await?;
    Ok(Verification {
        differences,
        extra_differences,
        rebuilt_fingerprint,
        rebuilt,
        witness,
    })
}

/// pg_dump of the source and of the rebuilt scratch database, with the same selection, compared.
/// Not run (and not failing) without a source database or without a pg_dump of the server's
/// major version or newer.
async fn witness_outcome(src: &SquashSource, scratch: &Scratch) -> Result<Outcome, Error> {
    let source = match &src.dump {
        DumpSource::Database(target) => target,
        DumpSource::Snapshot => return Ok(Outcome::NotRun(NotRun::Snapshot)),
        DumpSource::Dropped => return Ok(Outcome::NotRun(NotRun::SourceDropped)),
    };
    // check_versions made the two equal when the source's is known.
    let major = src.major.unwrap_or(scratch.major).max(scratch.major);
    let Some(pg_dump) = witness::find_pg_dump(major) else {
        return Ok(Outcome::NotRun(NotRun::NoPgDump { major }));
    };
    let rebuilt = DumpTarget {
        url: scratch.url().clone(),
        ..source.clone()
    };
    let differences = witness::compare_databases(&pg_dump, source, &rebuilt).await?;
    Ok(Outcome::Compared {
        version: pg_dump.version,
        differences,
    })
}

// ---------------------------------------------------------------------------------------------
// Stamp
// ---------------------------------------------------------------------------------------------

/// Changes that concern `alembic_version` (the table and its members).
pub fn without_alembic_version(changes: Vec<Change>) -> Vec<Change> {
    without_table(changes, ALEMBIC_VERSION)
}

/// `changes` without those about the public table `table` (a migration tool's bookkeeping).
pub fn without_table(changes: Vec<Change>, table: &str) -> Vec<Change> {
    let rule = IgnoreRule {
        kind: "table".to_string(),
        name: table.to_string(),
        reason: "migration-tool bookkeeping".to_string(),
    };
    diff::apply_ignores(changes, &[rule]).0
}

/// Records `revision` as the only row of `alembic_version` (created if absent), in one
/// transaction.
pub async fn write_alembic_version(url: &DbUrl, revision: &str) -> Result<(), Error> {
    check_revision(revision)?;
    let mut client = url.connect().await?;
    let table = QualifiedName::new(DEFAULT_SCHEMA, ALEMBIC_VERSION).sql();
    let sql = format!(
        "CREATE TABLE IF NOT EXISTS {table} (version_num varchar(32) NOT NULL, \
         CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));\n\
         LOCK TABLE {table} IN EXCLUSIVE MODE;\n\
         DELETE FROM {table};\n\
         INSERT INTO {table} (version_num) VALUES ({});",
        quote_literal(revision)
    );
    let fail = |e: tokio_postgres::Error| {
        Error::Other(format!(
            "{}: recording revision {revision} in alembic_version failed (nothing was changed): {}",
            url.redacted(),
            describe_pg_error(&e, "")
        ))
    };
    let tx = client.transaction().await.map_err(fail)?;
    tx.batch_execute(&sql).await.map_err(fail)?;
    tx.commit().await.map_err(fail)?;
    Ok(())
}

/// `--stamp`: compares `source` with the database at `url` (alembic_version left out) and, only
/// without drift, records `revision`. Returns the drift (empty when stamped).
pub async fn stamp(
    source: &Source,
    url: &DbUrl,
    dev: Option<&DevServer>,
    schemas: &[String],
    revision: &str,
) -> Result<Vec<Change>, Error> {
    check_revision(revision)?;
    let cmp = app::compare(source, &Source::Db(url.clone()), dev, schemas).await?;
    let drift: Vec<Change> = without_alembic_version(cmp.changes);
    if drift.is_empty() {
        write_alembic_version(url, revision).await?;
    }
    Ok(drift)
}

// ---------------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------------

pub(super) fn print_changes(changes: &[Change]) {
    for c in changes {
        eprintln!("  {} {}: {}", c.category.as_str(), c.object, c.summary);
        if let Some(d) = &c.detail {
            for line in d.lines() {
                eprintln!("      {line}");
            }
        }
    }
}

/// Prints what `--verify` found: the model's differences, then the pg_dump witness.
pub(super) fn report_verification(v: &Verification, src: &SquashSource, allow_unsupported: bool) {
    if !v.model_agrees() {
        eprintln!(
            "verify FAILED: the rebuilt schema differs from the source in {} place(s) (\"declaration\" = the squash source, \"database\" = the database the squash built):",
            v.differences.len() + v.extra_differences.len()
        );
        print_changes(&v.differences);
        for line in &v.extra_differences {
            eprintln!("  {line}");
        }
    } else if v.passed(allow_unsupported) {
        eprintln!("verified: 0 differences");
        let expected = fingerprint(&src.schema);
        if v.rebuilt_fingerprint != expected {
            eprintln!("note: the rebuilt database's fingerprint is {} (the header records {expected}); PostgreSQL prints some view text differently once rebuilt, so `check --fingerprint` will report a change", v.rebuilt_fingerprint);
        }
    } else {
        eprintln!("verify FAILED: pgdrift's model finds 0 differences, but pg_dump does not agree");
    }
    match &v.witness {
        Outcome::NotRun(why) => eprintln!("pg_dump witness: not run: {why}"),
        Outcome::Compared {
            version,
            differences,
        } if differences.is_empty() => {
            eprintln!("pg_dump witness: identical (pg_dump {version})")
        }
        Outcome::Compared {
            version,
            differences,
        } => {
            let warning = if allow_unsupported { "warning: " } else { "" };
            eprintln!(
                "{warning}pg_dump witness: {}, by pg_dump {version}:",
                witness::summary(differences)
            );
            eprint!("{}", witness::render(differences));
            if allow_unsupported {
                eprintln!("  (accepted: --allow-unsupported)");
            } else {
                eprintln!("  (a squash leaves out what pgdrift does not model: functions, triggers, policies, grants, partitioning, ...; --allow-unsupported accepts that)");
            }
        }
    }
}
