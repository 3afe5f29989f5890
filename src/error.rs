//! The library's error type: one variant per stage, each carrying a typed error that says what
//! went wrong and where. The binary prints them and exits with code 2.

use crate::conn::ConnError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Conn(#[from] ConnError),
    #[error("{0}")]
    Other(String),
}
