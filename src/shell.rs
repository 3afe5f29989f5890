//! `pgdrift completions SHELL` and `pgdrift man`: shell completion scripts (clap_complete) and
//! man pages (clap_mangen), generated from the command line's own definition so they never
//! drift from `--help`. The binary passes its `clap::Command` in.

use std::path::{Path, PathBuf};

use clap::Args;
pub use clap_complete::Shell;

use crate::error::Error;

#[derive(Args)]
#[command(after_help = "Examples:\n  \
pgdrift completions bash > ~/.local/share/bash-completion/completions/pgdrift\n  \
pgdrift completions zsh > \"${fpath[1]}/_pgdrift\"\n  \
pgdrift completions fish > ~/.config/fish/completions/pgdrift.fish")]
pub struct CompletionsArgs {
    /// The shell to write the completion script for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Args)]
#[command(after_help = "Examples:\n  pgdrift man | man -l -\n  \
pgdrift man --out /usr/local/share/man/man1")]
pub struct ManArgs {
    /// Write one page per subcommand (pgdrift.1, pgdrift-check.1, ...) into this folder
    /// (created if missing) instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// The completion script for `shell`, for a binary named `pgdrift`. Hidden subcommands are
/// left out (clap_complete would offer them).
pub fn completions(shell: Shell, cmd: clap::Command) -> String {
    let mut cmd = without_hidden_subcommands(cmd);
    // Rendered in memory: clap_complete panics on a failed write (a closed pipe).
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "pgdrift", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// The same top-level command (about, arguments) with only its visible
/// subcommands: clap cannot remove a subcommand, so the command is rebuilt.
fn without_hidden_subcommands(cmd: clap::Command) -> clap::Command {
    // Before it is built, a command's arguments are only those it declares (no --help yet).
    let mut out = clap::Command::new("pgdrift")
        .version(env!("CARGO_PKG_VERSION"))
        .args(cmd.get_arguments().cloned())
        .subcommands(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    if let Some(about) = cmd.get_about() {
        out = out.about(about.clone());
    }
    out
}

/// The main man page (roff) as text.
pub fn man_page(cmd: clap::Command) -> Result<String, Error> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut buf)
        .map_err(|e| Error::Other(format!("rendering the man page: {e}")))?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// Writes a page per (visible) subcommand into `dir`; returns the files written.
pub fn man_pages_to(cmd: clap::Command, dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    clap_mangen::generate_to(cmd, dir).map_err(io)?;
    let mut written: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("pgdrift") && n.ends_with(".1"))
        })
        .collect();
    written.sort();
    Ok(written)
}
