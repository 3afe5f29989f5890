//! (being written)

/// Arguments of `pgdrift apply`.
#[derive(clap::Args, Debug)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub db: crate::app::DbArgs,
}

/// Runs `pgdrift apply`; returns the exit code.
pub async fn run(args: ApplyArgs) -> Result<u8, crate::Error> {
    let _ = args;
    Err(crate::Error::Other("not implemented yet".into()))
}
