//! The `pgdrift lint` subcommand: read a schema from one source, run the rules, print, exit
//! 0 (no finding at error severity), 1 (some) or 2 (bad input, no connection).

use clap::{Args, ValueEnum};

use super::{render, rules, run, Config, Outcome};
use crate::error::Error;
use crate::sources::SourceArgs;

#[derive(Clone, Copy, ValueEnum)]
pub enum LintFormat {
    Human,
    Json,
    Markdown,
    /// GitHub Actions annotations (`::error file=schema.yaml,line=N::...`).
    Github,
    /// SARIF 2.1.0 for code scanning (GitHub upload-sarif, GitLab), located at the declarations.
    Sarif,
}

#[derive(Args)]
#[command(
    after_help = "Sources: the declared project (default: schema.yaml + views/, read offline), \
--db URL (a live database; DATABASE_URL is not used unless --db is given) or --against FILE (a snapshot).\n\n\
Examples:\n  pgdrift lint\n  pgdrift lint --against snapshots/production.yaml --format github\n  \
pgdrift lint --format sarif > pgdrift-lint.sarif\n  \
pgdrift lint --db postgres://app@db/app --rule fk-indexed=error --format json\n\n\
Exit codes: 0 no finding at error severity, 1 some, 2 error (bad configuration, no connection)."
)]
pub struct LintArgs {
    /// What to lint: the declared project (default), --db URL or --against FILE. The schema
    /// file's `lint:` key configures the rules whatever the source.
    #[command(flatten)]
    pub source: SourceArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: LintFormat,
    /// Set a rule's severity: RULE=error|warning|off (repeatable; overrides schema.yaml).
    #[arg(long = "rule", value_name = "RULE=SEVERITY")]
    pub rules: Vec<String>,
    /// Print the rules (id, default severity, why) and exit.
    #[arg(long)]
    pub list_rules: bool,
}

/// Runs the command and prints its output; returns the exit code.
pub async fn run_cli(args: LintArgs) -> Result<u8, Error> {
    if args.list_rules {
        print!("{}", list_rules());
        return Ok(0);
    }
    let outcome = lint(&args).await?;
    let text = match args.format {
        LintFormat::Human => render::human(&outcome, crate::color::stdout()),
        LintFormat::Json => render::json(&outcome),
        LintFormat::Markdown => render::markdown(&outcome),
        LintFormat::Github => render::github(&outcome),
        LintFormat::Sarif => crate::sarif::lint(&outcome, fallback_file(&args.source)),
    };
    print!("{text}");
    Ok(outcome.exit_code())
}

/// The file a finding without a declaration is reported on, as a whole: the snapshot linted,
/// or the declared schema file; none for a live database.
fn fallback_file(source: &SourceArgs) -> Option<&std::path::Path> {
    if let Some(path) = &source.against {
        Some(path)
    } else if source.db.db.is_some() {
        None
    } else {
        Some(&source.schema_file)
    }
}

/// Reads the configuration and the schema, runs the rules.
pub async fn lint(args: &LintArgs) -> Result<Outcome, Error> {
    let mut config = Config::from_file(&args.source.schema_file)?;
    for r in &args.rules {
        config.set_rule_arg(r)?;
    }
    let read = args.source.read().await?;
    Ok(run(&read.schema, &config, &read.sources, &read.label))
}

/// The rules table: id, default severity, why.
pub fn list_rules() -> String {
    let width = rules::ALL.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in rules::ALL {
        out.push_str(&format!(
            "{:<width$}  {:<7}  {}\n",
            r.id,
            r.default.as_str(),
            r.why
        ));
    }
    out
}
