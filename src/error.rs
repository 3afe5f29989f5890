//! The library's error type: one variant per stage, each carrying a typed error that says what
//! went wrong and where. The binary prints them and exits with code 2.

use std::path::PathBuf;

use crate::alembic::AlembicError;
use crate::apply::ApplyError;
use crate::conn::ConnError;
use crate::ephemeral::EphemeralError;
use crate::introspect::IntrospectError;
use crate::lint::LintError;
use crate::load::LoadError;
use crate::normalize::NormalizeError;
use crate::plan::PlanError;
use crate::squash::SquashError;
use crate::witness::WitnessError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Conn(#[from] ConnError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Introspect(#[from] IntrospectError),
    #[error(transparent)]
    Normalize(#[from] NormalizeError),
    #[error(transparent)]
    Ephemeral(#[from] EphemeralError),
    #[error(transparent)]
    Postgres(#[from] crate::postgres::PostgresError),
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error(transparent)]
    Apply(#[from] ApplyError),
    #[error(transparent)]
    Squash(#[from] SquashError),
    #[error(transparent)]
    Witness(#[from] WitnessError),
    #[error(transparent)]
    Lint(#[from] LintError),
    #[error(transparent)]
    Alembic(#[from] AlembicError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Other(String),
}
