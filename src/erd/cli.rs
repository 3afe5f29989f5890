//! The `pgdrift erd` subcommand.

use clap::{Args, ValueEnum};

use super::{dot, mermaid, Diagram, Selection};
use crate::error::Error;
use crate::model::QualifiedName;
use crate::sources::SourceArgs;

#[derive(Clone, Copy, ValueEnum)]
pub enum ErdFormat {
    /// Mermaid erDiagram (renders in GitHub Markdown inside a ```mermaid block).
    Mermaid,
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// A standalone SVG picture, drawn by pgdrift itself (no Graphviz needed): tables in a grid,
    /// one arrow per foreign key.
    Svg,
}

#[derive(Args)]
#[command(after_help = "Examples:\n  pgdrift erd > docs/erd.mmd\n  \
pgdrift erd --against snapshots/production.yaml --tables 'gene*'\n  \
pgdrift erd --around genes --depth 1 --format dot | dot -Tsvg > genes.svg\n  \
pgdrift erd --format svg > docs/erd.svg\n\n\
Exit codes: 0 written, 2 error (bad input, unknown --around table, cannot connect).")]
pub struct ErdArgs {
    /// What to draw: the declared project (default), --db URL or --against FILE.
    #[command(flatten)]
    pub source: SourceArgs,
    #[arg(long, value_enum, default_value = "mermaid")]
    pub format: ErdFormat,
    /// Only tables whose name matches (globs, repeatable): `gene*`, `audit.*`.
    #[arg(long = "tables", value_name = "GLOB")]
    pub tables: Vec<String>,
    /// Only this table and its neighbours within --depth foreign-key hops.
    #[arg(long, value_name = "TABLE")]
    pub around: Option<String>,
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub depth: usize,
    /// Every column, not only primary and foreign key columns.
    #[arg(long)]
    pub all_columns: bool,
    /// Views too, with an edge to each relation they read (databases and snapshots know these).
    #[arg(long = "with-views")]
    pub with_views: bool,
}

pub async fn run_cli(args: ErdArgs) -> Result<u8, Error> {
    let read = args.source.read().await?;
    let around = match &args.around {
        Some(name) => {
            let q = QualifiedName::parse(name)
                .map_err(|e| Error::Other(format!("--around {name}: {e}")))?;
            if !read.schema.tables.contains_key(&q) {
                return Err(Error::Other(format!(
                    "--around {name}: no such table in {}",
                    read.label
                )));
            }
            Some(q)
        }
        None => None,
    };
    let sel = Selection {
        tables: args.tables.clone(),
        around,
        depth: args.depth,
        all_columns: args.all_columns,
        views: args.with_views,
    };
    let d = Diagram::of(&read.schema, &sel);
    let text = match args.format {
        ErdFormat::Mermaid => mermaid::render(&d),
        ErdFormat::Dot => dot::render(&d),
        ErdFormat::Svg => crate::html::svg::standalone(&d),
    };
    print!("{text}");
    Ok(0)
}
