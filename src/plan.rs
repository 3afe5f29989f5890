//! (being written)

/// Arguments of `pgdrift plan`.
#[derive(clap::Args, Debug)]
pub struct PlanArgs {
    #[command(flatten)]
    pub db: crate::app::DbArgs,
}

/// Runs `pgdrift plan`; returns the exit code.
pub async fn run(args: PlanArgs) -> Result<u8, crate::Error> {
    let _ = args;
    Err(crate::Error::Other("not implemented yet".into()))
}
