//! (being written)

/// Arguments of `pgdrift squash`.
#[derive(clap::Args, Debug)]
pub struct SquashArgs {
    #[command(flatten)]
    pub db: crate::app::DbArgs,
}

/// Runs `pgdrift squash`; returns the exit code.
pub async fn run(args: SquashArgs) -> Result<u8, crate::Error> {
    let _ = args;
    Err(crate::Error::Other("not implemented yet".into()))
}
