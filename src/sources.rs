//! The source options that `lint` and `erd` share with `check`: the declared project (default,
//! read offline), a live database (`--db`) or a snapshot (`--against`).

use std::path::PathBuf;

use clap::Args;

use crate::app::{self, DbArgs};
use crate::error::Error;
use crate::load::{self, SourceMap};
use crate::model::Schema;

#[derive(Args, Clone, Debug)]
pub struct SourceArgs {
    /// Read this live database instead of the declared files (with --schema/--exclude-schema).
    #[command(flatten)]
    pub db: DbArgs,
    /// Read this snapshot file instead of the declared files.
    #[arg(long, value_name = "FILE", conflicts_with = "db")]
    pub against: Option<PathBuf>,
    /// The declared schema file.
    #[arg(
        long = "schema-file",
        default_value = "schema.yaml",
        value_name = "FILE"
    )]
    pub schema_file: PathBuf,
    /// The folder of view files.
    #[arg(long, default_value = "views", value_name = "DIR")]
    pub views: PathBuf,
}

/// A schema read from one source, with declaration positions (declared projects only) and a
/// label for reports (a path, or a URL without its password).
pub struct Read {
    pub schema: Schema,
    pub sources: SourceMap,
    pub label: String,
}

impl SourceArgs {
    pub async fn read(&self) -> Result<Read, Error> {
        if let Some(path) = &self.against {
            return Ok(Read {
                schema: load::load_snapshot(path)?,
                sources: SourceMap::default(),
                label: path.display().to_string(),
            });
        }
        if self.db.db.is_some() {
            let t = app::target(&self.db).await?;
            let r = app::read_db(&t.url, &self.db.selection()).await?;
            return Ok(Read {
                schema: r.schema,
                sources: SourceMap::default(),
                label: r.label,
            });
        }
        let declared = load::load_project(&self.schema_file, &self.views)?;
        Ok(Read {
            schema: declared.schema,
            sources: declared.sources,
            label: format!("{} + {}", self.schema_file.display(), self.views.display()),
        })
    }
}
